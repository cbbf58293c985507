import { describe, expect, it } from 'vitest';
import { PreparedAnswer } from './prepared-answer';

/** The parts of RTCPeerConnection the preparation touches, with the signaling states it goes through. */
class FakeConnection {
  signalingState: RTCSignalingState = 'stable';
  transceivers = [{ mid: '0', direction: 'recvonly' as RTCRtpTransceiverDirection }];
  calls: string[] = [];
  localDescription: RTCSessionDescriptionInit | null = null;
  failRemote = false;
  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.calls.push(`setRemote:${description.type}`);
    if (this.failRemote) throw new Error('bad offer');
    this.signalingState = description.type === 'rollback' ? 'stable' : 'have-remote-offer';
  }
  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    this.calls.push('createAnswer');
    return { type: 'answer', sdp: `answer for ${this.transceivers.map((t) => t.direction).join(',')}` };
  }
  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.calls.push(`setLocal:${description.sdp}`);
    this.localDescription = description;
    this.signalingState = 'stable';
  }
  getTransceivers() {
    return this.transceivers;
  }
}

function prepared(connection = new FakeConnection()) {
  // The handler's audio-answer shape: the audio m-line sends and receives.
  const answer = new PreparedAnswer(connection as unknown as RTCPeerConnection, () => {
    connection.transceivers[0]!.direction = 'sendrecv';
  });
  return { connection, answer };
}

const offer = { type: 'offer' as const, sdp: 'v=0 offer' };

describe('PreparedAnswer', () => {
  it('applies the offer and makes the audio answer while ringing, then sets it at the Answer press', async () => {
    const { connection, answer } = prepared();
    await answer.prepare(offer.sdp);
    expect(connection.calls).toEqual(['setRemote:offer', 'createAnswer']);
    expect(connection.signalingState).toBe('have-remote-offer');
    expect(answer.apply()).toBe(true);
    // SIP.js's own steps: the offer is not applied twice, the answer is not made again.
    expect(await answer.offerAlreadyApplied(offer)).toBe(true);
    expect(await answer.answerAlreadySet()).toBe(true);
    expect(connection.calls).toEqual(['setRemote:offer', 'createAnswer', 'setLocal:answer for sendrecv']);
    // Once only: a later re-INVITE takes SIP.js's path.
    expect(await answer.answerAlreadySet()).toBe(false);
    expect(await answer.offerAlreadyApplied(offer)).toBe(false);
  });

  it('an Answer pressed before the preparation finished sets the answer as soon as it is made', async () => {
    const { connection, answer } = prepared();
    const preparing = answer.prepare(offer.sdp);
    expect(answer.apply()).toBe(true);
    expect(answer.answering).toBe(true);
    expect(await answer.answerAlreadySet()).toBe(true);
    await preparing;
    expect(connection.calls).toEqual(['setRemote:offer', 'createAnswer', 'setLocal:answer for sendrecv']);
  });

  it('does not set an answer made for other directions (something changed them meanwhile)', async () => {
    const { connection, answer } = prepared();
    await answer.prepare(offer.sdp);
    connection.transceivers[0]!.direction = 'inactive';
    answer.apply();
    expect(await answer.answerAlreadySet()).toBe(false);
    expect(connection.calls).not.toContain('setLocal:answer for sendrecv');
    expect(connection.signalingState).toBe('have-remote-offer');
  });

  it('an offer that cannot be applied is rolled back to nothing, and SIP.js applies it itself', async () => {
    const connection = new FakeConnection();
    connection.failRemote = true;
    const { answer } = prepared(connection);
    await answer.prepare(offer.sdp);
    expect(connection.calls).toEqual(['setRemote:offer']);
    expect(answer.apply()).toBe(false);
    expect(await answer.offerAlreadyApplied(offer)).toBe(false);
    expect(await answer.answerAlreadySet()).toBe(false);
  });

  it('only the prepared offer counts as applied, not another one', async () => {
    const { answer } = prepared();
    await answer.prepare(offer.sdp);
    expect(await answer.offerAlreadyApplied({ type: 'offer', sdp: 'v=0 another offer' })).toBe(false);
  });
});
