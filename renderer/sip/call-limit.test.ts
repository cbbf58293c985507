import { describe, expect, it } from 'vitest';
import { clampCallLimit, judgeInvite } from './call-limit';

const webrtcOffer = [
  'v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0',
  'a=fingerprint:sha-256 4A:AD:B9:B1', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=ice-ufrag:u', 'a=ice-pwd:p', 'a=rtpmap:111 opus/48000/2', '',
].join('\r\n');

describe('judgeInvite', () => {
  it('lets a call ring while the phone has fewer calls than the limit', () => {
    expect(judgeInvite(webrtcOffer, 0, 4)).toEqual({ ring: true });
    expect(judgeInvite(webrtcOffer, 3, 4)).toEqual({ ring: true });
  });

  it('refuses calls beyond the limit with 486, before looking at the offer', () => {
    expect(judgeInvite(webrtcOffer, 4, 4)).toEqual({ ring: false, statusCode: 486 });
    expect(judgeInvite('garbage', 1, 1)).toEqual({ ring: false, statusCode: 486 });
  });

  it('refuses an offer the browser cannot answer with 488', () => {
    expect(judgeInvite(webrtcOffer.replace('UDP/TLS/RTP/SAVPF', 'RTP/AVP'), 0, 4)).toEqual({ ring: false, statusCode: 488, problem: 'insecure-transport' });
  });
});

describe('clampCallLimit', () => {
  it('keeps the limit within 1..8, whole, 4 when unreadable', () => {
    expect([clampCallLimit(0), clampCallLimit(3.7), clampCallLimit(50), clampCallLimit(Number.NaN)]).toEqual([1, 3, 8, 4]);
  });
});
