import { describe, expect, it } from 'vitest';
import { SpareConnection, type IdleScheduler } from './spare-connection';

class FakeConnection {
  signalingState: RTCSignalingState | 'closed' = 'stable';
  constructor(readonly configuration: RTCConfiguration) {}
  close(): void {
    this.signalingState = 'closed';
  }
}

/** Idle moments come when the test says so. */
class ManualIdle implements IdleScheduler {
  queue: Array<{ run: () => void; cancelled: boolean }> = [];
  schedule(run: () => void): unknown {
    const entry = { run, cancelled: false };
    this.queue.push(entry);
    return entry;
  }
  cancel(handle: unknown): void {
    (handle as { cancelled: boolean }).cancelled = true;
  }
  runIdle(): void {
    const due = this.queue;
    this.queue = [];
    for (const entry of due) if (!entry.cancelled) entry.run();
  }
  get waiting(): number {
    return this.queue.filter((entry) => !entry.cancelled).length;
  }
}

const plain: RTCConfiguration = { bundlePolicy: 'balanced', iceServers: [] };
const withStun: RTCConfiguration = { bundlePolicy: 'balanced', iceServers: [{ urls: 'stun:stun.example.net' }] };

function setUp() {
  const made: FakeConnection[] = [];
  const idle = new ManualIdle();
  const spare = new SpareConnection((configuration) => {
    const connection = new FakeConnection(configuration);
    made.push(connection);
    return connection as unknown as RTCPeerConnection;
  }, idle);
  return { spare, made, idle };
}

describe('SpareConnection', () => {
  it('makes its connection in an idle moment, not when asked', () => {
    const { spare, made, idle } = setUp();
    spare.fill(plain);
    expect(made).toHaveLength(0);
    idle.runIdle();
    expect(made).toHaveLength(1);
    expect(made[0]!.configuration).toEqual(plain);
    expect(spare.isReady).toBe(true);
  });

  it('asking again while one is there or coming makes no second one', () => {
    const { spare, made, idle } = setUp();
    spare.fill(plain);
    spare.fill(plain);
    idle.runIdle();
    spare.fill(plain);
    idle.runIdle();
    expect(made).toHaveLength(1);
  });

  it('hands its connection over once, and the next one is made later', () => {
    const { spare, made, idle } = setUp();
    spare.fill(plain);
    idle.runIdle();
    const taken = spare.take(plain);
    expect(taken).toBe(made[0]);
    expect(made[0]!.signalingState).toBe('stable');
    expect(spare.isReady).toBe(false);
    expect(spare.take(plain)).toBeNull();
    idle.runIdle();
    expect(made).toHaveLength(2);
    expect(spare.take(plain)).toBe(made[1]);
  });

  it('a connection made for other ICE settings is closed, not handed over', () => {
    const { spare, made, idle } = setUp();
    spare.fill(plain);
    idle.runIdle();
    expect(spare.take(withStun)).toBeNull();
    expect(made[0]!.signalingState).toBe('closed');
    idle.runIdle();
    expect(made[1]!.configuration).toEqual(withStun);
  });

  it('a connection closed meanwhile is not handed over, and another is made', () => {
    const { spare, made, idle } = setUp();
    spare.fill(plain);
    idle.runIdle();
    made[0]!.close();
    expect(spare.take(plain)).toBeNull();
    idle.runIdle();
    expect(made).toHaveLength(2);
    expect(spare.take(plain)).toBe(made[1]);
  });

  it('release closes the spare and cancels the one coming', () => {
    const { spare, made, idle } = setUp();
    spare.fill(plain);
    idle.runIdle();
    spare.release();
    expect(made[0]!.signalingState).toBe('closed');
    spare.take(plain);
    expect(idle.waiting).toBe(1);
    spare.release();
    idle.runIdle();
    expect(made).toHaveLength(1);
    expect(spare.isReady).toBe(false);
  });
});
