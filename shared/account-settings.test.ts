import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_LIMITS,
  accountAor,
  accountAuthorizationUser,
  accountDomain,
  accountSettingsSchema,
  emptyAccountSettings,
  validateAccountSettings,
  type AccountIssueCode,
  type AccountSettings,
  type FieldIssue,
} from './account-settings';

function validInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    serverUrl: 'wss://pbx.example.com:8089/ws',
    sipUri: 'sip:1001@pbx.example.com',
    username: '1001',
    password: 's3cret',
    iceServers: [],
    ...overrides,
  };
}

function accepted(input: unknown, requirePassword = true): { value: AccountSettings; warnings: FieldIssue[] } {
  const result = validateAccountSettings(input, { requirePassword });
  if (!result.ok) throw new Error(`expected valid settings, got ${JSON.stringify(result.errors)}`);
  return result;
}

function errorCodes(input: unknown, requirePassword = true): Array<[FieldIssue['field'], AccountIssueCode]> {
  const result = validateAccountSettings(input, { requirePassword });
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors.map((error) => [error.field, error.code]);
}

describe('validateAccountSettings: a complete, valid account', () => {
  it('accepts it unchanged and without warnings', () => {
    const { value, warnings } = accepted(validInput());
    expect(value).toEqual({
      serverUrl: 'wss://pbx.example.com:8089/ws',
      sipUri: 'sip:1001@pbx.example.com',
      username: '1001',
      password: 's3cret',
      iceServers: [],
    });
    expect(warnings).toEqual([]);
  });

  it('trims what a user would not mean to type, but never the password', () => {
    const { value } = accepted(
      validInput({
        serverUrl: '  WSS://PBX.Example.com:8089/ws \n',
        sipUri: ' pbx.example.com ',
        username: ' 1001 ',
        authorizationUser: '  ',
        password: ' pass phrase ',
        displayName: '  Alice Martin ',
      }),
    );
    expect(value.serverUrl).toBe('wss://pbx.example.com:8089/ws');
    expect(value.sipUri).toBe('pbx.example.com');
    expect(value.username).toBe('1001');
    expect(value.password).toBe(' pass phrase ');
    expect(value.displayName).toBe('Alice Martin');
    expect('authorizationUser' in value).toBe(false);
  });

  it('drops keys it does not know and defaults missing ICE servers to none', () => {
    const { value } = accepted({ ...validInput({ iceServers: undefined }), extra: 'ignored' });
    expect(value.iceServers).toEqual([]);
    expect(Object.keys(value).sort()).toEqual(['iceServers', 'password', 'serverUrl', 'sipUri', 'username']);
  });

  it('keeps an e-mail style authorization user', () => {
    const { value } = accepted(validInput({ authorizationUser: 'alice@example.com' }));
    expect(value.authorizationUser).toBe('alice@example.com');
  });
});

describe('validateAccountSettings: server URL', () => {
  it.each([
    'wss://pbx.example.com',
    'wss://pbx.example.com/ws',
    'wss://10.0.0.5:8089/ws?token=abc%20def',
    'wss://[2001:db8::10]:443/sip',
    'ws://localhost:8080/ws',
    'ws://127.0.0.1:5066',
    'ws://[::1]:5066',
    'ws://pbx.localhost/ws',
  ])('accepts %j without warnings', (serverUrl) => {
    expect(accepted(validInput({ serverUrl })).warnings).toEqual([]);
  });

  it.each(['ws://pbx.example.com:5066/ws', 'ws://192.168.1.20:8088/ws'])(
    'accepts unencrypted %j with a warning that says so',
    (serverUrl) => {
      const { warnings } = accepted(validInput({ serverUrl }));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ field: 'serverUrl', code: 'server-url-insecure' });
      expect(warnings[0]?.message).toMatch(/not encrypted/);
      expect(warnings[0]?.message).toMatch(/wss:\/\//);
    },
  );

  it.each([
    ['', 'server-url-missing'],
    ['   ', 'server-url-missing'],
    [undefined, 'server-url-missing'],
    [42, 'server-url-invalid'],
    ['https://pbx.example.com/ws', 'server-url-scheme'],
    ['http://pbx.example.com/ws', 'server-url-scheme'],
    ['pbx.example.com:8089/ws', 'server-url-scheme'],
    ['wss:pbx.example.com', 'server-url-scheme'],
    ['sip:pbx.example.com', 'server-url-scheme'],
    ['wss://', 'server-url-invalid'],
    ['wss:///ws', 'server-url-invalid'],
    ['wss://pbx example.com/ws', 'server-url-invalid'],
    ['wss://pbx.example.com/my ws', 'server-url-invalid'],
    ['wss://pbx.example.com:0/ws', 'server-url-invalid'],
    ['wss://pbx.example.com:99999/ws', 'server-url-invalid'],
    ['wss://pbx.example.com:port/ws', 'server-url-invalid'],
    ['wss://pbx.example.com:/ws', 'server-url-invalid'],
    ['wss://user:pw@pbx.example.com/ws', 'server-url-invalid'],
    ['wss://pbx.example.com/ws#frag', 'server-url-invalid'],
    ['wss://pbx.example.com/ws\u0000', 'server-url-invalid'],
    ['wss://pbx.example.com/w<s>', 'server-url-invalid'],
    ['wss://pbx_example.com', 'server-url-invalid'],
    [`wss://pbx.example.com/${'a'.repeat(ACCOUNT_LIMITS.serverUrl)}`, 'server-url-too-long'],
  ])('refuses %j with %s', (serverUrl, code) => {
    expect(errorCodes(validInput({ serverUrl }))).toEqual([['serverUrl', code]]);
  });

  it('explains the scheme rule with an example to copy', () => {
    const result = validateAccountSettings(validInput({ serverUrl: 'https://pbx.example.com' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]?.message).toBe('The server URL must start with wss:// or ws:// — for example wss://pbx.example.com:8089/ws.');
    }
  });
});

