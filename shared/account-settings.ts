// The SIP account a user configures: where the WebSocket server is, who they are, how they
// authenticate and which ICE servers help media cross NAT. Validation here is the single source
// of truth for the settings form (readable messages, stable codes the UI translates) and for the
// IPC boundary (accountSettingsSchema), so the main process and the renderer cannot disagree.
import { z } from 'zod';
import { isSipUser, parseHostPort, type HostPort } from './dial-string';

export interface IceServerSettings {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface AccountSettings {
  /** `wss://host[:port][/path]`, or `ws://` (unencrypted; accepted with a warning off loopback). */
  serverUrl: string;
  /** `sip:user@domain`, `sips:user@domain`, `user@domain` or a bare `domain`. */
  sipUri: string;
  username: string;
  /** Digest user name when it differs from `username`; blank or absent means `username`. */
  authorizationUser?: string;
  /** Empty in the stored form: secrets are kept apart and merged back before connecting. */
  password: string;
  displayName?: string;
  iceServers: IceServerSettings[];
  /**
   * 'relay': media goes through a TURN server only (no host or STUN candidates are offered),
   * which hides the local addresses and works where only the TURN server is reachable. Needs
   * at least one turn:/turns: server. Absent means 'all'.
   */
  iceTransportPolicy?: 'all' | 'relay';
  /**
   * How keypad tones are sent during a call: 'rfc4733' in the audio (telephone-event), or
   * 'info' as SIP INFO application/dtmf-relay, for PBXs that only take those. Absent: 'rfc4733'.
   */
  dtmfMethod?: DtmfMethod;
}

export const DTMF_METHODS = ['rfc4733', 'info'] as const;
export type DtmfMethod = (typeof DTMF_METHODS)[number];

export type AccountIssueCode =
  | 'form-invalid'
  | 'server-url-missing'
  | 'server-url-too-long'
  | 'server-url-scheme'
  | 'server-url-invalid'
  | 'server-url-insecure'
  | 'sip-uri-missing'
  | 'sip-uri-too-long'
  | 'sip-uri-invalid'
  | 'sip-uri-user-mismatch'
  | 'username-missing'
  | 'username-too-long'
  | 'username-invalid'
  | 'authorization-user-too-long'
  | 'authorization-user-invalid'
  | 'password-missing'
  | 'password-too-long'
  | 'password-invalid'
  | 'display-name-too-long'
  | 'display-name-invalid'
  | 'ice-servers-too-many'
  | 'ice-server-invalid'
  | 'ice-server-url-invalid'
  | 'ice-server-credentials-missing'
  | 'ice-relay-invalid'
  | 'ice-relay-needs-turn'
  | 'dtmf-method-invalid';

export interface FieldIssue {
  field: keyof AccountSettings | 'form';
  code: AccountIssueCode;
  message: string;
}

export type AccountValidationResult =
  | { ok: true; value: AccountSettings; warnings: FieldIssue[] }
  | { ok: false; errors: FieldIssue[] };

export interface AccountValidationOptions {
  /** Default true (the form, or settings about to connect). False for the stored form, whose password lives elsewhere. */
  requirePassword?: boolean;
}

/** Longest accepted values; exported so a translated message can quote the same number. */
export const ACCOUNT_LIMITS = {
  serverUrl: 512,
  sipUri: 320,
  username: 128,
  authorizationUser: 128,
  password: 256,
  displayName: 64,
  iceServers: 8,
  iceUrlsPerServer: 8,
  iceUrl: 512,
  iceUsername: 256,
  iceCredential: 256,
} as const;

export function emptyAccountSettings(): AccountSettings {
  return { serverUrl: '', sipUri: '', username: '', authorizationUser: '', password: '', displayName: '', iceServers: [] };
}

/** The address of record, e.g. `sip:1001@pbx.example.com`. Throws if the settings did not pass validation. */
export function accountAor(settings: AccountSettings): string {
  const sipUri = parseAccountSipUri(settings.sipUri.trim());
  if (!sipUri) throw new Error('accountAor needs settings that passed validateAccountSettings: the SIP URI is invalid.');
  const user = sipUri.user ?? settings.username.trim();
  if (!isSipUser(user)) throw new Error('accountAor needs settings that passed validateAccountSettings: the user name is invalid.');
  return `${sipUri.scheme}:${user}@${sipUri.domain.text}`;
}

/** The SIP domain (`host` or `host:port`) of the account. Throws if the settings did not pass validation. */
export function accountDomain(settings: AccountSettings): string {
  const sipUri = parseAccountSipUri(settings.sipUri.trim());
  if (!sipUri) throw new Error('accountDomain needs settings that passed validateAccountSettings: the SIP URI is invalid.');
  return sipUri.domain.text;
}

/** The digest user name to authenticate with. */
export function accountAuthorizationUser(settings: AccountSettings): string {
  const explicit = settings.authorizationUser?.trim() ?? '';
  return explicit === '' ? settings.username.trim() : explicit;
}

export function validateAccountSettings(input: unknown, options: AccountValidationOptions = {}): AccountValidationResult {
  const requirePassword = options.requirePassword ?? true;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [issue('form', 'form-invalid')] };
  }
  const raw = input as Record<string, unknown>;
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];

  const serverUrl = checkServerUrl(raw.serverUrl, errors, warnings);
  const username = checkUsername(raw.username, errors);
  const sipUri = checkSipUri(raw.sipUri, username, errors, warnings);
  const authorizationUser = checkAuthorizationUser(raw.authorizationUser, errors);
  const password = checkPassword(raw.password, requirePassword, errors);
  const displayName = checkDisplayName(raw.displayName, errors);
  const iceServers = checkIceServers(raw.iceServers, errors);
  const iceTransportPolicy = checkIceTransportPolicy(raw.iceTransportPolicy, iceServers, errors);
  const dtmfMethod = checkDtmfMethod(raw.dtmfMethod, errors);

  if (errors.length > 0) return { ok: false, errors };
  const value: AccountSettings = { serverUrl, sipUri, username, password, iceServers };
  if (iceTransportPolicy === 'relay') value.iceTransportPolicy = 'relay';
  if (dtmfMethod === 'info') value.dtmfMethod = 'info';
  if (authorizationUser !== '') value.authorizationUser = authorizationUser;
  if (displayName !== '') value.displayName = displayName;
  return { ok: true, value, warnings };
}

