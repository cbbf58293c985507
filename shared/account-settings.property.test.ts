import fc from 'fast-check';
import { UserAgent } from 'sip.js';
import { describe, expect, it } from 'vitest';
import {
  accountAor,
  accountDomain,
  accountSettingsSchema,
  validateAccountSettings,
  type AccountIssueCode,
} from './account-settings';

// Every documented code, once: a Record over the union makes a missing or unknown one a type error.
const DOCUMENTED: Record<AccountIssueCode, true> = {
  'form-invalid': true, 'server-url-missing': true, 'server-url-too-long': true, 'server-url-scheme': true,
  'server-url-invalid': true, 'server-url-insecure': true, 'sip-uri-missing': true, 'sip-uri-too-long': true,
  'sip-uri-invalid': true, 'sip-uri-user-mismatch': true, 'username-missing': true, 'username-too-long': true,
  'username-invalid': true, 'authorization-user-too-long': true, 'authorization-user-invalid': true, 'password-missing': true,
  'password-too-long': true, 'password-invalid': true, 'display-name-too-long': true, 'display-name-invalid': true,
  'ice-servers-too-many': true, 'ice-server-invalid': true, 'ice-server-url-invalid': true, 'ice-server-credentials-missing': true,
  'ice-relay-invalid': true, 'ice-relay-needs-turn': true, 'dtmf-method-invalid': true,
};
const CODES = Object.keys(DOCUMENTED);
const FIELDS = ['form', 'serverUrl', 'sipUri', 'username', 'authorizationUser', 'password', 'displayName', 'iceServers', 'iceTransportPolicy', 'dtmfMethod'];

const hostile = fc.constantFrom(
  '', ' ', '\r\n', '\u0000', '\u202E', '\u00A0', '"', '\\', '<', '>', '@', ':', '/', '?', '#', '%', '%zz', '[', ']', '::1', 'é', '😀',
  '\uD800', 'x'.repeat(600),
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.oneof(hostile, fc.string({ maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join('')),
);

// Server URLs that are often valid, so the "ok" branch is exercised: scheme, host, port, path.
const serverUrl = fc.oneof(
  text,
  fc
    .tuple(
      fc.constantFrom('wss://', 'ws://', 'WSS://', 'https://', 'ws:/', ''),
      fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().map((a) => `[${a}]`), fc.constantFrom('localhost', '127.0.0.1', '0a', 'pbx.example.com')),
      fc.option(fc.integer({ min: 0, max: 70000 }).map((port) => `:${port}`), { nil: '' }),
      fc.constantFrom('', '/', '/ws', '/a b', '/%41?x=1', '/%zz', '#f', '/ws?token=a&b=c', '/é', '/\\'),
    )
    .map((parts) => parts.join('')),
);
const user = fc.oneof(text, fc.stringMatching(/^[a-z0-9._+-]{1,12}$/));
const sipUri = fc.oneof(
  text,
  fc.tuple(fc.constantFrom('sip:', 'sips:', 'SIP:', ''), fc.option(user.map((u) => `${u}@`), { nil: '' }), fc.domain()).map((p) => p.join('')),
);
const iceUrl = fc.oneof(
  text,
  fc.tuple(fc.constantFrom('stun:', 'turn:', 'turns:', 'stuns:', 'http:'), fc.oneof(fc.domain(), fc.ipV4()), fc.constantFrom('', ':3478', '?transport=udp', '?transport=x')).map((p) => p.join('')),
);
const iceServer = fc.oneof(
  fc.record({ urls: fc.oneof(iceUrl, fc.array(iceUrl, { maxLength: 9 })), username: fc.option(text, { nil: undefined }), credential: fc.option(text, { nil: undefined }) }, { requiredKeys: ['urls'] }),
  fc.anything(),
);
const settingsLike = fc.record(
  {
    serverUrl: fc.oneof(serverUrl, fc.anything()),
    sipUri: fc.oneof(sipUri, fc.anything()),
    username: fc.oneof(user, fc.anything()),
    authorizationUser: fc.oneof(text, fc.anything()),
    password: fc.oneof(text, fc.anything()),
    displayName: fc.oneof(text, fc.anything()),
    iceServers: fc.oneof(fc.array(iceServer, { maxLength: 9 }), fc.anything()),
  },
  { requiredKeys: [] },
);
// Mostly valid settings with the odd hostile field, so the accepted branch is exercised often.
const mostly = <T,>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: other });
const nearlyValid = fc.record({
  serverUrl: mostly(
    fc
      .tuple(
        fc.constantFrom('wss://', 'ws://', 'WSS://'),
        fc.oneof(fc.domain(), fc.ipV4(), fc.ipV6().map((a) => `[${a}]`), fc.constantFrom('localhost', '127.0.0.1')),
        fc.option(fc.integer({ min: 1, max: 65535 }).map((port) => `:${port}`), { nil: '' }),
        fc.constantFrom('', '/', '/ws', '/%41?x=1', '/ws?token=a&b=c', "/a;b=c/d(e)!~*'"),
      )
      .map((parts) => parts.join('')),
    serverUrl,
  ),
  sipUri: mostly(fc.tuple(fc.constantFrom('sip:', 'sips:', ''), fc.constantFrom('', '1001@', 'a.b-c+d@'), fc.domain()).map((p) => p.join('')), sipUri),
  username: mostly(fc.stringMatching(/^[a-z0-9._+-]{1,12}$/), user),
  password: mostly(fc.constantFrom('', 'secret', 'p a s s'), text),
  displayName: mostly(fc.constantFrom(undefined, '', 'Alice Martin', 'Zoë'), text),
  iceServers: mostly(fc.constantFrom([], [{ urls: 'stun:stun.example.com:3478' }], [{ urls: ['turn:t.example.com?transport=udp'], username: 'u', credential: 'c' }]), fc.array(iceServer, { maxLength: 3 })),
});
const anyInput = fc.oneof({ weight: 4, arbitrary: settingsLike }, { weight: 2, arbitrary: nearlyValid }, { weight: 1, arbitrary: fc.anything() }, { weight: 1, arbitrary: text });