describe('validateAccountSettings: SIP URI, user names and AOR', () => {
  it.each([
    ['sip:1001@pbx.example.com', 'sip:1001@pbx.example.com', 'pbx.example.com'],
    ['SIP:1001@PBX.example.com', 'sip:1001@pbx.example.com', 'pbx.example.com'],
    ['sips:1001@pbx.example.com', 'sips:1001@pbx.example.com', 'pbx.example.com'],
    ['1001@pbx.example.com', 'sip:1001@pbx.example.com', 'pbx.example.com'],
    ['pbx.example.com', 'sip:1001@pbx.example.com', 'pbx.example.com'],
    ['sip:pbx.example.com', 'sip:1001@pbx.example.com', 'pbx.example.com'],
    ['10.0.0.5:5060', 'sip:1001@10.0.0.5:5060', '10.0.0.5:5060'],
    ['[2001:db8::5]', 'sip:1001@[2001:db8::5]', '[2001:db8::5]'],
  ])('%j gives AOR %s and domain %s', (sipUri, aor, domain) => {
    const { value } = accepted(validInput({ sipUri }));
    expect(accountAor(value)).toBe(aor);
    expect(accountDomain(value)).toBe(domain);
  });

  it('builds the AOR from the user name when the SIP URI is a bare domain', () => {
    const { value } = accepted(validInput({ sipUri: 'pbx.example.com', username: 'alice.martin' }));
    expect(accountAor(value)).toBe('sip:alice.martin@pbx.example.com');
  });

  it('warns when the SIP URI names another user than the user name, and uses the URI', () => {
    const { value, warnings } = accepted(validInput({ sipUri: 'sip:2002@pbx.example.com', username: '1001' }));
    expect(warnings.map((warning) => warning.code)).toEqual(['sip-uri-user-mismatch']);
    expect(accountAor(value)).toBe('sip:2002@pbx.example.com');
  });

  it.each([
    ['', 'sip-uri-missing'],
    ['sip:', 'sip-uri-invalid'],
    ['sip:1001@', 'sip-uri-invalid'],
    ['@pbx.example.com', 'sip-uri-invalid'],
    ['sip:10 01@pbx.example.com', 'sip-uri-invalid'],
    ['sip:1001@pbx.example.com;transport=ws', 'sip-uri-invalid'],
    ['sip:1001@pbx.example.com?Subject=x', 'sip-uri-invalid'],
    ['wss://pbx.example.com', 'sip-uri-invalid'],
    ['pbx..example.com', 'sip-uri-invalid'],
    ['<sip:1001@pbx.example.com>', 'sip-uri-invalid'],
    [`sip:1001@${'a'.repeat(ACCOUNT_LIMITS.sipUri)}.com`, 'sip-uri-too-long'],
  ])('refuses SIP URI %j with %s', (sipUri, code) => {
    expect(errorCodes(validInput({ sipUri }))).toEqual([['sipUri', code]]);
  });

  it.each([
    ['', 'username-missing'],
    [' ', 'username-missing'],
    [null, 'username-missing'],
    ['alice smith', 'username-invalid'],
    ['1001@pbx.example.com', 'username-invalid'],
    ['a:b', 'username-invalid'],
    ['a;b', 'username-invalid'],
    ['a\r\nVia: x', 'username-invalid'],
    [['1001'], 'username-invalid'],
    ['u'.repeat(ACCOUNT_LIMITS.username + 1), 'username-too-long'],
  ])('refuses user name %j with %s', (username, code) => {
    expect(errorCodes(validInput({ username, sipUri: 'pbx.example.com' }))).toEqual([['username', code]]);
  });

  it.each([
    ['bob"', 'authorization-user-invalid'],
    ['bob\\', 'authorization-user-invalid'],
    ['bo\nb', 'authorization-user-invalid'],
    [7, 'authorization-user-invalid'],
    ['b'.repeat(ACCOUNT_LIMITS.authorizationUser + 1), 'authorization-user-too-long'],
  ])('refuses authorization user %j with %s', (authorizationUser, code) => {
    expect(errorCodes(validInput({ authorizationUser }))).toEqual([['authorizationUser', code]]);
  });

  it('authenticates as the user name unless an authorization user is set', () => {
    expect(accountAuthorizationUser(accepted(validInput()).value)).toBe('1001');
    expect(accountAuthorizationUser(accepted(validInput({ authorizationUser: ' auth-1001 ' })).value)).toBe('auth-1001');
    expect(accountAuthorizationUser({ ...emptyAccountSettings(), username: 'x', authorizationUser: '' })).toBe('x');
  });

  it('refuses to build an AOR from settings that never passed validation', () => {
    expect(() => accountAor(emptyAccountSettings())).toThrow(/validateAccountSettings/);
    expect(() => accountDomain({ ...emptyAccountSettings(), sipUri: 'not a domain' })).toThrow(/validateAccountSettings/);
    expect(() => accountAor({ ...emptyAccountSettings(), sipUri: 'pbx.example.com', username: 'a b' })).toThrow();
  });
});