const iceServerShape = z.object({
  urls: z.union([
    z.string().max(ACCOUNT_LIMITS.iceUrl + 64),
    z.array(z.string().max(ACCOUNT_LIMITS.iceUrl + 64)).max(ACCOUNT_LIMITS.iceUrlsPerServer),
  ]),
  username: z.string().max(ACCOUNT_LIMITS.iceUsername + 64).optional(),
  credential: z.string().max(ACCOUNT_LIMITS.iceCredential).optional(),
});

// Bounds are a little looser than ACCOUNT_LIMITS where the value is trimmed afterwards, so that
// surrounding spaces are reported by validateAccountSettings with a readable message instead.
const accountSettingsShape = z.object({
  serverUrl: z.string().max(ACCOUNT_LIMITS.serverUrl + 64),
  sipUri: z.string().max(ACCOUNT_LIMITS.sipUri + 64),
  username: z.string().max(ACCOUNT_LIMITS.username + 64),
  authorizationUser: z.string().max(ACCOUNT_LIMITS.authorizationUser + 64).optional(),
  password: z.string().max(ACCOUNT_LIMITS.password),
  displayName: z.string().max(ACCOUNT_LIMITS.displayName + 64).optional(),
  iceServers: z.array(iceServerShape).max(ACCOUNT_LIMITS.iceServers).default([]),
  iceTransportPolicy: z.enum(['all', 'relay']).optional(),
  // Loose here so that validateAccountSettings reports a wrong value with its readable message.
  dtmfMethod: z.string().max(16).optional(),
});

/**
 * Runtime check for settings crossing IPC: the same rules as validateAccountSettings in its stored
 * form (an empty password is allowed), producing the normalised settings. Each issue carries the
 * stable code in `params.code`. Unknown keys are dropped.
 */
export const accountSettingsSchema = accountSettingsShape.transform((shape, ctx): AccountSettings => {
  const result = validateAccountSettings(shape, { requirePassword: false });
  if (result.ok) return result.value;
  for (const error of result.errors) {
    ctx.addIssue({
      code: 'custom',
      path: error.field === 'form' ? [] : [error.field],
      message: error.message,
      params: { code: error.code },
    });
  }
  return z.NEVER;
});

// ---------------------------------------------------------------------------------------------

const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
const WHITESPACE = /\s/;
const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.\-]*):\/\//;
// Visible ASCII allowed in a URL path or query (RFC 3986 pchar, `/`, `?` and `%`-escapes).
const URL_PATH_AND_QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;

interface AccountSipUri {
  scheme: 'sip' | 'sips';
  user: string | undefined;
  domain: HostPort;
}

