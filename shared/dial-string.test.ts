import { describe, expect, it } from 'vitest';
import {
  DTMF_TONES,
  MAX_DIAL_STRING_LENGTH,
  isDialpadKey,
  isDtmfTone,
  isSipUser,
  parseDialString,
  parseHostPort,
  type DialIssueCode,
  type DialTarget,
} from './dial-string';

const DOMAIN = 'pbx.example.com';

function target(input: string, domain = DOMAIN): DialTarget {
  const result = parseDialString(input, domain);
  if (!result.ok) throw new Error(`expected "${input}" to parse, got ${result.code}: ${result.message}`);
  return result.target;
}

function issue(input: string, domain = DOMAIN): DialIssueCode {
  const result = parseDialString(input, domain);
  if (result.ok) throw new Error(`expected "${input}" to be refused, got ${result.target.uri}`);
  return result.code;
}

describe('parseDialString: phone numbers and feature codes', () => {
  it.each([
    ['1001', 'sip:1001@pbx.example.com', '1001'],
    ['  1001  ', 'sip:1001@pbx.example.com', '1001'],
    ['+33 1 23', 'sip:+33123@pbx.example.com', '+33123'],
    ['+33 (0)1 23-45.67', 'sip:+331234567@pbx.example.com', '+331234567'],
    ['+44(0)20 7946 0000', 'sip:+442079460000@pbx.example.com', '+442079460000'],
    ['+ 33 (0) 1 23', 'sip:+33123@pbx.example.com', '+33123'],
    ['(555) 123-4567', 'sip:5551234567@pbx.example.com', '5551234567'],
    ['01.23.45.67.89', 'sip:0123456789@pbx.example.com', '0123456789'],
    ['01\u00A023\u202F45', 'sip:012345@pbx.example.com', '012345'],
    ['01\u201323', 'sip:0123@pbx.example.com', '0123'],
    ['\u202A+33 1 23\u202C', 'sip:+33123@pbx.example.com', '+33123'],
    ['*8', 'sip:*8@pbx.example.com', '*8'],
    ['*72 1001', 'sip:*721001@pbx.example.com', '*721001'],
    ['#31#', 'sip:%2331%23@pbx.example.com', '#31#'],
  ])('%j dials %s shown as %s', (input, uri, display) => {
    const result = target(input);
    expect(result.uri).toBe(uri);
    expect(result.display).toBe(display);
    expect(result.host).toBe('pbx.example.com');
    expect(`sip:${result.user}@${result.host}`).toBe(uri);
  });

  it('keeps a bracketed 0 that does not follow a country code', () => {
    expect(target('(0)1 23').display).toBe('0123');
    expect(target('0033 (0)1 23').display).toBe('003301' + '23');
  });

  it.each(['+', '12+34', '++33', '+33 1 23 +'])('refuses %j as an invalid number', (input) => {
    expect(issue(input)).toBe('invalid-number');
  });
});