describe('validateAccountSettings: password and display name', () => {
  it('requires a password to connect but not in the stored form', () => {
    expect(errorCodes(validInput({ password: '' }))).toEqual([['password', 'password-missing']]);
    expect(errorCodes(validInput({ password: undefined }))).toEqual([['password', 'password-missing']]);
    expect(accepted(validInput({ password: '' }), false).value.password).toBe('');
  });

  it.each([
    ['p\nq', 'password-invalid'],
    ['p\u0000', 'password-invalid'],
    [12345, 'password-invalid'],
    ['p'.repeat(ACCOUNT_LIMITS.password + 1), 'password-too-long'],
  ])('refuses password %j with %s', (password, code) => {
    expect(errorCodes(validInput({ password }), false)).toEqual([['password', code]]);
  });

  it('accepts a display name up to the limit and refuses longer ones', () => {
    expect(accepted(validInput({ displayName: 'é'.repeat(ACCOUNT_LIMITS.displayName) })).value.displayName).toHaveLength(
      ACCOUNT_LIMITS.displayName,
    );
    expect(errorCodes(validInput({ displayName: 'x'.repeat(ACCOUNT_LIMITS.displayName + 1) }))).toEqual([
      ['displayName', 'display-name-too-long'],
    ]);
  });

  it.each(['Alice "Al" Martin', 'Back\\slash', 'Line\r\nBreak', 'Tab\there'])('refuses display name %j', (displayName) => {
    expect(errorCodes(validInput({ displayName }))).toEqual([['displayName', 'display-name-invalid']]);
  });
});

