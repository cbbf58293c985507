import { describe, expect, it } from 'vitest';
import { remoteHoldFromOffer } from './remote-hold';

function offer(audioDirection: string, options: { connection?: string; video?: string; audioPort?: number } = {}): string {
  return [
    'v=0', 'o=- 1 2 IN IP4 192.0.2.1', 's=-', `c=IN IP4 ${options.connection ?? '192.0.2.1'}`, 't=0 0',
    `m=audio ${options.audioPort ?? 4000} UDP/TLS/RTP/SAVPF 111`, 'a=mid:0', `a=${audioDirection}`,
    ...(options.video ? ['m=video 4002 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', `a=${options.video}`] : []),
    '',
  ].join('\r\n');
}

describe('remoteHoldFromOffer', () => {
  it.each([
    ['sendonly', false, true], // music on hold from the far end
    ['sendonly', true, true],
    ['inactive', false, true], // our own phone holds with inactive
    ['sendrecv', false, false],
    ['recvonly', false, false], // the far end only listens: it is not holding us
    ['sendrecv', true, false],
  ] as const)('audio %s, we hold: %s -> %s', (direction, weHold, held) => {
    expect(remoteHoldFromOffer(offer(direction), weHold)).toBe(held);
  });

  it('reads an inactive offer while we hold as no news: it may only mirror our hold', () => {
    expect(remoteHoldFromOffer(offer('inactive'), true)).toBeNull();
  });

  it('takes the old-style hold, a connection to 0.0.0.0, as a hold', () => {
    expect(remoteHoldFromOffer(offer('sendrecv', { connection: '0.0.0.0' }), false)).toBe(true);
  });

  it('follows the audio, whatever the video does', () => {
    expect(remoteHoldFromOffer(offer('sendrecv', { video: 'inactive' }), false)).toBe(false);
    expect(remoteHoldFromOffer(offer('sendonly', { video: 'sendrecv' }), false)).toBe(true);
  });

  it('uses the session-level direction when the audio section has none', () => {
    const sdp = ['v=0', 'o=- 1 2 IN IP4 192.0.2.1', 's=-', 'c=IN IP4 192.0.2.1', 't=0 0', 'a=sendonly', 'm=audio 4000 RTP/AVP 0', ''].join('\r\n');
    expect(remoteHoldFromOffer(sdp, false)).toBe(true);
  });

  it('says nothing about an offer without live audio', () => {
    expect(remoteHoldFromOffer(offer('sendonly', { audioPort: 0 }), false)).toBeNull();
    expect(remoteHoldFromOffer('v=0\r\ns=-\r\n', false)).toBeNull();
  });
});
