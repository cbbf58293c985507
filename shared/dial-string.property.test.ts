import fc from 'fast-check';
import { UserAgent } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { MAX_DIAL_STRING_LENGTH, parseDialString, type DialIssueCode } from './dial-string';

// RFC 3261 §25.1, for the `sip[s]:user@host[:port]` form parseDialString produces: user is
// unreserved / escaped / user-unreserved, host a name, IPv4 or bracketed IPv6. No spaces,
// controls, quotes, angle brackets or raw non-ASCII can match.
const SIP_REQUEST_URI =
  /^sips?:(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+@(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

const CODES: readonly DialIssueCode[] = [
  'empty', 'too-long', 'invalid-characters', 'invalid-number', 'invalid-user', 'invalid-host', 'invalid-uri', 'missing-domain',
];

// Pieces people type, paste or click, and pieces an attacker would add.
const PIECES = [
  'sip:', 'sips:', 'tel:', 'callto:', 'callto://', 'SIP:', 'mailto:', '@', ':', ';', '?', '/', '#', '*', '+', '%', '%23', '%41',
  '%FF', '%C3%A9', '%zz', '(0)', '(', ')', '-', '.', ' ', '\u00A0', '\u202A', '\u202C', '\u200B', '\uFEFF', '\r\n', '\t', '"',
  '<', '>', '\\', '`', "'", '&', '=', '$', ',', '!', '~', 'é', '😀', '\uD800', '[', ']', '::', '2001:db8::1', '127.0.0.1',
  '999.1.1.1', 'pbx.example.com', 'PBX.Example.COM', 'a-b', '-a', 'localhost', ':5060', ':0', ':65536', ';transport=tcp',
  '?Subject=x', '1001', '+33', '0', 'alice', 'x'.repeat(64),
];

// Addresses that mostly look right, so the Request-URI property is checked on many accepted ones.
const userPart = fc
  .array(fc.oneof(fc.constantFrom(...'abcXYZ0189-_.!~*\'()&=+$,'), fc.constantFrom('%23', '%41', '%20', '%C3%A9', '%FF', '%0D', '%2F', '%')), {
    minLength: 1,
    maxLength: 10,
  })
  .map((parts) => parts.join(''));
const hostPart = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.ipV6().map((address) => `[${address}]`),
  fc.constantFrom('pbx.example.com', 'PBX.EXAMPLE.COM', '0a', 'a.0', 'localhost'),
);
const portPart = fc.option(fc.integer({ min: 0, max: 70000 }).map((port) => `:${port}`), { nil: '' });
const plausibleAddress = fc
  .tuple(
    fc.constantFrom('', 'sip:', 'sips:', 'SIP:', 'callto:', 'tel:'),
    userPart,
    fc.option(fc.tuple(hostPart, portPart), { nil: null }),
    fc.constantFrom('', ';transport=ws', ';user=phone', '?X=1'),
  )
  .map(([scheme, user, host, tail]) => `${scheme}${user}${host ? `@${host[0]}${host[1]}` : ''}${tail}`);

const dialText = fc.oneof(
  { weight: 3, arbitrary: plausibleAddress },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: MAX_DIAL_STRING_LENGTH + 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789+*#()-. abc@:;%'), maxLength: 40 }) },
);

const domain = fc.oneof(
  fc.constantFrom('pbx.example.com', 'PBX.example.com:5060', '10.0.0.1', '[2001:db8::1]:5061', '', ' ', 'bad domain', 'a..b'),
  fc.string({ maxLength: 30 }),
);

describe('parseDialString (properties)', () => {
  it('never throws, and every refusal has a documented code and a message', () => {
    fc.assert(
      fc.property(dialText, domain, (text, defaultDomain) => {
        const result = parseDialString(text, defaultDomain);
        if (!result.ok) {
          expect(CODES).toContain(result.code);
          expect(result.message).not.toBe('');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('only yields Request-URIs made of characters a SIP URI may hold, which SIP.js parses back', () => {
    fc.assert(
      fc.property(dialText, domain, (text, defaultDomain) => {
        const result = parseDialString(text, defaultDomain);
        if (!result.ok) return;
        const { uri, host, user } = result.target;
        expect(uri).toMatch(SIP_REQUEST_URI);
        const parsed = UserAgent.makeURI(uri);
        expect(parsed, uri).toBeDefined();
        expect(UserAgent.makeURI(parsed?.toString() ?? ''), uri).toBeDefined();
        expect(`${parsed?.host}${parsed?.port ? `:${parsed.port}` : ''}`.toLowerCase()).toBe(host);
        expect(parsed?.user).toBe(decodeURIComponent(user));
      }),
      { numRuns: 3000 },
    );
  });
});
