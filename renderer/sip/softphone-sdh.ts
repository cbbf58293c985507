// Our SessionDescriptionHandler: SIP.js's own WebRTC handler with these changes.
// 1. The offer or answer goes out as soon as ICE has what the configuration can produce (see
//    ice-readiness.ts: host candidates, the first STUN/TURN one plus a grace, a hard bound),
//    instead of when gathering completes or times out; a STUN server silent last time is not
//    waited for until it is heard from again (silent-stun.ts); host candidates get no settle
//    time once every address the machine gathered last time is in (host-addresses.ts).
// 2. An audio call's description does not wait for the microphone: it is made with a
//    track-less audio transceiver and the track is attached with replaceTrack() once
//    getUserMedia resolves (late-media.ts). A video call still waits for its camera, whose
//    success decides the video m-line.
// 3. An incoming call is prepared while it rings (prepared-answer.ts: the remote offer applied
//    and an audio answer made, candidates pooled), without opening the microphone; Answer sets
//    that answer at once. An outgoing call may adopt a connection warmed up while the number
//    was typed (warm-up.ts).
// 4. Media directions are chosen per m-line (see media-directions.ts), so a camera can be off
//    on one side and on at the other, and hold stops media both ways.
// 5. A video call whose camera cannot be opened goes on as an audio call, with the reason.
// 6. The microphone and camera are the ones chosen in the settings (capture-in-use.ts).
// 7. A refused re-INVITE (491 glare, 488, ...) rolls the offer back. SIP.js calls
//    `rollbackDescription` for that, but its web handler does not implement it, which leaves
//    the connection stuck in have-local-offer: every later hold or camera change then fails.
// Everything else is SIP.js's.

import { Inviter, type Session } from 'sip.js';
import {
  SessionDescriptionHandler,
  defaultPeerConnectionConfiguration,
  type MediaStreamFactory,
  type SessionDescriptionHandlerFactory,
  type SessionDescriptionHandlerOptions,
} from 'sip.js/lib/platform/web/session-description-handler/index.js';
import type { BodyAndContentType } from 'sip.js';
import type { PhoneError } from '../../shared/phone-status';
import { awaitedCandidateKind, candidateSatisfies, gatheringDecision, type CandidateKind, type GatheringReason } from './ice-readiness';
import { attachToWaitingSenders, prepareSendTransceivers } from './late-media';
import { captureConstraints, isMissingDeviceError, withDefaultDevices } from '../devices/capture-constraints';
import { captureInUse } from './capture-in-use';
import { cameraError } from './media-errors';
import { answerDirection, mediaSections, offerDirection } from './media-directions';
import { pooledConfiguration, type WarmConnection, type WarmConnections } from './warm-up';
import { PreparedAnswer } from './prepared-answer';
import { SilentStun } from './silent-stun';
import { HostAddresses, udpHostAddress } from './host-addresses';
import { constructAdopting } from './adopted-connection';
import type { SpareConnection } from './spare-connection';
import type { OfferAhead } from './offer-ahead';
import { Closing } from './closing';

export class SoftphoneSessionDescriptionHandler extends SessionDescriptionHandler {
  /** Whether we want to send video; the call controller changes it before renegotiating. */
  sendVideo = false;
  /** Called with every remote SDP applied (initial answer or offer, and re-INVITEs). */
  onRemoteDescription: ((sdp: string) => void) | undefined;
  /** The far end's answer is about to be applied (our INVITE's 200 OK, or a re-INVITE's). */
  onRemoteAnswer: (() => void) | undefined;
  /** Called with every offer of the far end applied (its INVITE or re-INVITE): how it holds us shows there. */
  onRemoteOffer: ((sdp: string) => void) | undefined;
  /** Called when a camera was asked for but the call had to go on without it. */
  onMediaWarning: ((error: PhoneError) => void) | undefined;
  /** Called once the local microphone (and camera) tracks are in place, before they send. */
  onLocalMedia: (() => void) | undefined;
  /** The microphone failed after the description had already left: the call cannot go on. */
  onLocalMediaFailed: ((error: unknown) => void) | undefined;
  /** Our offer or answer is made, candidates included, and about to be sent. */
  onDescriptionReady: ((type: RTCSdpType, gathering: GatheringReason | 'already-complete') => void) | undefined;

