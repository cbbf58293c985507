import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './content-security-policy';

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
    const policy = directives(buildContentSecurityPolicy());
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('limits connections to the app, WebSocket schemes and https (origins are the allow-list\'s), never plain http or a wildcard', () => {
    const connect = directives(buildContentSecurityPolicy()).get('connect-src');
    expect(connect).toEqual(["'self'", 'ws:', 'wss:', 'https:']);
    expect(connect).not.toContain('*');
    expect(connect).not.toContain('http:');
  });

  it('never allows inline or evaluated script', () => {
    const policy = buildContentSecurityPolicy();
    expect(policy).not.toContain("'unsafe-eval'");
    expect(directives(policy).get('script-src')).not.toContain("'unsafe-inline'");
  });
});
