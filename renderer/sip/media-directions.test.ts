import { describe, expect, it } from 'vitest';
import { answerDirection, mediaSections, offerDirection, remoteSendsVideo, videoNegotiated } from './media-directions';

const sdp = [
  'v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', 'a=sendrecv',
  'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', 'a=recvonly', '',
].join('\r\n');

describe('offerDirection', () => {
  it('offers to send only what we have, and nothing on hold', () => {
    expect(offerDirection(true, false)).toBe('sendrecv');
    expect(offerDirection(false, false)).toBe('recvonly');
    expect(offerDirection(true, true)).toBe('inactive');
    expect(offerDirection(false, true)).toBe('inactive');
  });
});

describe('answerDirection', () => {
  it.each([
    ['sendrecv', true, false, 'sendrecv'],
    ['sendrecv', false, false, 'recvonly'],
    ['sendonly', true, false, 'recvonly'], // they hold us with music: we listen, do not send
    ['recvonly', true, false, 'sendonly'],
    ['recvonly', false, false, 'inactive'],
    ['inactive', true, false, 'inactive'],
    ['sendrecv', true, true, 'inactive'],
  ] as const)('offered %s, want send %s, hold %s -> %s', (offered, wantSend, hold, expected) => {
    expect(answerDirection(offered, wantSend, hold)).toBe(expected);
  });
});

describe('mediaSections / remoteSendsVideo', () => {
  it('reads each m-line with its mid and direction', () => {
    expect(mediaSections(sdp)).toEqual([
      { kind: 'audio', port: 9, mid: '0', direction: 'sendrecv' },
      { kind: 'video', port: 9, mid: '1', direction: 'recvonly' },
    ]);
  });
  it('sees whether the far end sends video', () => {
    expect(remoteSendsVideo(sdp)).toBe(false);
    expect(remoteSendsVideo(sdp.replace('a=recvonly', 'a=sendonly'))).toBe(true);
    expect(remoteSendsVideo(sdp.replace('a=recvonly', 'a=sendrecv').replace('m=video 9', 'm=video 0'))).toBe(false);
    expect(remoteSendsVideo('v=0\r\nm=audio 9 RTP/AVP 0\r\n')).toBe(false);
  });
  it('falls back to the session-level direction', () => {
    const s = 'v=0\r\na=sendonly\r\nm=video 9 RTP/AVP 96\r\na=mid:v\r\n';
    expect(mediaSections(s)[0]?.direction).toBe('sendonly');
    expect(remoteSendsVideo(s)).toBe(true);
  });
});

describe('videoNegotiated', () => {
  it('is true while an m=video line keeps a port, whatever its direction', () => {
    expect(videoNegotiated(sdp)).toBe(true);
    expect(videoNegotiated(sdp.replace('a=recvonly', 'a=inactive'))).toBe(true);
  });
  it('is false for an audio-only SDP or a refused video stream (port 0)', () => {
    expect(videoNegotiated(sdp.replace('m=video 9', 'm=video 0'))).toBe(false);
    expect(videoNegotiated(sdp.split('\r\nm=video')[0]!)).toBe(false);
    expect(videoNegotiated('')).toBe(false);
  });
});