  /** Settles the steps under way when the handler closes: a closed connection never does (closing.ts). */
  private readonly closing = new Closing();
  private waiting = false;
  private decideTimer: ReturnType<typeof setTimeout> | undefined;
  /** performance.now() when gathering began: the connection's creation (pooled), or a restart. */
  private gatheringStartedAt: number;
  private firstCandidateMs: number | undefined;
  private awaitedCandidateMs: number | undefined;
  private lastGathering: GatheringReason | 'already-complete' = 'already-complete';
  /** The distinct UDP host addresses of the current gathering (host-addresses.ts). */
  private readonly hostAddresses = new Set<string>();
  /** An incoming call's offer applied and answer made while it rang (prepareAnswer). */
  private prepared: PreparedAnswer | undefined;
  /** An outgoing call's offer made while the number was typed (offer-ahead.ts), until used. */
  private offerAhead: OfferAhead | undefined;
  /** When the description about to be sent was set, if long before (an offer ahead). */
  private descriptionSetAt: number | undefined;
  /** SIP.js's next description steps find it already made and set (an offer ahead, a prepared answer). */
  private skipDescriptionSteps = false;
  private lateMediaStarted = false;

  constructor(
    logger: ConstructorParameters<typeof SessionDescriptionHandler>[0],
    configuration: ConstructorParameters<typeof SessionDescriptionHandler>[2],
    private readonly awaited: CandidateKind,
    warm: WarmConnection | null,
    /** The line's memory of a silent STUN server, shared by all its calls (silent-stun.ts). */
    private readonly stun: SilentStun,
    /** The line's memory of how many host addresses a gathering brings (host-addresses.ts). */
    private readonly hosts: HostAddresses,
  ) {
    super(logger, cameraTolerantMediaStreamFactory, configuration);
    this.gatheringStartedAt = performance.now();
    if (warm) {
      // Made with constructAdopting, SIP.js's constructor took the warm connection already;
      // made otherwise, the fresh connection it made gives way before anything was done with it.
      if (this._peerConnection !== warm.connection) {
        this._peerConnection?.close();
        this._peerConnection = warm.connection;
        (this as unknown as { initPeerConnectionEventHandlers(): void }).initPeerConnectionEventHandlers();
      }
      if (warm.offer) {
        // The offer's audio m-line announces this stream: it becomes the call's local stream.
        this._localMediaStream = warm.offer.stream;
        this.offerAhead = warm.offer;
      }
    }
    // SIP.js owns the `onicecandidate` property; a listener added beside it sees the same events.
    this._peerConnection?.addEventListener('icecandidate', (event) => this.onCandidate(event.candidate));
    this._peerConnection?.addEventListener('icegatheringstatechange', () => {
      if (this._peerConnection?.iceGatheringState === 'complete') this.hosts.learn(this.hostAddresses.size);
    });
  }

  /**
   * An incoming call, while it rings: apply the far end's offer so that Answer only has to
   * make the answer (candidates are pooled since the connection was made). Never touches the
   * microphone. The session's own setDescription later finds the offer already applied.
   */
  prepareAnswer(offer: string): Promise<void> {
    const pc = this._peerConnection;
    if (!pc) return Promise.resolve();
    this.prepared ??= new PreparedAnswer(pc, () => this.shapeAnswer(pc, false, true));
    return this.prepared.prepare(offer);
  }

  /**
   * Answer pressed, before SIP.js's accept: an audio answer sets the answer made while the call
   * rang right now, so the browser works on it while the page repaints the answered call (a
   * video answer, or a call not prepared, takes SIP.js's path).
   */
  answerPressed(video: boolean): void {
    if (!video && !this.closing.isClosed) this.prepared?.apply();
  }

  override getDescription(options?: SessionDescriptionHandlerOptions, modifiers?: Parameters<SessionDescriptionHandler['getDescription']>[1]): Promise<BodyAndContentType> {
    const answering = this._peerConnection?.signalingState === 'have-remote-offer' || this.prepared?.answering === true;
    const type: RTCSdpType = answering ? 'answer' : 'offer';
    return this.closing.guard(super.getDescription(options, modifiers)).then((description) => {
      this.onDescriptionReady?.(type, this.lastGathering);
      return description;
    });
  }

  override setDescription(sdp: string, options?: SessionDescriptionHandlerOptions, modifiers?: Parameters<SessionDescriptionHandler['setDescription']>[2]): Promise<void> {
    return this.closing.guard(super.setDescription(sdp, options, modifiers));
  }