function parseAccountSipUri(text: string): AccountSipUri | null {
  const schemeMatch = /^(sips?):/i.exec(text);
  const scheme = schemeMatch?.[1]?.toLowerCase() === 'sips' ? 'sips' : 'sip';
  const body = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const at = body.indexOf('@');
  const user = at < 0 ? undefined : body.slice(0, at);
  if (user !== undefined && !isSipUser(user)) return null;
  const domain = parseHostPort(at < 0 ? body : body.slice(at + 1));
  return domain ? { scheme, user, domain } : null;
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

function readText(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : null;
}

function checkServerUrl(value: unknown, errors: FieldIssue[], warnings: FieldIssue[]): string {
  const text = readText(value)?.trim();
  if (text === undefined) return fail(errors, 'serverUrl', 'server-url-invalid');
  if (text === '') return fail(errors, 'serverUrl', 'server-url-missing');
  if (text.length > ACCOUNT_LIMITS.serverUrl) return fail(errors, 'serverUrl', 'server-url-too-long');
  if (CONTROL_CHARACTERS.test(text) || WHITESPACE.test(text)) return fail(errors, 'serverUrl', 'server-url-invalid');
  const scheme = URL_SCHEME.exec(text);
  const schemeName = scheme?.[1]?.toLowerCase();
  if (!scheme || (schemeName !== 'ws' && schemeName !== 'wss')) return fail(errors, 'serverUrl', 'server-url-scheme');
  const rest = text.slice(scheme[0].length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const pathAndQuery = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  // A user name or password in the URL would leak into logs; fragments are meaningless for WebSockets.
  if (authority.includes('@') || pathAndQuery.includes('#')) return fail(errors, 'serverUrl', 'server-url-invalid');
  const host = parseHostPort(authority);
  if (!host || !URL_PATH_AND_QUERY.test(pathAndQuery)) return fail(errors, 'serverUrl', 'server-url-invalid');
  if (schemeName === 'ws' && !isLoopbackHost(host.host)) warnings.push(issue('serverUrl', 'server-url-insecure'));
  return `${schemeName}://${host.text}${pathAndQuery}`;
}

function checkUsername(value: unknown, errors: FieldIssue[]): string {
  const text = readText(value)?.trim();
  if (text === undefined) return fail(errors, 'username', 'username-invalid');
  if (text === '') return fail(errors, 'username', 'username-missing');
  if (text.length > ACCOUNT_LIMITS.username) return fail(errors, 'username', 'username-too-long');
  if (!isSipUser(text)) return fail(errors, 'username', 'username-invalid');
  return text;
}

function checkSipUri(value: unknown, username: string, errors: FieldIssue[], warnings: FieldIssue[]): string {
  const text = readText(value)?.trim();
  if (text === undefined) return fail(errors, 'sipUri', 'sip-uri-invalid');
  if (text === '') return fail(errors, 'sipUri', 'sip-uri-missing');
  if (text.length > ACCOUNT_LIMITS.sipUri) return fail(errors, 'sipUri', 'sip-uri-too-long');
  const parsed = parseAccountSipUri(text);
  if (!parsed) return fail(errors, 'sipUri', 'sip-uri-invalid');
  if (parsed.user !== undefined && username !== '' && parsed.user !== username) {
    warnings.push(issue('sipUri', 'sip-uri-user-mismatch'));
  }
  return parsed.user === undefined ? parsed.domain.text : `${parsed.scheme}:${parsed.user}@${parsed.domain.text}`;
}

function checkAuthorizationUser(value: unknown, errors: FieldIssue[]): string {
  const text = readText(value)?.trim();
  if (text === undefined) return fail(errors, 'authorizationUser', 'authorization-user-invalid');
  if (text.length > ACCOUNT_LIMITS.authorizationUser) return fail(errors, 'authorizationUser', 'authorization-user-too-long');
  // Digest user names are quoted strings, so `@` (e-mail style logins) is fine but quotes and backslashes are not.
  if (CONTROL_CHARACTERS.test(text) || /["\\]/.test(text)) return fail(errors, 'authorizationUser', 'authorization-user-invalid');
  return text;
}

function checkPassword(value: unknown, required: boolean, errors: FieldIssue[]): string {
  // Not trimmed: spaces can be part of a password.
  const text = readText(value);
  if (text === null) return fail(errors, 'password', 'password-invalid');
  if (text === '') return required ? fail(errors, 'password', 'password-missing') : '';
  if (text.length > ACCOUNT_LIMITS.password) return fail(errors, 'password', 'password-too-long');
  if (CONTROL_CHARACTERS.test(text)) return fail(errors, 'password', 'password-invalid');
  return text;
}

function checkDisplayName(value: unknown, errors: FieldIssue[]): string {
  const text = readText(value)?.trim();
  if (text === undefined) return fail(errors, 'displayName', 'display-name-invalid');
  if (text.length > ACCOUNT_LIMITS.displayName) return fail(errors, 'displayName', 'display-name-too-long');
  // The name is sent inside a quoted From header; quotes and backslashes would end or escape it.
  if (CONTROL_CHARACTERS.test(text) || /["\\]/.test(text)) return fail(errors, 'displayName', 'display-name-invalid');
  return text;
}

function checkIceServers(value: unknown, errors: FieldIssue[]): IceServerSettings[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > ACCOUNT_LIMITS.iceServers) {
    errors.push(issue('iceServers', Array.isArray(value) ? 'ice-servers-too-many' : 'ice-server-invalid'));
    return [];
  }
  const servers: IceServerSettings[] = [];
  value.forEach((entry: unknown, index) => {
    const server = checkIceServer(entry, index + 1, errors);
    if (server) servers.push(server);
  });
  return servers;
}

function checkIceTransportPolicy(value: unknown, servers: IceServerSettings[], errors: FieldIssue[]): 'all' | 'relay' {
  if (value === undefined || value === null || value === 'all') return 'all';
  if (value !== 'relay') {
    errors.push(issue('iceTransportPolicy', 'ice-relay-invalid'));
    return 'all';
  }
  const urls = servers.flatMap((server) => (typeof server.urls === 'string' ? [server.urls] : server.urls));
  // Relay-only with no TURN server would offer no candidate at all: every call would fail.
  if (!urls.some((url) => iceUrlKind(url) === 'turn')) errors.push(issue('iceTransportPolicy', 'ice-relay-needs-turn'));
  return 'relay';
}

function checkDtmfMethod(value: unknown, errors: FieldIssue[]): DtmfMethod {
  if (value === undefined || value === null || value === '') return 'rfc4733';
  if (!(DTMF_METHODS as readonly unknown[]).includes(value)) {
    errors.push(issue('dtmfMethod', 'dtmf-method-invalid'));
    return 'rfc4733';
  }
  return value as DtmfMethod;
}

function checkIceServer(entry: unknown, position: number, errors: FieldIssue[]): IceServerSettings | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    errors.push(iceIssue('ice-server-invalid', position));
    return null;
  }
  const raw = entry as Record<string, unknown>;
  const urlList = typeof raw.urls === 'string' ? [raw.urls] : raw.urls;
  if (
    !Array.isArray(urlList) ||
    urlList.length === 0 ||
    urlList.length > ACCOUNT_LIMITS.iceUrlsPerServer ||
    !urlList.every((url): url is string => typeof url === 'string')
  ) {
    errors.push(iceIssue('ice-server-invalid', position));
    return null;
  }
  const urls = urlList.map((url) => url.trim());
  const kinds = urls.map(iceUrlKind);
  if (kinds.includes(null)) {
    errors.push(iceIssue('ice-server-url-invalid', position));
    return null;
  }
  const username = readText(raw.username)?.trim();
  const credential = readText(raw.credential);
  if (
    username === undefined ||
    credential === null ||
    username.length > ACCOUNT_LIMITS.iceUsername ||
    credential.length > ACCOUNT_LIMITS.iceCredential ||
    CONTROL_CHARACTERS.test(username) ||
    CONTROL_CHARACTERS.test(credential)
  ) {
    errors.push(iceIssue('ice-server-invalid', position));
    return null;
  }
  // RFC 8489/8656: a TURN server always authenticates, STUN binding requests never do.
  if (kinds.includes('turn') && (username === '' || credential === '')) {
    errors.push(iceIssue('ice-server-credentials-missing', position));
    return null;
  }
  const server: IceServerSettings = { urls: typeof raw.urls === 'string' ? (urls[0] ?? '') : urls };
  if (username !== '') server.username = username;
  if (credential !== '') server.credential = credential;
  return server;
}

/** RFC 7064 `stun[s]:host[:port]` and RFC 7065 `turn[s]:host[:port][?transport=udp|tcp]`. */
function iceUrlKind(url: string): 'stun' | 'turn' | null {
  if (url.length > ACCOUNT_LIMITS.iceUrl) return null;
  const match = /^(stuns?|turns?):([^?]*)(?:\?transport=(udp|tcp))?$/i.exec(url);
  if (!match) return null;
  const kind = (match[1] ?? '').toLowerCase().startsWith('turn') ? 'turn' : 'stun';
  if (kind === 'stun' && match[3] !== undefined) return null;
  return parseHostPort(match[2] ?? '') ? kind : null;
}

const MESSAGES: Record<AccountIssueCode, string> = {
  'form-invalid': 'The account settings could not be read: fill in the form again and save it.',
  'server-url-missing': 'Enter the WebSocket server URL given by your provider, for example wss://pbx.example.com:8089/ws.',
  'server-url-too-long': `The server URL is too long: keep it under ${ACCOUNT_LIMITS.serverUrl} characters.`,
  'server-url-scheme': 'The server URL must start with wss:// or ws:// — for example wss://pbx.example.com:8089/ws.',
  'server-url-invalid':
    'The server URL is not valid: use wss://, a host name or IP address, an optional port between 1 and 65535 and an optional path, without spaces, for example wss://pbx.example.com:8089/ws.',
  'server-url-insecure':
    'This ws:// server URL is not encrypted, so calls and passwords can be read on the network: use wss:// if the server supports it.',
  'sip-uri-missing': 'Enter your SIP address or domain, for example sip:1001@pbx.example.com or pbx.example.com.',
  'sip-uri-too-long': `The SIP address is too long: keep it under ${ACCOUNT_LIMITS.sipUri} characters.`,
  'sip-uri-invalid':
    'The SIP address is not valid: use sip:user@domain or just the domain, without spaces or ;parameters, for example sip:1001@pbx.example.com.',
  'sip-uri-user-mismatch':
    'The user in the SIP address differs from the user name: calls will come from the SIP address, so check that both are right.',
  'username-missing': 'Enter your SIP user name or extension, for example 1001.',
  'username-too-long': `The user name is too long: keep it under ${ACCOUNT_LIMITS.username} characters.`,
  'username-invalid':
    'The user name may only contain letters, digits and . _ - + ! ~ * \' ( ) & = $ , — remove spaces, @ and : (put the domain in the SIP address instead).',
  'authorization-user-too-long': `The authorization user is too long: keep it under ${ACCOUNT_LIMITS.authorizationUser} characters.`,
  'authorization-user-invalid':
    'The authorization user cannot contain quotes, backslashes or line breaks: remove them, or leave the field empty to use the user name.',
  'password-missing': 'Enter your SIP password to connect.',
  'password-too-long': `The password is too long: keep it under ${ACCOUNT_LIMITS.password} characters.`,
  'password-invalid': 'The password cannot contain line breaks or control characters: type it again without them.',
  'display-name-too-long': `The display name is too long: keep it under ${ACCOUNT_LIMITS.displayName} characters.`,
  'display-name-invalid': 'The display name cannot contain quotes, backslashes or line breaks: remove them.',
  'ice-servers-too-many': `Too many ICE servers: keep at most ${ACCOUNT_LIMITS.iceServers}; one STUN and one TURN server are usually enough.`,
  'ice-server-invalid':
    'An ICE server entry is malformed: give it one or more URLs, and a user name and credential without line breaks.',
  'ice-server-url-invalid':
    'An ICE server URL is not valid: use stun:host[:port] or turn:host[:port][?transport=udp|tcp] (or stuns:/turns:), for example stun:stun.example.com:3478.',
  'ice-server-credentials-missing': 'A TURN server needs a user name and a credential: fill in both, or use a stun: URL instead.',
  'ice-relay-invalid': 'The relay setting could not be read: choose it again and save.',
  'ice-relay-needs-turn': 'Relay only needs a TURN server: add a turn: URL with its user name and credential, or turn relay only off.',
  'dtmf-method-invalid': 'The keypad tone method could not be read: choose "In the audio (RFC 4733)" or "SIP INFO" and save.',
};

function issue(field: FieldIssue['field'], code: AccountIssueCode): FieldIssue {
  return { field, code, message: MESSAGES[code] };
}

function iceIssue(code: AccountIssueCode, position: number): FieldIssue {
  return { field: 'iceServers', code, message: `ICE server ${position}: ${MESSAGES[code]}` };
}

/** Records the issue and returns the empty text the caller would otherwise have produced. */
function fail(errors: FieldIssue[], field: FieldIssue['field'], code: AccountIssueCode): string {
  errors.push(issue(field, code));
  return '';
}