describe('validateAccountSettings: ICE servers', () => {
  it('accepts STUN and TURN servers in the RTCIceServer shape', () => {
    const iceServers = [
      { urls: ' stun:stun.example.com:3478 ' },
      { urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349?transport=tcp'], username: 'u', credential: 'c' },
      { urls: 'stuns:[2001:db8::1]' },
      { urls: 'TURN:10.0.0.1', username: ' u ', credential: ' c ' },
    ];
    expect(accepted(validInput({ iceServers })).value.iceServers).toEqual([
      { urls: 'stun:stun.example.com:3478' },
      { urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349?transport=tcp'], username: 'u', credential: 'c' },
      { urls: 'stuns:[2001:db8::1]' },
      { urls: 'TURN:10.0.0.1', username: 'u', credential: ' c ' },
    ]);
  });

  it.each([
    [{ urls: 'http://stun.example.com' }, 'ice-server-url-invalid'],
    [{ urls: 'stun://stun.example.com' }, 'ice-server-url-invalid'],
    [{ urls: 'stun:stun.example.com?transport=udp' }, 'ice-server-url-invalid'],
    [{ urls: 'turn:turn.example.com?transport=sctp', username: 'u', credential: 'c' }, 'ice-server-url-invalid'],
    [{ urls: 'stun:' }, 'ice-server-url-invalid'],
    [{ urls: 'stun:host:70000' }, 'ice-server-url-invalid'],
    [{ urls: ['stun:ok.example.com', 'stun:bad host'] }, 'ice-server-url-invalid'],
    [{ urls: 'turn:turn.example.com' }, 'ice-server-credentials-missing'],
    [{ urls: 'turns:turn.example.com', username: 'u' }, 'ice-server-credentials-missing'],
    [{ urls: [] }, 'ice-server-invalid'],
    [{ urls: 42 }, 'ice-server-invalid'],
    [{}, 'ice-server-invalid'],
    ['stun:stun.example.com', 'ice-server-invalid'],
    [null, 'ice-server-invalid'],
    [{ urls: Array.from({ length: ACCOUNT_LIMITS.iceUrlsPerServer + 1 }, () => 'stun:a.example.com') }, 'ice-server-invalid'],
    [{ urls: 'turn:t.example.com', username: 'u\nv', credential: 'c' }, 'ice-server-invalid'],
    [{ urls: 'turn:t.example.com', username: 'u', credential: 5 }, 'ice-server-invalid'],
  ])('refuses %j with %s, naming its position', (server, code) => {
    const result = validateAccountSettings(validInput({ iceServers: [{ urls: 'stun:ok.example.com' }, server] }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ field: 'iceServers', code });
      expect(result.errors[0]?.message).toMatch(/^ICE server 2: /);
    }
  });

  it('refuses a list that is not an array or is too long', () => {
    expect(errorCodes(validInput({ iceServers: 'stun:x.example.com' }))).toEqual([['iceServers', 'ice-server-invalid']]);
    const many = Array.from({ length: ACCOUNT_LIMITS.iceServers + 1 }, () => ({ urls: 'stun:a.example.com' }));
    expect(errorCodes(validInput({ iceServers: many }))).toEqual([['iceServers', 'ice-servers-too-many']]);
  });
});

describe('validateAccountSettings: relay only (iceTransportPolicy)', () => {
  const turn = { urls: 'turn:turn.example.com:3478?transport=udp', username: 'u', credential: 'c' };

  it('keeps relay only when a TURN server is there, and leaves "all" out of the settings', () => {
    expect(accepted(validInput({ iceServers: [turn], iceTransportPolicy: 'relay' })).value.iceTransportPolicy).toBe('relay');
    expect(accepted(validInput({ iceServers: [turn], iceTransportPolicy: 'all' })).value).not.toHaveProperty('iceTransportPolicy');
    expect(accepted(validInput({ iceServers: [] })).value).not.toHaveProperty('iceTransportPolicy');
  });

  it('refuses relay only without a turn: server, since no call could then find a path', () => {
    expect(errorCodes(validInput({ iceServers: [], iceTransportPolicy: 'relay' }))).toEqual([['iceTransportPolicy', 'ice-relay-needs-turn']]);
    expect(errorCodes(validInput({ iceServers: [{ urls: 'stun:stun.example.com' }], iceTransportPolicy: 'relay' }))).toEqual([
      ['iceTransportPolicy', 'ice-relay-needs-turn'],
    ]);
  });

  it('refuses a value that is neither "all" nor "relay"', () => {
    expect(errorCodes(validInput({ iceServers: [turn], iceTransportPolicy: 'public' }))).toEqual([['iceTransportPolicy', 'ice-relay-invalid']]);
  });

  it('crosses IPC unchanged', () => {
    const parsed = accountSettingsSchema.safeParse({ ...validInput({ iceServers: [turn] }), password: '', iceTransportPolicy: 'relay' });
    expect(parsed.success && parsed.data.iceTransportPolicy).toBe('relay');
  });
});

describe('validateAccountSettings: whole-form behaviour', () => {
  it.each([null, undefined, 'settings', 42, ['a']])('refuses %j as a whole', (input) => {
    expect(errorCodes(input)).toEqual([['form', 'form-invalid']]);
  });

  it('reports every wrong field at once, in form order', () => {
    expect(errorCodes(emptyAccountSettings())).toEqual([
      ['serverUrl', 'server-url-missing'],
      ['username', 'username-missing'],
      ['sipUri', 'sip-uri-missing'],
      ['password', 'password-missing'],
    ]);
  });

  it('writes every message as a sentence that says what to do', () => {
    const result = validateAccountSettings({
      serverUrl: 'http://x',
      sipUri: 'bad uri',
      username: 'a b',
      authorizationUser: '"',
      password: '\n',
      displayName: 'x'.repeat(100),
      iceServers: [{ urls: 'turn:x.example.com' }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(7);
      for (const error of result.errors) expect(error.message).toMatch(/^[A-Z].{20,}\.$/s);
    }
  });

  it('gives a blank form with every field present', () => {
    const blank = emptyAccountSettings();
    expect(blank).toEqual({ serverUrl: '', sipUri: '', username: '', authorizationUser: '', password: '', displayName: '', iceServers: [] });
    expect(emptyAccountSettings()).not.toBe(blank);
    expect(emptyAccountSettings().iceServers).not.toBe(blank.iceServers);
  });
});

describe('accountSettingsSchema (IPC)', () => {
  it('parses stored settings into their normalised form', () => {
    const parsed = accountSettingsSchema.parse({ ...validInput({ password: '', serverUrl: ' wss://PBX.example.com/ws ' }), rogue: 1 });
    expect(parsed).toEqual({ serverUrl: 'wss://pbx.example.com/ws', sipUri: 'sip:1001@pbx.example.com', username: '1001', password: '', iceServers: [] });
  });

  it('defaults a missing ICE server list', () => {
    const { iceServers, ...rest } = validInput();
    expect(iceServers).toEqual([]);
    expect(accountSettingsSchema.parse(rest).iceServers).toEqual([]);
  });

  it('refuses a wrong shape before looking at the values', () => {
    expect(accountSettingsSchema.safeParse({ serverUrl: 1 }).success).toBe(false);
    expect(accountSettingsSchema.safeParse(null).success).toBe(false);
    expect(accountSettingsSchema.safeParse(validInput({ password: 'p'.repeat(ACCOUNT_LIMITS.password + 1) })).success).toBe(false);
  });

  it('refuses invalid values with the field path, the readable message and the stable code', () => {
    const result = accountSettingsSchema.safeParse(validInput({ serverUrl: 'https://pbx.example.com', displayName: 'a"b' }));
    expect(result.success).toBe(false);
    if (!result.success) {
      const issues = result.error.issues.map((entry) => ({
        path: entry.path,
        message: entry.message,
        code: entry.code === 'custom' ? entry.params?.code : undefined,
      }));
      expect(issues).toEqual([
        { path: ['serverUrl'], message: expect.stringMatching(/wss:\/\//), code: 'server-url-scheme' },
        { path: ['displayName'], message: expect.stringMatching(/quotes/), code: 'display-name-invalid' },
      ]);
    }
  });
});

describe('validateAccountSettings: keypad tone method (dtmfMethod)', () => {
  it('keeps SIP INFO, and leaves the default (RFC 4733) out of the settings', () => {
    expect(accepted(validInput({ dtmfMethod: 'info' })).value.dtmfMethod).toBe('info');
    expect(accepted(validInput({ dtmfMethod: 'rfc4733' })).value).not.toHaveProperty('dtmfMethod');
    // Settings saved before the field existed.
    expect(accepted(validInput({})).value).not.toHaveProperty('dtmfMethod');
  });

  it('refuses an unknown method with a readable message', () => {
    expect(errorCodes(validInput({ dtmfMethod: 'inband' }))).toEqual([['dtmfMethod', 'dtmf-method-invalid']]);
    expect(errorCodes(validInput({ dtmfMethod: 4733 }))).toEqual([['dtmfMethod', 'dtmf-method-invalid']]);
  });

  it('crosses IPC unchanged', () => {
    const parsed = accountSettingsSchema.safeParse({ ...validInput({}), password: '', dtmfMethod: 'info' });
    expect(parsed.success && parsed.data.dtmfMethod).toBe('info');
  });
});