describe('validateAccountSettings (properties)', () => {
  it('never throws; issues carry documented codes, known fields and a message', () => {
    fc.assert(
      fc.property(anyInput, fc.boolean(), (input, requirePassword) => {
        const result = validateAccountSettings(input, { requirePassword });
        const issues = result.ok ? result.warnings : result.errors;
        if (!result.ok) expect(issues.length).toBeGreaterThan(0);
        for (const issue of issues) {
          expect(CODES).toContain(issue.code);
          expect(FIELDS).toContain(issue.field);
          expect(issue.message).not.toBe('');
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('accepts only ws:// or wss:// server URLs that the URL parser reads, without credentials or fragment, and AORs SIP.js reads', () => {
    fc.assert(
      fc.property(fc.oneof(nearlyValid, settingsLike), (input) => {
        const result = validateAccountSettings(input, { requirePassword: false });
        if (!result.ok) return;
        const url = new URL(result.value.serverUrl);
        expect(['ws:', 'wss:']).toContain(url.protocol);
        expect(url.username + url.password + url.hash).toBe('');
        expect(result.value.serverUrl).not.toMatch(/[\s\u0000-\u001F\u007F-\u009F]/);
        // Its address of record is a SIP URI that SIP.js reads.
        expect(UserAgent.makeURI(accountAor(result.value)), accountAor(result.value)).toBeDefined();
        expect(accountDomain(result.value)).not.toBe('');
        // What it accepted, it accepts again unchanged (the stored form is re-validated on load).
        const again = validateAccountSettings(result.value, { requirePassword: false });
        expect(again.ok && again.value).toEqual(result.value);
      }),
      { numRuns: 1500 },
    );
  });

  it('the IPC schema never throws either', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const parsed = accountSettingsSchema.safeParse(input);
        if (parsed.success) expect(new URL(parsed.data.serverUrl).protocol).toMatch(/^wss?:$/);
      }),
      { numRuns: 500 },
    );
  });
});
