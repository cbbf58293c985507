import { describe, expect, it } from 'vitest';
import { checkOffer, offerWarningHeader } from './offer-check';

const chromium = (kind: 'audio' | 'video') =>
  new Set(kind === 'audio' ? ['opus', 'red', 'g722', 'pcmu', 'pcma', 'cn', 'telephone-event'] : ['vp8', 'vp9', 'h264', 'rtx']);

function offer({
  proto = 'UDP/TLS/RTP/SAVPF',
  formats = '111 0',
  rtpmaps = ['a=rtpmap:111 opus/48000/2', 'a=rtpmap:0 PCMU/8000'],
  fingerprint = true,
  ice = true,
  port = 9,
}: { proto?: string; formats?: string; rtpmaps?: string[]; fingerprint?: boolean; ice?: boolean; port?: number } = {}): string {
  return [
    'v=0',
    'o=- 1 2 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    ...(fingerprint ? ['a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B'] : []),
    `m=audio ${port} ${proto} ${formats}`,
    ...(ice ? ['a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuvwx'] : []),
    'a=rtcp-mux',
    ...rtpmaps,
    '',
  ].join('\r\n');
}

describe('checkOffer', () => {
  it('accepts a WebRTC offer (fingerprint at session level, ICE at media level)', () => {
    expect(checkOffer(offer(), chromium)).toBeNull();
  });

  it('accepts an offerless INVITE: SIP.js puts its own offer in the 200', () => {
    expect(checkOffer('', chromium)).toBeNull();
  });

  it('accepts TCP/DTLS and static payload types without rtpmap', () => {
    expect(checkOffer(offer({ proto: 'TCP/DTLS/RTP/SAVPF', formats: '8', rtpmaps: [] }), chromium)).toBeNull();
  });

  it('refuses plain RTP/AVP', () => {
    expect(checkOffer(offer({ proto: 'RTP/AVP', fingerprint: false, ice: false }), chromium)).toBe('insecure-transport');
  });

  it('refuses an offer without a DTLS fingerprint', () => {
    expect(checkOffer(offer({ fingerprint: false }), chromium)).toBe('no-fingerprint');
  });

  it('refuses an offer without ICE credentials', () => {
    expect(checkOffer(offer({ ice: false }), chromium)).toBe('no-ice');
  });

  it('refuses an offer whose codecs the browser cannot decode, telephone-event alone included', () => {
    expect(checkOffer(offer({ formats: '18 4', rtpmaps: ['a=rtpmap:18 G729/8000', 'a=rtpmap:4 G723/8000'] }), chromium)).toBe('no-codec');
    expect(checkOffer(offer({ formats: '101', rtpmaps: ['a=rtpmap:101 telephone-event/8000'] }), chromium)).toBe('no-codec');
  });

  it('refuses garbage and an SDP with no usable stream', () => {
    expect(checkOffer('hello world', chromium)).toBe('malformed');
    expect(checkOffer('v=0\r\nthis is not sdp\r\n', chromium)).toBe('malformed');
    expect(checkOffer(offer({ port: 0 }), chromium)).toBe('malformed');
    expect(checkOffer('v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n', chromium)).toBe('malformed');
  });

  it('accepts an offer where one of the streams is usable', () => {
    const twoStreams = `${offer({ proto: 'RTP/AVP' })}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=ice-ufrag:x\r\na=ice-pwd:y\r\na=rtpmap:96 VP8/90000\r\n`;
    expect(checkOffer(twoStreams, chromium)).toBeNull();
  });

  it('falls back to a fixed codec list outside a browser', () => {
    expect(checkOffer(offer())).toBeNull();
    expect(checkOffer(offer({ formats: '18', rtpmaps: ['a=rtpmap:18 G729/8000'] }))).toBe('no-codec');
  });

  it('words a Warning header for the 488', () => {
    expect(offerWarningHeader('no-codec')).toBe('Warning: 305 softphone "Incompatible media format"');
  });
});