describe('parseDialString: tel:, sip:, sips:, callto: and user@host', () => {
  it.each([
    ['tel:+33123456', 'sip:+33123456@pbx.example.com', '+33123456'],
    ['TEL:+33-1-23-45-67-89', 'sip:+33123456789@pbx.example.com', '+33123456789'],
    ['tel:+1-201-555-0123;ext=42', 'sip:+12015550123@pbx.example.com', '+12015550123'],
    ['tel:7042;phone-context=example.com', 'sip:7042@pbx.example.com', '7042'],
    ['sip:1001@pbx.example.com', 'sip:1001@pbx.example.com', '1001'],
    ['SIP:1001@PBX.Example.COM', 'sip:1001@pbx.example.com', '1001'],
    ['sip:alice@other.example.org', 'sip:alice@other.example.org', 'alice@other.example.org'],
    ['sip:alice@other.example.org:5061;transport=tls', 'sip:alice@other.example.org:5061', 'alice@other.example.org:5061'],
    ['sips:bob@secure.example.net', 'sips:bob@secure.example.net', 'bob@secure.example.net'],
    ['sip:1001', 'sip:1001@pbx.example.com', '1001'],
    ['1001@pbx.example.com', 'sip:1001@pbx.example.com', '1001'],
    ['1001@192.168.1.10:5060', 'sip:1001@192.168.1.10:5060', '1001@192.168.1.10:5060'],
    ['1001@[2001:db8::1]:5060', 'sip:1001@[2001:db8::1]:5060', '1001@[2001:db8::1]:5060'],
    ['callto:+33123', 'sip:+33123@pbx.example.com', '+33123'],
    ['callto://alice', 'sip:alice@pbx.example.com', 'alice'],
    ['callto:alice@other.example.org', 'sip:alice@other.example.org', 'alice@other.example.org'],
    ['alice', 'sip:alice@pbx.example.com', 'alice'],
    ['john.doe', 'sip:john.doe@pbx.example.com', 'john.doe'],
    ['support-line_2', 'sip:support-line_2@pbx.example.com', 'support-line_2'],
    ['a%20b@pbx.example.com', 'sip:a%20b@pbx.example.com', 'a%20b'],
  ])('%j dials %s shown as %s', (input, uri, display) => {
    const result = target(input);
    expect(result.uri).toBe(uri);
    expect(result.display).toBe(display);
  });

  it('uses the default domain given with a port', () => {
    expect(target('1001', 'pbx.example.com:5060').uri).toBe('sip:1001@pbx.example.com:5060');
    expect(target('1001@pbx.example.com:5060', 'pbx.example.com:5060').display).toBe('1001');
  });

  it.each([
    ['ftp://example.com', 'invalid-uri'],
    ['http://pbx.example.com/call', 'invalid-uri'],
    ['sip:', 'invalid-uri'],
    ['sip:@pbx.example.com', 'invalid-uri'],
    ['1001@', 'invalid-uri'],
    ['tel:', 'invalid-uri'],
    ['tel:alice', 'invalid-uri'],
    ['callto:', 'empty'],
    ['sip:1001@pbx.example.com?Subject=hi', 'invalid-uri'],
    ['sip:1001@pbx.example.com?X-Evil=1%0d%0aVia:x', 'invalid-uri'],
    ['sip:+331;phone-context=x@pbx.example.com', 'invalid-user'],
    ['alice smith', 'invalid-user'],
    ['josé', 'invalid-user'],
    ['al/ice', 'invalid-user'],
    ['a b@pbx.example.com', 'invalid-user'],
    ['1001@pbx..example.com', 'invalid-host'],
    ['1001@-pbx.example.com', 'invalid-host'],
    ['1001@pbx_example.com', 'invalid-host'],
    ['1001@pbx.example.com:0', 'invalid-host'],
    ['1001@pbx.example.com:65536', 'invalid-host'],
    ['1001@pbx.example.com:80a', 'invalid-host'],
    ['1001@300.1.1.1', 'invalid-host'],
    ['1001@10.0.0', 'invalid-host'],
    ['1001@[2001:db8::1', 'invalid-host'],
    ['1001@[2001:db8:::1]', 'invalid-host'],
    ['1001@[::1]x', 'invalid-host'],
    ['1001@a@b', 'invalid-host'],
    // Found by dial-string.property.test.ts: RFC 3261's toplabel starts with a letter, and SIP.js refuses `sip:0@0a`.
    ['0@0a', 'invalid-host'],
    ['1001@pbx.example.9com', 'invalid-host'],
    // Found by the property test too: an escape that is not UTF-8 makes SIP.js refuse the URI.
    ['%FF', 'invalid-user'],
    ['sip:al%E9@pbx.example.com', 'invalid-user'],
    ['sip:a%0D%0Ab@pbx.example.com', 'invalid-user'],
    // And the unspecified IPv6 address, which names no host (SIP.js refuses `sip:%23@[::]`).
    ['%23@[::]', 'invalid-host'],
  ] as const)('refuses %j with %s', (input, code) => {
    expect(issue(input)).toBe(code);
  });
});

