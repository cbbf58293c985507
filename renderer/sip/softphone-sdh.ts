// Our SessionDescriptionHandler: SIP.js's own WebRTC handler with three changes.
// 1. The offer or answer goes out as soon as ICE has produced a usable candidate (see
//    ice-readiness.ts) instead of when gathering completes or times out.
// 2. Media directions are chosen per m-line (see media-directions.ts), so a camera can be off
//    on one side and on at the other, and hold stops media both ways.
// 3. A video call whose camera cannot be opened goes on as an audio call, with the reason.
// 4. A refused re-INVITE (491 glare, 488, ...) rolls the offer back. SIP.js calls
//    `rollbackDescription` for that, but its web handler does not implement it, which leaves
//    the connection stuck in have-local-offer: every later hold or camera change then fails.
// Everything else is SIP.js's.

import type { Session } from 'sip.js';
import {
  SessionDescriptionHandler,
  defaultPeerConnectionConfiguration,
  type MediaStreamFactory,
  type SessionDescriptionHandlerFactory,
  type SessionDescriptionHandlerOptions,
} from 'sip.js/lib/platform/web/session-description-handler/index.js';
import type { PhoneError } from '../../shared/phone-status';
import { awaitedCandidateKind, candidateSatisfies, type CandidateKind } from './ice-readiness';
import { cameraError } from './media-errors';
import { answerDirection, mediaSections, offerDirection } from './media-directions';

/** Time left for sibling candidates (other interfaces, IPv6: gathered together) once a usable one arrived. */
const SETTLE_MS = 5;
/** Upper bound on gathering: an unreachable STUN/TURN server must not delay a call by 5 s. */
export const ICE_GATHERING_CAP_MS = 2000;

export class SoftphoneSessionDescriptionHandler extends SessionDescriptionHandler {
  /** Whether we want to send video; the call controller changes it before renegotiating. */
  sendVideo = false;
  /** Called with every remote SDP applied (initial answer or offer, and re-INVITEs). */
  onRemoteDescription: ((sdp: string) => void) | undefined;
  /** Called with every offer of the far end applied (its INVITE or re-INVITE): how it holds us shows there. */
  onRemoteOffer: ((sdp: string) => void) | undefined;
  /** Called when a camera was asked for but the call had to go on without it. */
  onMediaWarning: ((error: PhoneError) => void) | undefined;
  /** Called once the local microphone (and camera) tracks are in place. */
  onLocalMedia: (() => void) | undefined;

  private usableCandidate = false;
  private closed = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private waiting = false;

  constructor(
    logger: ConstructorParameters<typeof SessionDescriptionHandler>[0],
    configuration: ConstructorParameters<typeof SessionDescriptionHandler>[2],
    private readonly awaited: CandidateKind,
  ) {
    super(logger, cameraTolerantMediaStreamFactory, configuration);
    // SIP.js owns the `onicecandidate` property; a listener added beside it sees the same events.
    this._peerConnection?.addEventListener('icecandidate', (event) => {
      if (event.candidate && candidateSatisfies(event.candidate.candidate, this.awaited)) {
        this.usableCandidate = true;
        this.settleSoon();
      }
    });
  }

  protected override getLocalMediaStream(options?: SessionDescriptionHandlerOptions): Promise<void> {
    if (options?.constraints?.video) this.sendVideo = true;
    return super.getLocalMediaStream(options);
  }

  /**
   * The microphone may open after the call is already over: a CANCEL that arrives while the
   * user's Answer waits for getUserMedia closes the handler first. SIP.js then throws
   * ("Peer connection undefined") and nobody stops the new tracks, so the microphone would stay
   * live with no call. Whatever happens here, a track that did not end up in a live call stops.
   */
  protected override async setLocalMediaStream(stream: MediaStream): Promise<void> {
    if (this.closed) {
      stopTracks(stream);
      throw new Error('The call ended before the microphone opened.');
    }
    try {
      await super.setLocalMediaStream(stream);
    } catch (error) {
      stopTracks(stream);
      throw error;
    }
    if (this.closed) {
      stopTracks(stream);
      throw new Error('The call ended while the microphone was opening.');
    }
    this.onLocalMedia?.();
  }

  protected override updateDirection(options?: SessionDescriptionHandlerOptions): Promise<void> {
    const pc = this._peerConnection;
    if (!pc) return Promise.reject(new Error('Peer connection closed.'));
    const hold = options?.hold ?? false;
    if (pc.signalingState === 'stable') {
      for (const t of pc.getTransceivers()) {
        if (t.direction === 'stopped') continue;
        const direction = offerDirection(this.wantsToSend(t), hold);
        if (t.direction !== direction) t.direction = direction;
      }
      return Promise.resolve();
    }
    if (pc.signalingState === 'have-remote-offer') {
      const offered = new Map(mediaSections(pc.remoteDescription?.sdp ?? '').map((s) => [s.mid, s.direction]));
      for (const t of pc.getTransceivers()) {
        if (t.direction === 'stopped') continue;
        const direction = answerDirection(offered.get(t.mid) ?? 'sendrecv', this.wantsToSend(t), hold);
        if (t.direction !== direction) t.direction = direction;
      }
      return Promise.resolve();
    }
    return Promise.reject(new Error(`Invalid signaling state ${pc.signalingState}`));
  }

  protected override async setRemoteSessionDescription(description: RTCSessionDescriptionInit): Promise<void> {
    await super.setRemoteSessionDescription(description);
    if (description.sdp) this.onRemoteDescription?.(description.sdp);
    if (description.sdp && description.type === 'offer') this.onRemoteOffer?.(description.sdp);
  }

  /** Undo an offer the far end refused, so the next re-INVITE starts from a stable state. */
  async rollbackDescription(): Promise<void> {
    const pc = this._peerConnection;
    if (pc?.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    else if (pc?.signalingState === 'have-remote-offer') await pc.setRemoteDescription({ type: 'rollback' });
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

  override close(): void {
    this.closed = true;
    if (this.settleTimer !== undefined) clearTimeout(this.settleTimer);
    // SIP.js stops the tracks its senders hold; a track kept aside (a paused camera) is ours.
    const local = this._localMediaStream;
    super.close();
    stopTracks(local);
  }

  /** Intent, not the sender's current track: a paused camera still owns its sending m-line. */
  private wantsToSend(transceiver: RTCRtpTransceiver): boolean {
    const kind = transceiver.receiver.track.kind;
    if (kind === 'audio') return true;
    return kind === 'video' && this.sendVideo;
  }

  private settleSoon(): void {
    if (!this.waiting || this.settleTimer !== undefined) return;
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      if (this.waiting) this.iceGatheringComplete();
    }, SETTLE_MS);
  }
}

function stopTracks(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * getUserMedia for the constraints SIP.js asks; when video was asked and the camera fails
 * (none, refused, busy), the call goes on with the microphone alone and says why.
 */
const cameraTolerantMediaStreamFactory: MediaStreamFactory = async (constraints, sdh) => {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    const reason = constraints.video ? cameraError(error) : null;
    if (!reason) throw error;
    const audioOnly = await navigator.mediaDevices.getUserMedia({ audio: constraints.audio ?? true });
    if (sdh instanceof SoftphoneSessionDescriptionHandler) {
      sdh.sendVideo = false;
      sdh.onMediaWarning?.(reason);
    }
    return audioOnly;
  }
};

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
