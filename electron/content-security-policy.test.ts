import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, websocketOrigins } from './content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('content security policy', () => {
  it('allows scripts only from the app itself and forbids plugins, base and framing', () => {
    const policy = directives(buildContentSecurityPolicy([]));
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('lets the page connect only to the configured SIP server origin', () => {
    const policy = directives(buildContentSecurityPolicy(['wss://PBX.example.com:8089/ws?x=1']));
    expect(policy.get('connect-src')).toEqual(["'self'", 'wss://pbx.example.com:8089']);
    expect(directives(buildContentSecurityPolicy([])).get('connect-src')).toEqual(["'self'"]);
  });

  it('never lets a crafted server URL widen the policy or inject a directive', () => {
    const policy = buildContentSecurityPolicy([
      "wss://pbx.example.com; script-src 'unsafe-eval'",
      'https://pbx.example.com',
      'ws:',
      '*',
      'not a url',
    ]);
    expect(directives(policy).get('connect-src')).toEqual(["'self'"]);
    expect(policy).not.toContain('unsafe-eval');
  });

  it('keeps one entry per origin and drops default ports', () => {
    expect(websocketOrigins(['wss://a.example:443/one', 'wss://a.example/two', 'ws://127.0.0.1:8080/ws'])).toEqual([
      'wss://a.example',
      'ws://127.0.0.1:8080',
    ]);
  });
});
