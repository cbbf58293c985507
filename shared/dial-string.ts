// Turns whatever a user types, pastes or clicks (a phone number, an extension, a feature code,
// a tel:/sip:/callto: link) into one SIP request target, or says in plain words why it cannot.
// Everything that reaches a SIP header goes through here first, so the grammar is deliberately
// narrower than RFC 3261: URI headers (`?...`), quotes, angle brackets and line breaks are refused
// rather than escaped, because the only reason to type them into a dial box is header injection.

export const MAX_DIAL_STRING_LENGTH = 256;

export const DTMF_TONES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D'] as const;
export type DtmfTone = (typeof DTMF_TONES)[number];

export type DialIssueCode =
  | 'empty'
  | 'too-long'
  | 'invalid-characters'
  | 'invalid-number'
  | 'invalid-user'
  | 'invalid-host'
  | 'invalid-uri'
  | 'missing-domain';

export interface DialTarget {
  /** User part exactly as it appears in `uri` (percent-escaped: a `#` is sent as `%23`). */
  user: string;
  /** Lower-cased host, with `:port` when one was given. */
  host: string;
  /** `sip:user@host` (or `sips:` when the user dialled a sips: URI). */
  uri: string;
  /** What to show: the compact number (`+33123456789`, `*8#`), the user name, or `user@host` for another domain. */
  display: string;
}

export type DialStringResult =
  | { ok: true; target: DialTarget }
  | { ok: false; code: DialIssueCode; message: string };

export interface HostPort {
  /** Lower-cased host name, dotted IPv4, or bracketed IPv6 (`[2001:db8::1]`). */
  host: string;
  port: number | undefined;
  /** `host` or `host:port`, ready to put in a URI. */
  text: string;
}

const MAX_HOST_NAME_LENGTH = 253;
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// Invisible formatting marks that Windows, Outlook and web pages wrap around copied phone numbers
// (e.g. U+202A ... U+202C). They carry no meaning in a dial string, so they are dropped, not refused.
const INVISIBLE_FORMATTING = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const FORBIDDEN_CHARACTERS = /[<>"\\`]/;
// RFC 3261 user characters minus `;`, `?` and `/`, which would start parameters or headers.
const SIP_USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})+$/;
// Spaces (including no-break and thin spaces), dashes, dots and parentheses people put in numbers.
const VISUAL_SEPARATORS = /[\s().\-\u2010-\u2015]/g;
const PHONE_LIKE = /^[+0-9*#\s().\-\u2010-\u2015]+$/;
const COMPACT_NUMBER = /^\+?[0-9*#]+$/;
// `+33 (0)1 23 45 67 89`: the bracketed 0 is the national trunk prefix, which must not be dialled
// after an international country code. Only that exact position is rewritten; a `(0)` anywhere
// else is an ordinary digit in brackets.
const TRUNK_PREFIX_AFTER_COUNTRY_CODE = /^\+[\s.\-]*(\d{1,3})[\s.\-]*\(0\)/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.\-]*):/;

export function isDialpadKey(key: string): boolean {
  return key.length === 1 && '0123456789*#+'.includes(key);
}

export function isDtmfTone(key: string): key is DtmfTone {
  return (DTMF_TONES as readonly string[]).includes(key);
}

/**
 * Normalises a typed or pasted call target.
 *
 * - Phone numbers: spaces, dashes, dots and parentheses are dropped; a leading `+` is kept;
 *   `+CC (0)` loses its `(0)`; `*` and `#` are allowed anywhere (feature codes such as `*8`).
 * - `tel:` (RFC 3966): the number before the first `;` is used, `;params` are dropped.
 * - `sip:` / `sips:` / `user@host`: URI parameters after the host (`;transport=...`) are dropped;
 *   URI headers (`?...`) are refused. `sip:1001` without a host means extension 1001 on `defaultDomain`.
 * - `callto:` / `callto://`: treated like what follows it.
 * - Bare names (`alice`) are SIP users on `defaultDomain`.
 */