  protected override getLocalMediaStream(options?: SessionDescriptionHandlerOptions): Promise<void> {
    if (options?.constraints?.video) this.sendVideo = true;
    const pc = this._peerConnection;
    if (!pc || options?.constraints?.video || this._localMediaStream.getTracks().length > 0) return super.getLocalMediaStream(options);
    // Asked again (the answer's getDescription after its setDescription) while it is coming.
    if (this.lateMediaStarted) return Promise.resolve();
    // An audio call's first media: the description goes on without waiting for the device.
    // The m-line it will send on is settled in updateDirection, once it is known whether this
    // is an offer (a new transceiver) or an answer (the one the remote offer made).
    // (Opening it only once the description is made was tried: no faster description under
    // load, and the first audio out came later by the device's opening time.)
    this.lateMediaStarted = true;
    super.getLocalMediaStream(options).catch((error: unknown) => {
      if (!this.closing.isClosed) this.onLocalMediaFailed?.(error);
    });
    return Promise.resolve();
  }

  /**
   * The microphone may open after the call is already over: a CANCEL that arrives while the
   * user's Answer waits for getUserMedia closes the handler first. SIP.js then throws
   * ("Peer connection undefined") and nobody stops the new tracks, so the microphone would stay
   * live with no call. Whatever happens here, a track that did not end up in a live call stops.
   */
  protected override async setLocalMediaStream(stream: MediaStream): Promise<void> {
    const pc = this._peerConnection;
    if (this.closing.isClosed || !pc) {
      stopTracks(stream);
      throw new Error('The call ended before the microphone opened.');
    }
    try {
      const rest = await attachToWaitingSenders(pc, stream, this._localMediaStream, () => this.onLocalMedia?.());
      if (rest.length > 0) await super.setLocalMediaStream(new MediaStream(rest));
    } catch (error) {
      stopTracks(stream);
      throw error;
    }
    if (this.closing.isClosed) {
      stopTracks(stream);
      throw new Error('The call ended while the microphone was opening.');
    }
    this.onLocalMedia?.();
  }

  protected override async updateDirection(options?: SessionDescriptionHandlerOptions): Promise<void> {
    // The answer made while ringing is set already (answerPressed), directions included.
    if (!options?.hold && (await this.prepared?.answerAlreadySet())) {
      this.skipDescriptionSteps = true;
      return;
    }
    // The offer made while the number was typed is set already: an audio m-line, sendrecv.
    const ahead = this.offerAhead;
    this.offerAhead = undefined;
    if (ahead && !options?.hold && !this.sendVideo && (await ahead.ready)) {
      this.skipDescriptionSteps = true;
      // Gathering for it has run since it was set, while the number was typed: its bounds
      // (the grace after a STUN answer, the cap for a server that never answers) count from then.
      this.descriptionSetAt = ahead.setAt;
      return;
    }
    const pc = this._peerConnection;
    if (!pc) throw new Error('Peer connection closed.');
    const hold = options?.hold ?? false;
    if (this.lateMediaStarted) prepareSendTransceivers(pc, ['audio'], this._localMediaStream);
    if (pc.signalingState === 'stable') {
      for (const t of pc.getTransceivers()) {
        if (t.direction === 'stopped') continue;
        const direction = offerDirection(this.wantsToSend(t), hold);
        if (t.direction !== direction) t.direction = direction;
      }
      return;
    }
    if (pc.signalingState === 'have-remote-offer') {
      this.shapeAnswer(pc, hold, false);
      return;
    }
    throw new Error(`Invalid signaling state ${pc.signalingState}`);
  }

  /**
   * The directions of an answer to the remote offer. `lateAudio`: the audio answer made while
   * ringing, whose microphone (as in every audio answer) comes after the description.
   */
  private shapeAnswer(pc: RTCPeerConnection, hold: boolean, lateAudio: boolean): void {
    if (lateAudio) prepareSendTransceivers(pc, ['audio'], this._localMediaStream);
    const offered = new Map(mediaSections(pc.remoteDescription?.sdp ?? '').map((s) => [s.mid, s.direction]));
    for (const t of pc.getTransceivers()) {
      if (t.direction === 'stopped') continue;
      const direction = answerDirection(offered.get(t.mid) ?? 'sendrecv', this.wantsToSend(t), hold);
      if (t.direction !== direction) t.direction = direction;
    }
  }

