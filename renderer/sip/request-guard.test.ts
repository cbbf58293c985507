import { describe, expect, it } from 'vitest';
import { badRequestReply } from './request-guard';

function request(from: string, extra: string[] = [], method = 'INVITE'): string {
  return [
    `${method} sip:1002@127.0.0.1 SIP/2.0`,
    'Via: SIP/2.0/WSS 127.0.0.1:5060;branch=z9hG4bK-1;rport',
    'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-0',
    from,
    'To: <sip:1002@127.0.0.1>',
    'Call-ID: abc@127.0.0.1',
    `CSeq: 1 ${method}`,
    'Max-Forwards: 69',
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

describe('badRequestReply', () => {
  it('leaves a request SIP.js can parse to SIP.js', () => {
    expect(badRequestReply(request('From: "Alice" <sip:alice@127.0.0.1>;tag=1'))).toBeNull();
    expect(badRequestReply(request('From: "Alice" <sip:alice@127.0.0.1>;tag=1', [], 'FOO'))).toBeNull();
  });

  it('leaves responses alone, even unparseable ones', () => {
    expect(badRequestReply('SIP/2.0 200 OK\r\nVia: x\r\nFrom: \u0001\r\n\r\n')).toBeNull();
  });

  it('answers 400 to a From with a control character, copying Via, From, To, Call-ID and CSeq', () => {
    const reply = badRequestReply(request('From: "Ev\u0001l" <sip:evil@127.0.0.1>;tag=9'));
    expect(reply).not.toBeNull();
    const lines = reply!.split('\r\n');
    expect(lines[0]).toBe('SIP/2.0 400 Bad Request');
    expect(lines.filter((l) => l.startsWith('Via: '))).toEqual([
      'Via: SIP/2.0/WSS 127.0.0.1:5060;branch=z9hG4bK-1;rport',
      'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-0',
    ]);
    expect(lines).toContain('From: "Ev\u0001l" <sip:evil@127.0.0.1>;tag=9');
    expect(lines.find((l) => l.startsWith('To: '))).toMatch(/^To: <sip:1002@127\.0\.0\.1>;tag=\w+$/);
    expect(lines).toContain('Call-ID: abc@127.0.0.1');
    expect(lines).toContain('CSeq: 1 INVITE');
    expect(lines.find((l) => l.startsWith('Warning: '))).toMatch(/^Warning: 399 softphone "[^"\u0000-\u001f]+"$/);
    expect(reply!.endsWith('Content-Length: 0\r\n\r\n')).toBe(true);
  });

  it('answers 400 when a mandatory header is missing', () => {
    const noCallId = request('From: <sip:a@127.0.0.1>;tag=1').replace('Call-ID: abc@127.0.0.1\r\n', '');
    expect(badRequestReply(noCallId)).toMatch(/^SIP\/2\.0 400 Bad Request\r\n/);
    expect(badRequestReply(noCallId)).toContain('Warning: 399 softphone "Missing Call-ID header"');
  });

  it('answers 400 to a request line SIP.js cannot read, as long as it has a Via', () => {
    expect(badRequestReply(request('From: <sip:a@127.0.0.1>;tag=1').replace('sip:1002@127.0.0.1', 'sip:bad uri'))).toMatch(/^SIP\/2\.0 400/);
  });

  it('never answers an ACK, nor a request without a Via (no route back)', () => {
    expect(badRequestReply(request('From: "\u0001" <sip:a@127.0.0.1>;tag=1', [], 'ACK'))).toBeNull();
    const noVia = request('From: "\u0001" <sip:a@127.0.0.1>;tag=1').replace(/Via: [^\r]*\r\n/g, '');
    expect(badRequestReply(noVia)).toBeNull();
  });

  it('never throws, whatever the frame', () => {
    for (const frame of ['', '\r\n', 'garbage', 'INVITE\r\n\r\n', 'INVITE sip:x SIP/2.0\r\nVia:\r\nCSeq: x\r\n\r\n', '\u0000'.repeat(100)]) {
      expect(() => badRequestReply(frame)).not.toThrow();
    }
  });
});
