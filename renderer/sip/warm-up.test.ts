import { describe, expect, it } from 'vitest';
import { WarmConnections, type WarmUpClock } from './warm-up';

class FakeConnection {
  signalingState: RTCSignalingState = 'stable';
  constructor(readonly configuration: RTCConfiguration) {}
  close(): void {
    this.signalingState = 'closed';
  }
}

function setup(idleMs = 1000) {
  const made: FakeConnection[] = [];
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextTimer = 1;
  const clock: WarmUpClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextTimer++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= now) {
        timers.delete(id);
        timer.run();
      }
    }
  };
  const warm = new WarmConnections(
    (configuration) => {
      const connection = new FakeConnection(configuration);
      made.push(connection);
      return connection as unknown as RTCPeerConnection;
    },
    clock,
    idleMs,
    // Each connection's offer ahead, told apart by the connection it was made on.
    (connection) => ({ stream: { id: `stream-of-${made.indexOf(connection as unknown as FakeConnection)}` } as MediaStream, ready: Promise.resolve(true) }),
  );
  return { warm, made, advance };
}

const servers: RTCConfiguration = { iceServers: [{ urls: 'stun:127.0.0.1:3478' }] };

describe('WarmConnections', () => {
  it('makes one pooled connection, however often it is asked, and hands it over once', () => {
    const { warm, made, advance } = setup();
    warm.warmUp(servers);
    advance(100);
    warm.warmUp(servers);
    expect(made).toHaveLength(1);
    expect(made[0]!.configuration.iceCandidatePoolSize).toBe(1);
    const taken = warm.take(servers);
    expect(taken?.connection).toBe(made[0]);
    expect(taken?.createdAt).toBe(0);
    expect(warm.take(servers)).toBeNull();
    expect(made[0]!.signalingState).toBe('stable');
  });

  it('closes a connection nobody used, counting from the last key press', () => {
    const { warm, made, advance } = setup(1000);
    warm.warmUp(servers);
    advance(900);
    warm.warmUp(servers);
    advance(900);
    expect(made[0]!.signalingState).toBe('stable');
    advance(100);
    expect(made[0]!.signalingState).toBe('closed');
    expect(warm.isWarm).toBe(false);
  });

  it('never hands over a connection made for other ICE settings (it closes it instead)', () => {
    const { warm, made } = setup();
    warm.warmUp(servers);
    expect(warm.take({ iceServers: [], iceTransportPolicy: 'relay' })).toBeNull();
    expect(made[0]!.signalingState).toBe('closed');
    warm.warmUp(servers);
    warm.warmUp({ iceServers: [] });
    expect(made).toHaveLength(3);
    expect(made[1]!.signalingState).toBe('closed');
  });

  it('release closes it (cool down, line stopped)', () => {
    const { warm, made } = setup();
    warm.warmUp(servers);
    warm.release();
    expect(made[0]!.signalingState).toBe('closed');
    expect(warm.take(servers)).toBeNull();
  });

  it('hands the offer made ahead over with its connection, to an audio call only', () => {
    const { warm, made } = setup();
    warm.warmUp(servers);
    // A video call: the offer ahead has no video m-line, so the connection waits for the next call.
    expect(warm.take(servers, true)).toBeNull();
    expect(warm.isWarm).toBe(true);
    expect(made[0]!.signalingState).toBe('stable');
    const taken = warm.take(servers, false);
    expect(taken?.connection).toBe(made[0]);
    expect(taken?.offer?.stream.id).toBe('stream-of-0');
    expect(warm.isWarm).toBe(false);
  });
});