describe('parseDialString: hostile and empty input', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200B', 'empty'],
    ['1001\r\nVia: SIP/2.0/WS evil', 'invalid-characters'],
    ['1001\n', 'invalid-characters'],
    ['10\u000001', 'invalid-characters'],
    ['10\t01', 'invalid-characters'],
    ['10\u008501', 'invalid-characters'],
    ['10\u202801', 'invalid-characters'],
    ['<sip:1001@pbx.example.com>', 'invalid-characters'],
    ['"Alice" sip:alice@pbx.example.com', 'invalid-characters'],
    ['sip:a\\b@pbx.example.com', 'invalid-characters'],
  ] as const)('refuses %j with %s', (input, code) => {
    expect(issue(input)).toBe(code);
  });

  it('refuses input longer than the limit, even when only spaces make it long', () => {
    expect(issue('1'.repeat(MAX_DIAL_STRING_LENGTH + 1))).toBe('too-long');
    expect(issue(`1001${' '.repeat(MAX_DIAL_STRING_LENGTH)}`)).toBe('too-long');
    expect(target('1'.repeat(MAX_DIAL_STRING_LENGTH)).display).toHaveLength(MAX_DIAL_STRING_LENGTH);
  });

  it('needs a usable default domain only when the input has no host', () => {
    expect(issue('1001', '')).toBe('missing-domain');
    expect(issue('alice', '  ')).toBe('missing-domain');
    expect(issue('1001', 'not a domain')).toBe('missing-domain');
    expect(target('1001@pbx.example.com', '').uri).toBe('sip:1001@pbx.example.com');
  });

  it('never lets a refused input reach a URI and always explains how to fix it', () => {
    const hostile = ['', '\r\n', '<>', 'sip:x@y?z', 'a'.repeat(300), '1001@bad host', '+1+2', 'tel:;x', 'javascript:alert(1)'];
    for (const input of hostile) {
      const result = parseDialString(input, DOMAIN);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^[A-Z].*[.:].*\.$/s);
    }
  });

  it('produces URIs that contain no whitespace, quotes, brackets or header separators', () => {
    const inputs = ['+33 (0)1 23-45.67', 'sip:alice@other.example.org;transport=tcp', 'callto://+44 20', '#31#', "o'brien"];
    for (const input of inputs) {
      expect(target(input).uri).toMatch(/^sips?:[^\s<>"?;#]+@[^\s<>"?;#@]+$/);
    }
  });
});

describe('parseHostPort', () => {
  it.each([
    ['pbx.example.com', 'pbx.example.com', undefined],
    ['PBX.Example.com:8089', 'pbx.example.com', 8089],
    ['localhost', 'localhost', undefined],
    ['10.0.0.1:5060', '10.0.0.1', 5060],
    ['[::1]', '[::1]', undefined],
    ['[2001:DB8::1]:443', '[2001:db8::1]', 443],
    ['[::ffff:192.0.2.1]', '[::ffff:192.0.2.1]', undefined],
    ['[1:2:3:4:5:6:7:8]', '[1:2:3:4:5:6:7:8]', undefined],
  ])('reads %j as host %s port %s', (text, host, port) => {
    expect(parseHostPort(text)).toMatchObject({ host, port });
  });

  it.each(['', ':5060', 'pbx.example.com:', 'a..b', 'a.b-', '1.2.3.4.5', '010.0.0.1', '[1:2:3:4:5:6:7:8:9]', '[1::2::3]', '[fe80::1%eth0]', 'x'.repeat(64) + '.com', 'exämple.com'])(
    'refuses %j',
    (text) => {
      expect(parseHostPort(text)).toBeNull();
    },
  );
});

describe('dial pad keys and DTMF tones', () => {
  it('accepts exactly the dial pad keys', () => {
    for (const key of '0123456789*#+') expect(isDialpadKey(key)).toBe(true);
    for (const key of ['', 'A', 'a', ' ', '11', '-', 'Enter']) expect(isDialpadKey(key)).toBe(false);
  });

  it('lists the sixteen DTMF tones in keypad order', () => {
    expect(DTMF_TONES.join('')).toBe('0123456789*#ABCD');
    expect(isDtmfTone('D')).toBe(true);
    expect(isDtmfTone('+')).toBe(false);
    expect(isDtmfTone('d')).toBe(false);
  });

  it('recognises SIP user names', () => {
    expect(isSipUser('alice.o%27brien')).toBe(true);
    expect(isSipUser('a;b')).toBe(false);
    expect(isSipUser('a%2')).toBe(false);
  });
});