export function parseDialString(input: string, defaultDomain: string): DialStringResult {
  if (typeof input !== 'string') return failure('empty');
  if (input.length > MAX_DIAL_STRING_LENGTH) return failure('too-long');
  if (CONTROL_CHARACTERS.test(input)) return failure('invalid-characters');
  const text = input.replace(INVISIBLE_FORMATTING, '').trim();
  if (text === '') return failure('empty');
  if (FORBIDDEN_CHARACTERS.test(text)) return failure('invalid-characters');

  const scheme = SCHEME.exec(text);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    const body = text.slice(scheme[0].length);
    switch (name) {
      case 'sip':
      case 'sips':
        return parseSipBody(body, name, defaultDomain);
      case 'tel':
        return parseTelBody(body, defaultDomain);
      case 'callto':
        return parseSchemeless(body.replace(/^\/\//, ''), defaultDomain);
      default:
        return failure('invalid-uri');
    }
  }
  return parseSchemeless(text, defaultDomain);
}

/**
 * Parses `host` or `host:port` (host name, dotted IPv4 or bracketed IPv6). Returns null when the
 * text is not a usable SIP/WebSocket host. Host names must be ASCII (punycode for IDNs).
 */
export function parseHostPort(text: string): HostPort | null {
  if (text.length === 0 || text.length > MAX_HOST_NAME_LENGTH + 8) return null;
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return null;
    const address = text.slice(1, close);
    if (!isIpv6Address(address)) return null;
    host = `[${address.toLowerCase()}]`;
    const rest = text.slice(close + 1);
    if (rest !== '') {
      if (!rest.startsWith(':')) return null;
      portText = rest.slice(1);
    }
  } else {
    const colon = text.indexOf(':');
    host = (colon < 0 ? text : text.slice(0, colon)).toLowerCase();
    if (colon >= 0) portText = text.slice(colon + 1);
    if (!isIpv4Address(host) && !isHostName(host)) return null;
  }
  if (portText === undefined) return { host, port: undefined, text: host };
  if (!/^[0-9]{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  if (port < 1 || port > 65535) return null;
  return { host, port, text: `${host}:${port}` };
}

export function isSipUser(user: string): boolean {
  return user.length <= MAX_DIAL_STRING_LENGTH && SIP_USER.test(user) && escapesAreSafe(user);
}

// SIP.js decodes the user part as UTF-8 and refuses the whole URI when it is not (`%FF`); an
// escaped line break or control character (`%0D%0A`) is refused like a typed one.
function escapesAreSafe(user: string): boolean {
  if (!user.includes('%')) return true;
  try {
    return !CONTROL_CHARACTERS.test(decodeURIComponent(user));
  } catch {
    return false;
  }
}

function parseSchemeless(body: string, defaultDomain: string): DialStringResult {
  if (body === '') return failure('empty');
  if (body.includes('@')) return parseSipBody(body, 'sip', defaultDomain);
  if (PHONE_LIKE.test(body)) return numberTarget(body, defaultDomain);
  if (!isSipUser(body)) return failure('invalid-user');
  return targetOn(defaultDomain, 'sip', body, body);
}

function parseSipBody(body: string, scheme: 'sip' | 'sips', defaultDomain: string): DialStringResult {
  if (body.includes('?')) return failure('invalid-uri');
  const at = body.indexOf('@');
  if (at < 0) {
    const user = body.split(';')[0] ?? '';
    if (user === '') return failure('invalid-uri');
    if (!isSipUser(user)) return failure('invalid-user');
    return targetOn(defaultDomain, scheme, user, user);
  }
  const user = body.slice(0, at);
  const hostAndParameters = body.slice(at + 1);
  if (user === '' || hostAndParameters === '') return failure('invalid-uri');
  if (!isSipUser(user)) return failure('invalid-user');
  const hostText = hostAndParameters.split(';')[0] ?? '';
  const host = parseHostPort(hostText);
  if (!host) return failure('invalid-host');
  const defaultHost = parseHostPort(defaultDomain.trim());
  const display = defaultHost && defaultHost.text === host.text ? user : `${user}@${host.text}`;
  return { ok: true, target: { user, host: host.text, uri: `${scheme}:${user}@${host.text}`, display } };
}

function parseTelBody(body: string, defaultDomain: string): DialStringResult {
  const number = body.split(';')[0] ?? '';
  if (number === '' || !PHONE_LIKE.test(number)) return failure('invalid-uri');
  return numberTarget(number, defaultDomain);
}

function numberTarget(text: string, defaultDomain: string): DialStringResult {
  const compact = text.replace(TRUNK_PREFIX_AFTER_COUNTRY_CODE, '+$1').replace(VISUAL_SEPARATORS, '');
  if (!COMPACT_NUMBER.test(compact)) return failure('invalid-number');
  return targetOn(defaultDomain, 'sip', compact.replace(/#/g, '%23'), compact);
}

function targetOn(defaultDomain: string, scheme: 'sip' | 'sips', user: string, display: string): DialStringResult {
  const trimmed = defaultDomain.trim();
  if (trimmed === '') return failure('missing-domain');
  const host = parseHostPort(trimmed);
  if (!host) return failure('missing-domain');
  return { ok: true, target: { user, host: host.text, uri: `${scheme}:${user}@${host.text}`, display } };
}

function isHostName(host: string): boolean {
  if (host.length === 0 || host.length > MAX_HOST_NAME_LENGTH) return false;
  const labels = host.split('.');
  const valid = labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
  // RFC 3261 toplabel starts with a letter (SIP.js refuses anything else); an all-numeric one
  // means the user meant an IPv4 address, and if it was not a valid one, say so.
  const topLabel = labels[labels.length - 1] ?? '';
  return valid && /^[a-z]/.test(topLabel);
}

function isIpv4Address(host: string): boolean {
  const parts = host.split('.');
  return parts.length === 4 && parts.every((part) => /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255);
}

function isIpv6Address(address: string): boolean {
  if (address.length < 2 || address.length > 45) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const all = groups.flat();
  let count = 0;
  for (const [index, group] of all.entries()) {
    if (/^[0-9a-fA-F]{1,4}$/.test(group)) count += 1;
    else if (index === all.length - 1 && isIpv4Address(group)) count += 2;
    else return false;
  }
  // `::` alone is the unspecified address: it names no host to call (and SIP.js refuses it).
  return halves.length === 2 ? count >= 1 && count <= 7 : count === 8;
}

const MESSAGES: Record<DialIssueCode, string> = {
  empty: 'Type a number, an extension or a SIP address to call, for example 1001 or alice@pbx.example.com.',
  'too-long': `That is too long to be a phone number or SIP address: keep it under ${MAX_DIAL_STRING_LENGTH} characters.`,
  'invalid-characters':
    'That contains characters a call address cannot hold (line breaks, control characters, quotes, < or >): remove them and try again.',
  'invalid-number':
    'That is not a valid phone number: use digits, * and #, with an optional + only at the start, for example +33 1 23 45 67 89.',
  'invalid-user':
    'That is not a valid SIP user name: use letters, digits and . _ - + without spaces, for example alice or 1001.',
  'invalid-host':
    'The part after @ is not a valid server name: use a host name or IP address, for example 1001@pbx.example.com.',
  'invalid-uri':
    'That address cannot be called: use a number, a user name, or a sip:, sips:, tel: or callto: address without ?headers, for example sip:1001@pbx.example.com.',
  'missing-domain':
    'No SIP domain is configured to complete that address: set one in the account settings, or type a full address such as 1001@pbx.example.com.',
};

function failure(code: DialIssueCode): DialStringResult {
  return { ok: false, code, message: MESSAGES[code] };
}
