// A peer connection kept warm while the user types a number (RFC 5245 §12.1: gather before
// the INVITE). It is made with `iceCandidatePoolSize: 1`, so the browser gathers host, STUN
// and TURN candidates at once, and gets an audio offer made ahead (offer-ahead.ts); the next
// outgoing audio call adopts it and its INVITE leaves without waiting for either. No
// microphone is involved: a warm connection has no track at all, and it is closed when it goes
// unused (IDLE_MS), when the account changes, or when the line stops.

import { browserTimeouts, type Timeouts } from '../timeouts';
import { makeOfferAhead, type OfferAhead } from './offer-ahead';

/** How long a warm connection waits for its call; a TURN allocation is not held for ever. */
export const WARM_IDLE_MS = 30_000;

export interface WarmConnection {
  connection: RTCPeerConnection;
  /** performance.now() at creation: gathering began then. */
  createdAt: number;
  /** The audio offer made on it ahead of the call, if one was. */
  offer?: OfferAhead | undefined;
}

export type ConnectionFactory = (configuration: RTCConfiguration) => RTCPeerConnection;

export interface WarmUpClock extends Timeouts {
  now(): number;
}

const browserClock: WarmUpClock = { ...browserTimeouts, now: () => performance.now() };

/** The configuration every call's connection is made with: pooled, so gathering starts at creation. */
export function pooledConfiguration(configuration: RTCConfiguration): RTCConfiguration {
  return { ...configuration, iceCandidatePoolSize: 1 };
}

export class WarmConnections {
  private warm: (WarmConnection & { key: string; timer: unknown }) | null = null;

  constructor(
    private readonly create: ConnectionFactory = (configuration) => new RTCPeerConnection(configuration),
    private readonly clock: WarmUpClock = browserClock,
    private readonly idleMs = WARM_IDLE_MS,
    private readonly offerAhead: (connection: RTCPeerConnection) => OfferAhead | undefined = makeOfferAhead,
  ) {}

  /** Make sure a warm connection for `configuration` exists; each call pushes its expiry back. */
  warmUp(configuration: RTCConfiguration): void {
    const key = configurationKey(configuration);
    if (this.warm && this.warm.key !== key) this.release();
    if (!this.warm) {
      const connection = this.create(pooledConfiguration(configuration));
      this.warm = { connection, createdAt: this.clock.now(), offer: this.offerAhead(connection), key, timer: undefined };
    }
    const warm = this.warm;
    if (warm.timer !== undefined) this.clock.clearTimeout(warm.timer);
    warm.timer = this.clock.setTimeout(() => {
      if (this.warm === warm) this.release();
    }, this.idleMs);
  }

  /**
   * Hand the warm connection over (the caller owns it from now on); null when none fits. A
   * video call leaves it for the next audio call: its offer ahead has no video m-line.
   */
  take(configuration: RTCConfiguration, video = false): WarmConnection | null {
    const warm = this.warm;
    if (!warm || warm.key !== configurationKey(configuration) || warm.connection.signalingState === 'closed') {
      this.release();
      return null;
    }
    if (video && warm.offer) return null;
    this.clock.clearTimeout(warm.timer);
    this.warm = null;
    return { connection: warm.connection, createdAt: warm.createdAt, offer: warm.offer };
  }

  /** Close the warm connection, if any. */
  release(): void {
    const warm = this.warm;
    if (!warm) return;
    this.warm = null;
    if (warm.timer !== undefined) this.clock.clearTimeout(warm.timer);
    warm.connection.close();
  }

  get isWarm(): boolean {
    return this.warm !== null;
  }
}

function configurationKey(configuration: RTCConfiguration): string {
  return JSON.stringify(pooledConfiguration(configuration));
}
