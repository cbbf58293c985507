import { describe, expect, it, vi } from 'vitest';
import { summarizeSipMessage, tapTransport } from './sip-wire-tap';
import { ANNOUNCE_BATCH_MS, TimelineBook, wireMark } from './timeline-book';
import { CallTimeline } from './call-timeline';

const invite = [
  'INVITE sip:1002@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
  'Call-ID: call-1@host',
  'CSeq: 2 INVITE',
  'Content-Length: 3',
  '',
  'v=0',
].join('\r\n');
const ok = ['SIP/2.0 200 OK', 'i: call-1@host', 'CSeq: 2 INVITE', '', ''].join('\r\n');
const byeOk = ['SIP/2.0 200 OK', 'Call-ID: call-1@host', 'CSeq: 3 BYE', '', ''].join('\r\n');
const ringing = ['SIP/2.0 180 Ringing', 'Call-ID: call-1@host', 'CSeq: 2 INVITE', '', ''].join('\r\n');
const ack = ['ACK sip:1002@127.0.0.1 SIP/2.0', 'Call-ID: call-1@host', 'CSeq: 2 ACK', '', ''].join('\r\n');

describe('summarizeSipMessage', () => {
  it('reads requests and responses, long and compact Call-ID', () => {
    expect(summarizeSipMessage(invite)).toEqual({ method: 'INVITE', callId: 'call-1@host', cseqMethod: 'INVITE' });
    expect(summarizeSipMessage(ok)).toEqual({ status: 200, callId: 'call-1@host', cseqMethod: 'INVITE' });
  });
  it('does not read headers out of the body, and refuses what is not SIP', () => {
    expect(summarizeSipMessage(['SIP/2.0 200 OK', 'CSeq: 1 INVITE', '', 'Call-ID: smuggled'].join('\r\n'))).toBeNull();
    expect(summarizeSipMessage('\r\n\r\n')).toBeNull();
    expect(summarizeSipMessage('hello')).toBeNull();
  });
});

describe('wireMark', () => {
  it('maps the set-up messages of a call to its timeline marks', () => {
    expect(wireMark(summarizeSipMessage(invite)!, 'sent')).toBe('inviteSent');
    expect(wireMark(summarizeSipMessage(ok)!, 'sent')).toBe('ok200Sent');
    expect(wireMark(summarizeSipMessage(ok)!, 'received')).toBe('ok200Received');
    expect(wireMark(summarizeSipMessage(ringing)!, 'received')).toBe('ringing180');
    expect(wireMark(summarizeSipMessage(ack)!, 'sent')).toBe('ackSent');
    expect(wireMark(summarizeSipMessage(ack)!, 'received')).toBe('ackReceived');
    expect(wireMark(summarizeSipMessage(byeOk)!, 'received')).toBeUndefined();
  });
});

describe('tapTransport', () => {
  it('sees what is sent and received, and still hands every message on', async () => {
    const delivered: string[] = [];
    const sent: string[] = [];
    const transport = {
      send: (message: string) => {
        sent.push(message);
        return Promise.resolve();
      },
      onMessage: (message: string) => void delivered.push(message),
    };
    const seen: string[] = [];
    tapTransport(transport, (message, direction) => seen.push(`${direction} ${message.method ?? message.status}`));
    await transport.send(invite);
    transport.onMessage(ringing);
    transport.onMessage('not sip');
    expect(seen).toEqual(['sent INVITE', 'received 180']);
    expect(sent).toEqual([invite]);
    expect(delivered).toEqual([ringing, 'not sip']);
  });

  it('an observer that throws never breaks SIP', () => {
    const delivered: string[] = [];
    const transport = { send: () => Promise.resolve(), onMessage: (message: string) => void delivered.push(message) };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    tapTransport(transport, () => {
      throw new Error('observer bug');
    });
    transport.onMessage(ok);
    expect(delivered).toEqual([ok]);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});

describe('TimelineBook', () => {
  it('stamps a live call from the socket, starts an incoming one at its INVITE, and keeps the ended ones', async () => {
    const announced: string[] = [];
    const book = new TimelineBook((owner) => announced.push(owner.id));
    book.onWire(summarizeSipMessage(invite)!, 'received', 100);
    expect(book.inviteArrival('call-1@host')).toBe(100);
    const owner = { id: 'call-1@host', timeline: new CallTimeline('call-1@host', 'incoming', 'inviteReceived', 100) };
    book.follow(owner);
    book.onWire(summarizeSipMessage(ok)!, 'sent', 130);
    book.onWire(summarizeSipMessage(ack)!, 'received', 132);
    expect(book.get('call-1@host')?.marks).toMatchObject({ inviteReceived: 0, ok200Sent: 30, ackReceived: 32 });
    await new Promise((resolve) => setTimeout(resolve, ANNOUNCE_BATCH_MS / 2));
    expect(announced).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, ANNOUNCE_BATCH_MS));
    expect(announced).toEqual(['call-1@host']);
    book.ended(owner);
    expect(book.get('call-1@host')?.marks.ok200Sent).toBe(30);
    expect(book.get('unknown')).toBeUndefined();
  });
});
