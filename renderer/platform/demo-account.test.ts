// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { validateAccountSettings } from '../../shared/account-settings';
import { DEMO_ACCOUNT_META_NAME, demoAccountOfPage, parseDemoAccount } from './demo-account';

const DEMO = {
  serverUrl: 'ws://127.0.0.1:41234',
  sipUri: 'sip:1000@127.0.0.1',
  username: '1000',
  password: 'k3v9-p2xq-77ra',
  displayName: 'Demo user',
  iceServers: [],
};

function withMeta(...contents: string[]): void {
  for (const content of contents) {
    const meta = document.createElement('meta');
    meta.name = DEMO_ACCOUNT_META_NAME;
    meta.content = content;
    document.head.append(meta);
  }
}

afterEach(() => document.head.querySelectorAll('meta').forEach((meta) => meta.remove()));

describe('parseDemoAccount', () => {
  test('reads the account the demo writes, password included, as validateAccountSettings returns it', () => {
    const account = parseDemoAccount(JSON.stringify(DEMO));
    expect(account).toEqual(DEMO);
    const check = validateAccountSettings(account);
    expect(check.ok && check.value).toEqual(DEMO);
  });

  test.each([
    ['localhost', 'ws://localhost:5066'],
    ['another loopback address', 'ws://127.0.0.2:5066/ws'],
    ['IPv6 loopback', 'ws://[::1]:5066'],
    ['wss on loopback', 'wss://127.0.0.1:5067'],
  ])('accepts a server on this machine: %s', (_name, serverUrl) => {
    expect(parseDemoAccount(JSON.stringify({ ...DEMO, serverUrl }))?.serverUrl).toBe(serverUrl);
  });

  test.each([
    ['a server elsewhere', { ...DEMO, serverUrl: 'wss://pbx.example.com:8089/ws' }],
    ['a host name that only starts like loopback', { ...DEMO, serverUrl: 'ws://127.0.0.1.example.com:5066' }],
    ['a private address', { ...DEMO, serverUrl: 'ws://192.168.1.10:5066' }],
    ['ICE servers (media could be relayed away)', { ...DEMO, iceServers: [{ urls: 'turn:turn.example.com', username: 'u', credential: 'p' }] }],
    ['no password', { ...DEMO, password: '' }],
    ['a display name that would break the From header', { ...DEMO, displayName: 'Eve"\r\nX: 1' }],
    ['an array', [DEMO]],
    ['null', null],
    ['a number', 42],
  ])('refuses %s', (_name, value) => {
    expect(parseDemoAccount(JSON.stringify(value))).toBeNull();
  });

  test.each([
    ['nothing', undefined],
    ['not text', 12],
    ['empty text', ''],
    ['broken JSON', '{"serverUrl": '],
    ['HTML-escaped JSON left escaped', JSON.stringify(DEMO).replaceAll('"', '&quot;')],
    ['an enormous value', JSON.stringify({ ...DEMO, displayName: 'x'.repeat(10_000) })],
    ['a prototype-polluting key', '{"__proto__": {"serverUrl": "ws://127.0.0.1:1"}}'],
  ])('refuses %s without throwing', (_name, value) => {
    expect(parseDemoAccount(value)).toBeNull();
  });

  test('never throws, and whatever it returns passes validateAccountSettings and is on loopback', () => {
    const field = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constant(undefined), fc.integer(), fc.constant(null));
    const account = fc.record({
      serverUrl: fc.oneof(field, fc.constantFrom('ws://127.0.0.1:5066', 'ws://localhost:1', 'wss://[::1]:2', 'ws://10.0.0.1:5')),
      sipUri: fc.oneof(field, fc.constant('sip:1000@127.0.0.1')),
      username: fc.oneof(field, fc.constant('1000')),
      password: fc.oneof(field, fc.constant('pw')),
      displayName: field,
      iceServers: fc.oneof(fc.constant([]), fc.constant(undefined), fc.array(fc.anything(), { maxLength: 2 })),
    });
    const content = fc.oneof(fc.anything(), fc.string(), account.map((value) => JSON.stringify(value)));
    fc.assert(
      fc.property(content, (value) => {
        const parsed = parseDemoAccount(value);
        if (parsed === null) return;
        expect(validateAccountSettings(parsed).ok).toBe(true);
        expect(parsed.serverUrl).toMatch(/^wss?:\/\/(127\.|localhost|\[::1\])/);
        expect(parsed.iceServers).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('demoAccountOfPage', () => {
  test('reads the one meta tag of a page served from this machine', () => {
    withMeta(JSON.stringify(DEMO));
    expect(demoAccountOfPage(document, '127.0.0.1')).toEqual(DEMO);
    expect(demoAccountOfPage(document, 'localhost')).toEqual(DEMO);
  });

  test('ignores it on a page served from anywhere else', () => {
    withMeta(JSON.stringify(DEMO));
    expect(demoAccountOfPage(document, 'phone.example.com')).toBeNull();
    expect(demoAccountOfPage(document, '')).toBeNull();
  });

  test('a page without the tag, or with two of them, has no demo account', () => {
    expect(demoAccountOfPage(document, '127.0.0.1')).toBeNull();
    withMeta(JSON.stringify(DEMO), JSON.stringify({ ...DEMO, username: '1001', sipUri: 'sip:1001@127.0.0.1' }));
    expect(demoAccountOfPage(document, '127.0.0.1')).toBeNull();
  });
});
