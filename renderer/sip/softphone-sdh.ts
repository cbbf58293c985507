// Our SessionDescriptionHandler: SIP.js's own WebRTC handler, with one change — the offer or
// answer goes out as soon as ICE has produced a usable candidate (see ice-readiness.ts)
// instead of when gathering completes or times out. Everything else is SIP.js's.

import type { Session } from 'sip.js';
import {
  SessionDescriptionHandler,
  defaultMediaStreamFactory,
  defaultPeerConnectionConfiguration,
  type SessionDescriptionHandlerFactory,
} from 'sip.js/lib/platform/web/session-description-handler/index.js';
import { awaitedCandidateKind, candidateSatisfies, type CandidateKind } from './ice-readiness';

/** Time left for sibling candidates (other interfaces, IPv6) once a usable one arrived. */
const SETTLE_MS = 15;
/** Upper bound on gathering: an unreachable STUN/TURN server must not delay a call by 5 s. */
export const ICE_GATHERING_CAP_MS = 2000;

class SoftphoneSessionDescriptionHandler extends SessionDescriptionHandler {
  private usableCandidate = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private waiting = false;

  constructor(
    logger: ConstructorParameters<typeof SessionDescriptionHandler>[0],
    configuration: ConstructorParameters<typeof SessionDescriptionHandler>[2],
    private readonly awaited: CandidateKind,
  ) {
    super(logger, defaultMediaStreamFactory(), configuration);
    // SIP.js owns the `onicecandidate` property; a listener added beside it sees the same events.
    this._peerConnection?.addEventListener('icecandidate', (event) => {
      if (event.candidate && candidateSatisfies(event.candidate.candidate, this.awaited)) {
        this.usableCandidate = true;
        this.settleSoon();
      }
    });
  }

  protected override waitForIceGatheringComplete(restart = false, timeout = 0): Promise<void> {
    if (restart) this.usableCandidate = false;
    this.waiting = true;
    const done = super.waitForIceGatheringComplete(restart, timeout).finally(() => {
      this.waiting = false;
    });
    if (this.usableCandidate) this.settleSoon();
    return done;
  }

  private settleSoon(): void {
    if (!this.waiting || this.settleTimer !== undefined) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      if (this.waiting) this.iceGatheringComplete();
    }, SETTLE_MS);
  }

  override close(): void {
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    super.close();
  }
}

export function softphoneSdhFactory(iceServers: RTCIceServer[]): SessionDescriptionHandlerFactory {
  const awaited = awaitedCandidateKind(iceServers);
  return (session: Session) => {
    const logger = session.userAgent.getLogger('sip.SessionDescriptionHandler');
    return new SoftphoneSessionDescriptionHandler(
      logger,
      {
        iceGatheringTimeout: ICE_GATHERING_CAP_MS,
        peerConnectionConfiguration: { ...defaultPeerConnectionConfiguration(), iceServers },
      },
      awaited,
    );
  };
}

export type { SoftphoneSessionDescriptionHandler };
