// A plain peer connection kept ready for the next incoming call. Making one costs 5 ms of main
// thread (median; up to 40 ms on a busy 2-core machine), and for a call answered as it arrives
// (auto-answer) that is on the way from the INVITE to its 200 OK; a call answered by hand is
// prepared after its card is painted, and takes the spare then.
// It is not pooled (no iceCandidatePoolSize): gathering starts with the answer, as for a
// connection made at that moment (a pooled one given the far end's offer first sometimes never
// gathered, see softphone-sdh.ts). Until a call takes it, it has no transceiver, no description,
// no candidate, no socket and no microphone. Made in an idle moment a little after the line is
// registered and after each call that took one (SPARE_DELAY_MS); closed when the line stops.

import type { ConnectionFactory } from './warm-up';

export interface IdleScheduler {
  schedule(run: () => void): unknown;
  cancel(handle: unknown): void;
}

/**
 * How long after being asked a spare is made: a call that just took one is still setting up
 * (idle moments come between its steps, and a new connection there cost it 2-16 ms in profiles).
 */
export const SPARE_DELAY_MS = 1_000;

const browserIdle: IdleScheduler = {
  schedule: (run) => {
    const handle: { timer?: ReturnType<typeof setTimeout>; idle?: number } = {};
    handle.timer = setTimeout(() => {
      handle.timer = undefined;
      if (typeof requestIdleCallback === 'function') handle.idle = requestIdleCallback(run, { timeout: 2_000 });
      else run();
    }, SPARE_DELAY_MS);
    return handle;
  },
  cancel: (handle) => {
    const { idle, timer } = handle as { idle?: number; timer?: ReturnType<typeof setTimeout> };
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
  },
};

export class SpareConnection {
  private spare: { connection: RTCPeerConnection; key: string } | null = null;
  private pending: { handle: unknown; key: string } | null = null;

  constructor(
    private readonly create: ConnectionFactory = (configuration) => new RTCPeerConnection(configuration),
    private readonly idle: IdleScheduler = browserIdle,
  ) {}

  /** Have a spare for `configuration` made in the next idle moment, unless one is there or coming. */
  fill(configuration: RTCConfiguration): void {
    const key = JSON.stringify(configuration);
    if (this.spare?.key === key || this.pending?.key === key) return;
    this.release();
    const pending = {
      key,
      handle: this.idle.schedule(() => {
        if (this.pending !== pending) return;
        this.pending = null;
        this.spare = { connection: this.create(configuration), key };
      }),
    };
    this.pending = pending;
  }

  /** The spare, if it was made for `configuration` (the caller owns it now); another one follows. */
  take(configuration: RTCConfiguration): RTCPeerConnection | null {
    const key = JSON.stringify(configuration);
    const spare = this.spare;
    this.spare = null;
    const fits = spare !== null && spare.key === key && spare.connection.signalingState !== 'closed';
    if (spare && !fits) spare.connection.close();
    this.fill(configuration);
    return fits ? spare.connection : null;
  }

  /** Close the spare and make no other. */
  release(): void {
    if (this.pending) this.idle.cancel(this.pending.handle);
    this.pending = null;
    this.spare?.connection.close();
    this.spare = null;
  }

  get isReady(): boolean {
    return this.spare !== null;
  }
}
