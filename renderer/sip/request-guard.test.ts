import { Core, Grammar, type UserAgent } from 'sip.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { answerMalformedRequests, badRequestReply } from './request-guard';

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

describe('answerMalformedRequests', () => {
  afterEach(() => vi.restoreAllMocks());

  /** A transport as SIP.js's UserAgent leaves it: onMessage parses each frame with SIP.js's parser. */
  function guardedTransport() {
    const handled: Array<Core.IncomingMessage | undefined> = [];
    const sent: string[] = [];
    const logger = { error: () => undefined, warn: () => undefined, log: () => undefined, debug: () => undefined } as unknown as Core.Logger;
    const transport = {
      onMessage: (frame: string) => handled.push(Core.Parser.parseMessage(frame, logger)),
      send: (message: string) => {
        sent.push(message);
        return Promise.resolve();
      },
    };
    answerMalformedRequests({ transport } as unknown as UserAgent);
    return { transport, handled, sent };
  }

  it('hands SIP.js the request it parsed: an INVITE is parsed once, not twice', () => {
    const { transport, handled, sent } = guardedTransport();
    const grammar = vi.spyOn(Grammar, 'parse');
    transport.onMessage(request('From: "Alice" <sip:1001@127.0.0.1>;tag=a1'));
    // One start line parsed: the guard's. SIP.js's own parse of the same text would be a second.
    expect(grammar.mock.calls.filter(([, rule]) => rule === 'Request_Response')).toHaveLength(1);
    const message = handled[0];
    expect(message).toBeInstanceOf(Core.IncomingRequestMessage);
    expect((message as Core.IncomingRequestMessage).method).toBe('INVITE');
    expect(message?.callId).toBe('abc@127.0.0.1');
    expect(sent).toEqual([]);
  });

  it('parses anything else as before: a response, and the next frame after a handed-over one', () => {
    const { transport, handled } = guardedTransport();
    const response = ['SIP/2.0 200 OK', 'Via: SIP/2.0/WSS 127.0.0.1;branch=z9hG4bK-9', 'From: <sip:a@b>;tag=1', 'To: <sip:c@d>;tag=2', 'Call-ID: r1', 'CSeq: 2 BYE', 'Content-Length: 0', '', ''].join('\r\n');
    transport.onMessage(request('From: <sip:1001@127.0.0.1>;tag=a1', [], 'OPTIONS'));
    transport.onMessage(response);
    expect(handled.map((m) => m?.callId)).toEqual(['abc@127.0.0.1', 'r1']);
    expect(handled[1]).toBeInstanceOf(Core.IncomingResponseMessage);
  });

  it('still answers 400 to what SIP.js would drop, and hands it nothing', () => {
    const { transport, handled, sent } = guardedTransport();
    transport.onMessage(request('From: "Al\u0001ice" <sip:1001@127.0.0.1>;tag=a1'));
    expect(handled).toEqual([]);
    expect(sent[0]).toMatch(/^SIP\/2\.0 400 Bad Request\r\n/);
  });
});