  protected override createLocalOfferOrAnswer(options?: SessionDescriptionHandlerOptions): Promise<RTCSessionDescriptionInit> {
    const set = this._peerConnection?.localDescription;
    if (this.skipDescriptionSteps && set) return Promise.resolve({ type: set.type, sdp: set.sdp });
    return super.createLocalOfferOrAnswer(options);
  }

  protected override setLocalSessionDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (this.skipDescriptionSteps) {
      this.skipDescriptionSteps = false;
      return Promise.resolve();
    }
    return super.setLocalSessionDescription(description);
  }

  protected override async setRemoteSessionDescription(description: RTCSessionDescriptionInit): Promise<void> {
    if (description.type === 'answer') this.onRemoteAnswer?.();
    // The INVITE's offer, applied while the call rang (or still being applied): not twice.
    const prepared = (await this.prepared?.offerAlreadyApplied(description)) === true;
    if (!prepared) await super.setRemoteSessionDescription(description);
    if (description.sdp) this.onRemoteDescription?.(description.sdp);
    if (description.sdp && description.type === 'offer') this.onRemoteOffer?.(description.sdp);
  }

  /** Undo an offer the far end refused, so the next re-INVITE starts from a stable state. */
  async rollbackDescription(): Promise<void> {
    const pc = this._peerConnection;
    if (pc?.signalingState === 'have-local-offer') await this.closing.guard(pc.setLocalDescription({ type: 'rollback' }));
    else if (pc?.signalingState === 'have-remote-offer') await this.closing.guard(pc.setRemoteDescription({ type: 'rollback' }));
  }

  protected override waitForIceGatheringComplete(restart = false): Promise<void> {
    // The clock starts with the description, not with the connection: the browser reports
    // candidates (pooled ones too) only once a local description is set, so a connection made
    // long before (warmed up while a number was typed, prepared while a call rang) would
    // otherwise be past every bound at once and send a description without a single
    // candidate: a call with no media unless the far end's own candidates rescue it.
    this.gatheringStartedAt = (!restart && this.descriptionSetAt) || performance.now();
    this.descriptionSetAt = undefined;
    this.firstCandidateMs = this.awaitedCandidateMs = undefined;
    this.hostAddresses.clear();
    // Candidates reported between the description and this wait (a pool's, at once) are
    // already in it: they count from now, or the wait would run to the cap for nothing.
    for (const line of this._peerConnection?.localDescription?.sdp.split(/\r?\n/) ?? []) {
      if (line.startsWith('a=candidate:')) this.noteCandidate(line.slice(2), 0);
    }
    if (!restart && this._peerConnection?.iceGatheringState === 'complete') this.lastGathering = 'already-complete';
    this.waiting = true;
    // No SIP.js timeout: gatheringDecision() bounds the wait itself.
    const done = super.waitForIceGatheringComplete(restart, 0).finally(() => {
      this.waiting = false;
      if (this.decideTimer !== undefined) clearTimeout(this.decideTimer);
      this.decideTimer = undefined;
    });
    this.decide();
    return done;
  }

  override close(): void {
    this.closing.close();
    if (this.decideTimer !== undefined) clearTimeout(this.decideTimer);
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

  private onCandidate(candidate: RTCIceCandidate | null): void {
    if (!candidate?.candidate) return;
    this.noteCandidate(candidate.candidate, performance.now() - this.gatheringStartedAt);
    this.decide();
  }

  private noteCandidate(line: string, elapsed: number): void {
    const hostAddress = udpHostAddress(line);
    if (hostAddress !== undefined) this.hostAddresses.add(hostAddress);
    if (candidateSatisfies(line, 'host')) this.firstCandidateMs ??= elapsed;
    if (candidateSatisfies(line, this.awaited)) this.awaitedCandidateMs ??= elapsed;
    if (this.awaited === 'srflx' && candidateSatisfies(line, 'srflx')) this.stun.noteServerAnswered();
  }

  /** Sends the description when gatheringDecision() says so, or asks again when it tells. */
  private decide(): void {
    if (!this.waiting) return;
    if (this.decideTimer !== undefined) clearTimeout(this.decideTimer);
    this.decideTimer = undefined;
    const decision = gatheringDecision(
      {
        elapsedMs: performance.now() - this.gatheringStartedAt,
        firstCandidateMs: this.firstCandidateMs,
        awaitedCandidateMs: this.awaitedCandidateMs,
        complete: this._peerConnection?.iceGatheringState === 'complete',
        // The count first: the transport check reads the whole local description.
        allHostsIn: this.hosts.allIn(this.hostAddresses.size) && this.oneTransport(),
      },
      this.awaited,
      this.stun.isSilent,
    );
    if (decision.send) {
      this.lastGathering = decision.reason;
      const nothingFromServer = this.awaited === 'srflx' && this.awaitedCandidateMs === undefined;
      if (nothingFromServer && (decision.reason === 'bound' || decision.reason === 'complete')) this.stun.noteNothingFromServer();
      this.iceGatheringComplete();
      return;
    }
    this.decideTimer = setTimeout(() => this.decide(), decision.checkAgainInMs);
  }

  /**
   * Whether the description has one active m-line (an audio call), so one transport gathers.
   * A video offer's m-lines may gather apart, each its own candidates: the host count says
   * nothing about the second one's, so video keeps the settle time.
   */
  private oneTransport(): boolean {
    const sdp = this._peerConnection?.localDescription?.sdp;
    if (!sdp) return false;
    return mediaSections(sdp).filter((section) => section.port !== 0).length === 1;
  }
}

function stopTracks(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/**
 * getUserMedia for what SIP.js asks (audio, and video or not), with the devices and voice
 * processing the user chose (capture-in-use.ts): the one place a call's capture is opened. A
 * chosen device that is gone meanwhile gives way to the default; when video was asked and the
 * camera fails (none, refused, busy), the call goes on with the microphone alone and says why.
 */
const cameraTolerantMediaStreamFactory: MediaStreamFactory = async (constraints, sdh) => {
  const wanted = captureConstraints(captureInUse(), Boolean(constraints.video));
  try {
    return await openPreferringChosen(wanted);
  } catch (error) {
    const reason = wanted.video ? cameraError(error) : null;
    if (!reason) throw error;
    const audioOnly = await openPreferringChosen({ audio: wanted.audio, video: false });
    if (sdh instanceof SoftphoneSessionDescriptionHandler) {
      sdh.sendVideo = false;
      sdh.onMediaWarning?.(reason);
    }
    return audioOnly;
  }
};

async function openPreferringChosen(constraints: MediaStreamConstraints): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    const fallback = withDefaultDevices(constraints);
    if (!isMissingDeviceError(error) || JSON.stringify(fallback) === JSON.stringify(constraints)) throw error;
    return navigator.mediaDevices.getUserMedia(fallback);
  }
}

/** An incoming call's connection configuration (SIP.js's defaults under the account's): unpooled. */
export function incomingConfiguration(configuration: RTCConfiguration): RTCConfiguration {
  return { ...defaultPeerConnectionConfiguration(), ...configuration };
}

export function softphoneSdhFactory(configuration: RTCConfiguration, warm: WarmConnections, spare: SpareConnection): SessionDescriptionHandlerFactory {
  const awaited = awaitedCandidateKind(configuration.iceServers ?? []);
  // One memory per line (a factory is made per account configuration).
  const stun = new SilentStun();
  const hosts = new HostAddresses();
  const unpooled = incomingConfiguration(configuration);
  const pooled = pooledConfiguration(unpooled);
  return (session: Session) => {
    const logger = session.userAgent.getLogger('sip.SessionDescriptionHandler');
    if (!(session instanceof Inviter)) {
      // An incoming call's connection gathers from its answer, not from a pool: a pooled
      // connection given the remote offer first sometimes never gathered at all (1 bench call
      // in ~30: the answer left without a candidate after the cap, ICE stayed "new", no audio).
      // The spare made beforehand (spare-connection.ts) is such a connection, made earlier.
      const made = spare.take(unpooled) ?? undefined;
      return constructAdopting(made, () => new SoftphoneSessionDescriptionHandler(logger, { peerConnectionConfiguration: unpooled }, awaited, null, stun, hosts));
    }
    // Only a new outgoing call adopts the warm connection (a re-INVITE keeps its handler).
    const video = Boolean((session.sessionDescriptionHandlerOptions.constraints as MediaStreamConstraints | undefined)?.video);
    const adopted = warm.take(pooled, video);
    return constructAdopting(adopted?.connection, () => new SoftphoneSessionDescriptionHandler(logger, { peerConnectionConfiguration: pooled }, awaited, adopted, stun, hosts));
  };
}
