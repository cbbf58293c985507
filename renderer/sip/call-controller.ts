// One call: the live SIP.js session on one side, the CallSession snapshots on the other.
// Every change the network confirms becomes a fresh snapshot (never a mutation of the one the
// UI holds) and the phone events that the spec lists. Mid-call actions that fail are rolled
// back so the call stays usable.

import { Invitation, Inviter, SessionState, type Session } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web/session-description-handler/index.js';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import type { CallOutcome, PhoneError } from '../../shared/phone-status';
import { cancelMeansAnsweredElsewhere, outcomeOfFailureResponse } from './call-outcomes';
import { CallVideo } from './call-video';
import { ReinviteRejected, reinviteError } from './reinvite-errors';
import { microphoneError } from './media-errors';
import { switchMicrophone } from './microphone-switch';
import type { DtmfMethod } from '../../shared/account-settings';
import { sendDtmfByInfo, toneOfInfo } from './dtmf-info';
import type { PhoneEventMap, SnapshotEvent } from './phone-events';
import { reinviteGlareDelayMs } from './reinvite-glare';
import { remoteHoldFromOffer } from './remote-hold';
import { answerSessionRefreshes } from './session-timer';
import { untilCallEnds } from './until-call-ends';
import { serverCallId } from './incoming-invite';
import { watchMedia } from './media-watchdog';
import { byeOutcome, BYE_ANSWER_WAIT_MS, CANCEL_ANSWER_WAIT_MS, RECONNECT_REFRESH_RETRY_DELAYS_MS, watchAckTimeout } from './call-end';
import { SoftphoneSessionDescriptionHandler } from './softphone-sdh';
import { CallTimeline } from './call-timeline';
import { watchConnectionMilestones } from './media-milestones';
import type { TypedEmitter } from './typed-emitter';
import { PublicationHold } from './publication-hold';

type Emit = TypedEmitter<PhoneEventMap>['emit'];

/**
 * The longest a call's events wait for its message to leave (publication-hold.ts): an Answer
 * press for its 200 OK, a caller's 200 OK for its ACK. Either normally leaves within tens of
 * milliseconds; a slower one is shown under way anyway.
 */
const PUBLICATION_HOLD_MAX_MS = 120;

const DTMF_PATTERN = /^[0-9A-D#*,]{1,32}$/;
/** What a call-control server may tell about a call (applyServerUpdate); the rest is SIP's. */
const SERVER_FIELDS = ['call', 'callId', 'callerNumber', 'recording', 'recordingPaused', 'answeredBySystem', 'conference'] as const;
/** Glare twice in a row is bad luck; three times means the far end is not going to agree. */
const MAX_REINVITE_ATTEMPTS = 3;

export class CallController {
  private current: CallSession;
  private outcome: CallOutcome | null = null;
  private reinviteInFlight = false;
  private earlyMediaAnnounced = false;
  private ended = false;
  /** The call reached Established: until then an answer stamped at the accept is provisional. */
  private wasEstablished = false;
  /** The auto-answer policy accepted this call (marked on the snapshot once the answer went through). */
  private answeredBySystem = false;
  /** Settles when our BYE was answered (or could not be): the outcome may depend on it. */
  private byeAnswered: Promise<void> | null = null;
  private stopMediaWatch: (() => void) | undefined;
  private stopMilestones: (() => void) | undefined;
  /** The caller cancelled after our 200 OK left: the call is over here, SIP only tidies up. */
  private abandoned = false;
  private readonly video: CallVideo;
  private mediaChanges: Promise<void> = Promise.resolve();
  /** Settles once the late microphone is on its sender (a conference mixes it only then). */
  private microphoneReady: () => void = () => undefined;
  private readonly microphonePlaced = new Promise<void>((resolve) => (this.microphoneReady = resolve));
  /** Holds this call's events back while an answer's 200 OK is on its way (publication-hold.ts). */
  private readonly publication = new PublicationHold();
  private readonly emit: Emit = ((...args: unknown[]) => this.publication.publish(() => (this.emitNow as (...a: unknown[]) => void)(...args))) as Emit;

  constructor(
    readonly session: Session,
    initial: CallSession,
    private readonly emitNow: Emit,
    private readonly onTerminated: (controller: CallController) => void,
    /** Where this call's set-up time goes (call-timeline.ts); the engine announces it. */
    readonly timeline: CallTimeline = new CallTimeline(initial.sipCallId, initial.isCaller ? 'outgoing' : 'incoming', initial.isCaller ? 'dial' : 'inviteReceived'),
  ) {
    this.current = initial;
    this.video = new CallVideo({
      snapshot: () => this.current,
      sdh: () => this.softphoneSdh(),
      remoteStream: () => this.remoteStream,
      change: (change, event) => this.emitChange(change, event),
      emit: this.emit,
      reinvite: (prepare, rollback) => this.reinviteWithGlareRetry(prepare, rollback),
      stopScreenSharing: () => this.setScreenSharing(false),
    });
    session.stateChange.addListener((state) => this.onStateChange(state));
    answerSessionRefreshes(session);
    if (session instanceof Invitation) {
      // SIP.js ends a call whose ACK never came with a BYE of its own; the caller did not hang up.
      watchAckTimeout(session, () => {
        this.outcome ??= { reason: 'no-ack' };
      });
    }
    session.delegate = {
      ...session.delegate,
      onSessionDescriptionHandler: (sdh) => {
        this.video.attach(sdh);
        if (sdh instanceof SoftphoneSessionDescriptionHandler) {
          // The microphone opens after the INVITE or the 200 OK left (late-media.ts): mute,
          // hold and "not answered yet" apply to its track before it sends anything.
          sdh.onLocalMedia = () => {
            this.timeline.mark('microphoneReady');
            this.applyMute();
            this.microphoneReady();
          };
          sdh.onLocalMediaFailed = (error) => this.microphoneFailed(error);
          sdh.onDescriptionReady = (type, gathering) => {
            if (this.timeline.has(type === 'offer' ? 'offerReady' : 'answerReady')) return;
            this.timeline.mark(type === 'offer' ? 'offerReady' : 'answerReady');
            // SIP.js sends the 200 OK in this task: the held repaint follows in the next one.
            if (type === 'answer') this.publication.releaseSoon();
            this.timeline.note(`ICE gathering ended for the ${type}: ${gathering}`);
          };
          sdh.onRemoteOffer = (sdp) => this.onRemoteOffer(sdp);
          // Our INVITE's 200 OK: its ACK leaves before the page renders what the answer brings.
          // Released when the call is Established (SIP.js sends the ACK just before) or ends.
          // Not for a 183's early answer (the 200 OK is not there yet): the far end's
          // announcement is heard, and the ringback stopped, as it comes.
          sdh.onRemoteAnswer = () => {
            if (this.session instanceof Inviter && !this.wasEstablished && this.timeline.has('ok200Received')) this.publication.hold(PUBLICATION_HOLD_MAX_MS);
          };
        }
        const connection = (sdh as SessionDescriptionHandler).peerConnection;
        if (connection) {
          this.stopMilestones = watchConnectionMilestones(connection, (mark, at) => this.timeline.mark(mark, at));
          this.stopMediaWatch = watchMedia(connection, {
            restartIce: () => this.oneAtATime(() => this.applyReconnectRefresh()),
            giveUp: () => this.mediaLost(),
          });
        }
      },
      // Keypad tones the far end sends as INFO (dtmf-relay) are shown; any INFO gets its 200, as before.
      onInfo: (info) => {
        const tone = toneOfInfo(info.request.getHeader('Content-Type'), info.request.body ?? '');
        void info.accept().catch(() => undefined);
        if (tone) this.emit('onDtmfReceived', this.current, tone);
      },
      onBye: (bye) => {
        this.outcome ??= { reason: 'hung-up-remotely' };
        // Setting a delegate makes accepting the BYE our job.
        void bye.accept().catch(() => undefined);
      },
      onCancel: (cancel) => {
        const elsewhere = cancelMeansAnsweredElsewhere(cancel.request.getHeader('Reason'));
        this.outcome = { reason: elsewhere ? 'answered-elsewhere' : 'missed' };
        this.emitChange((s) => {
          s.ringing = false;
        }, ['onCallCanceled', elsewhere]);
      },
    };
  }

  get snapshot(): CallSession {
    return this.current;
  }

  /** Publish the current snapshot (a new call's first), after any answer's held events. */
  announce(): void {
    this.emit('onSessionChanged', this.current);
  }

  get id(): string {
    return this.current.getId() ?? '';
  }

  /** Established and not held: the far end hears the user (see call-focus.ts). */
  isLive(): boolean {
    return this.session.state === SessionState.Established && !this.current.paused;
  }

  get remoteStream(): MediaStream | undefined {
    return this.sdh()?.remoteMediaStream;
  }

  get localStream(): MediaStream | undefined {
    return this.sdh()?.localMediaStream;
  }

  // --- outgoing ------------------------------------------------------------------------------

  /** Send the INVITE; resolves once it is sent (answers arrive through events). */
  async dial(): Promise<void> {
    const inviter = this.session as Inviter;
    this.emit('onCallOutgoing', this.current);
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => {
            this.learnServerCallId(response.message);
            const code = response.message.statusCode;
            if ((code === 180 || code === 183) && !this.current.ringing) {
              this.emitChange((s) => {
                s.ringing = true;
              }, ['onProgress']);
            }
            // SIP.js has applied a provisional answer by now (Inviter `earlyMedia`): the far
            // end's audio plays before the call is answered.
            if (response.message.body) this.announceEarlyMedia();
          },
          onAccept: (response) => this.learnServerCallId(response.message),
          onReject: (response) => {
            const { statusCode, reasonPhrase } = response.message;
            this.outcome ??= outcomeOfFailureResponse(statusCode ?? 500, reasonPhrase);
          },
        },
      });
    } catch (error) {
      this.outcome ??= { reason: 'failed' };
      const deviceError = microphoneError(error);
      if (deviceError) this.emit('onActionFailed', this.current, deviceError);
      throw error;
    }
  }

  /** Early media: the remote stream is playable while the far end still rings. Told once. */
  private announceEarlyMedia(): void {
    const stream = this.remoteStream;
    if (this.earlyMediaAnnounced || this.session.state !== SessionState.Establishing || !stream?.getAudioTracks().length) return;
    this.earlyMediaAnnounced = true;
    this.emit('onRemoteMedia', this.current, stream);
  }

  // --- incoming ------------------------------------------------------------------------------

  /**
   * While the call rings: make its connection, apply the far end's offer and make an audio
   * answer (prepared-answer.ts), so that Answer only has to set it. No microphone is opened; a
   * declined or cancelled call closes this connection with its session. Once only.
   */
  prepareAnswer(): void {
    const invitation = this.session;
    if (!(invitation instanceof Invitation) || invitation.state !== SessionState.Initial || invitation.sessionDescriptionHandler || !invitation.body) return;
    try {
      const sdh = (invitation as unknown as { setupSessionDescriptionHandler(): unknown }).setupSessionDescriptionHandler();
      if (sdh instanceof SoftphoneSessionDescriptionHandler) void sdh.prepareAnswer(invitation.body);
    } catch (error) {
      // Answer makes the handler again and reports what went wrong there.
      console.warn('Could not prepare the answer while ringing', error);
    }
  }

  async answer(video: boolean, bySystem: boolean): Promise<void> {
    const invitation = this.session as Invitation;
    if (invitation.state !== SessionState.Initial) {
      // Double clicks, a tray click racing a shortcut, or a CANCEL that won the race.
      return;
    }
    this.answeredBySystem = bySystem;
    this.timeline.mark('answerRequested');
    // Answered as it arrives (auto-answer), before the ringing call was prepared: prepared now,
    // so that the answer below is set the moment it is made, ahead of SIP.js's own steps.
    if (!video) this.prepareAnswer();
    // The wire first: the answer made while the call rang is set now, so the browser works on
    // it while the page repaints for the change below (prepared-answer.ts).
    const sdh = invitation.sessionDescriptionHandler;
    if (sdh instanceof SoftphoneSessionDescriptionHandler) sdh.answerPressed(video);
    // An audio answer leaves in milliseconds, prepared or not (an answer given as the call
    // arrives finds nothing prepared yet): the page shows it once the 200 OK left. A video
    // answer waits for the camera, and shows that it is under way meanwhile.
    if (!video) this.publication.hold(PUBLICATION_HOLD_MAX_MS);
    // The answer starts now: the call stops ringing (tray, popup, ringtone) while the
    // microphone opens and ICE runs; answerTime is stamped here, as the reference SDK does,
    // and taken back if the answer never completes (isAnswering() tells this window apart).
    this.emitChange((s) => {
      s.cameraEnabled = video;
      s.ringing = false;
      s.answer();
    }, ['onCallAnswered']);
    try {
      // A CANCEL may cross the answer: then the call ends here and the answer with it.
      await untilCallEnds(
        invitation,
        invitation.accept({
          sessionDescriptionHandlerOptions: { constraints: { audio: true, video } },
        }),
      );
    } catch (error) {
      this.outcome ??= { reason: 'failed' };
      const deviceError = microphoneError(error);
      if (deviceError) this.emit('onActionFailed', this.current, deviceError);
      throw error;
    } finally {
      this.publication.release();
    }
  }

  /** 603 Decline when the user refuses; 486 Busy Here for do-not-disturb (the PBX then routes on). */
  async decline(statusCode: 603 | 486 = 603): Promise<void> {
    const invitation = this.session as Invitation;
    // Establishing too: the user may decline while the answer still waits for the microphone.
    if (invitation.state !== SessionState.Initial && invitation.state !== SessionState.Establishing) return;
    // 486 is only ever sent for do-not-disturb: the user did not decline that call, they missed it.
    this.outcome = { reason: statusCode === 486 ? 'do-not-disturb' : 'declined-locally', sipCode: statusCode };
    await invitation.reject({ statusCode, reasonPhrase: statusCode === 603 ? 'Decline' : 'Busy Here' });
  }

  ignore(): void {
    this.emitChange((s) => {
      s.ignore();
      s.ringing = false;
    });
  }

  // --- either direction ----------------------------------------------------------------------

  /** `outcome`: why we end an established call (a completed transfer says so). */
  async hangup(outcome: CallOutcome = { reason: 'hung-up-locally' }): Promise<void> {
    const state = this.session.state;
    if (state === SessionState.Established && this.awaitingAck()) {
      // Answered, and the caller's ACK has not come (it may never: a caller that gave up as we
      // answered, whose CANCEL the proxy kept because our 200 OK had passed). A BYE may not
      // precede the ACK (RFC 3261 §15; SIP.js refuses to send one), which would leave the call
      // on screen and the microphone live until the 32 s ACK timeout: it ends here at once.
      this.outcome ??= outcome;
      this.abandon('Hung up before the caller\'s ACK came: the call ended here, a BYE follows its ACK');
      return;
    }
    if (state === SessionState.Established) {
      this.outcome ??= outcome;
      this.byeAnswered = new Promise<void>((resolve) => {
        const answered = (statusCode: number | undefined, reasonPhrase: string | undefined) => {
          const unconfirmed = byeOutcome(statusCode, reasonPhrase);
          if (unconfirmed && this.outcome?.reason === 'hung-up-locally') this.outcome = unconfirmed;
          resolve();
        };
        this.session
          .bye({
            requestDelegate: {
              onAccept: (response) => answered(response.message.statusCode, undefined),
              onReject: (response) => answered(response.message.statusCode, response.message.reasonPhrase),
            },
          })
          .catch(() => answered(undefined, 'not sent'));
      });
    } else if (this.session instanceof Inviter && (state === SessionState.Initial || state === SessionState.Establishing)) {
      this.outcome ??= { reason: 'canceled-locally' };
      await this.session.cancel();
      // The 487 that ends a cancelled INVITE comes from the callee; when it cannot (its
      // connection is gone) SIP.js would wait minutes in Terminating. The user hung up: the
      // call is over here (SIP.js still ACKs and BYEs a 200 that crosses the CANCEL).
      setTimeout(() => {
        if (this.session.state !== SessionState.Terminated) this.onEnded();
      }, CANCEL_ANSWER_WAIT_MS);
    } else if (this.session instanceof Invitation && (state === SessionState.Initial || state === SessionState.Establishing)) {
      await this.decline();
    }
  }

  /**
   * The connection to the server dropped. An established call keeps its media and is
   * refreshed after the reconnect; a call still ringing or being set up cannot be saved (its
   * CANCEL, 200 OK or ACK would go to the dead connection, so it would ring as a ghost or die
   * after 32 s as if hung up): it ends now, and says why.
   */
  transportLost(): void {
    const state = this.session.state;
    if (state === SessionState.Established || state === SessionState.Terminated || this.ended) return;
    this.outcome = { reason: 'connection-lost' };
    try {
      if (this.session instanceof Invitation && state === SessionState.Initial) void this.session.reject({ statusCode: 480 }).catch(() => undefined);
      else void this.session.dispose().catch(() => undefined);
    } catch {
      // Nothing can be sent anyway; the call ends here below.
    }
    // No news of this call can come over the dead connection: end it without waiting.
    if (this.session.state !== SessionState.Terminated) this.onEnded();
  }

  /**
   * A re-INVITE answered 481 (the far end no longer knows the call: it hung up, its BYE may be
   * crossing ours) or 408 (nobody answered): the dialog is over (RFC 3261 §12.2.1.2), so the
   * call ends here instead of lingering as a call that nothing can hold or resume.
   */
  private endIfDialogGone(statusCode: number): void {
    if ((statusCode !== 481 && statusCode !== 408) || this.session.state !== SessionState.Established) return;
    this.outcome ??= { reason: statusCode === 481 ? 'hung-up-remotely' : 'media-lost' };
    void this.hangup().catch(() => undefined);
  }

  /**
   * The microphone could not be opened, but the INVITE (or our 200 OK) had already left
   * without waiting for it: the user is told why, as before, and the call ends instead of
   * going on with nobody heard. A 200 OK already sent is ended with BYE once it is ACKed.
   */
  private microphoneFailed(error: unknown): void {
    if (this.ended) return;
    this.outcome ??= { reason: 'failed' };
    const deviceError = microphoneError(error);
    if (deviceError) this.emit('onActionFailed', this.current, deviceError);
    if (this.session instanceof Invitation && this.session.state === SessionState.Establishing) {
      const whenUp = (state: SessionState) => {
        if (state !== SessionState.Established && state !== SessionState.Terminated) return;
        this.session.stateChange.removeListener(whenUp);
        if (state === SessionState.Established) void this.hangup().catch(() => undefined);
      };
      this.session.stateChange.addListener(whenUp);
      return;
    }
    void this.hangup().catch(() => undefined);
  }

  /**
   * The caller's CANCEL crossed our 200 OK (we answered at the very moment they gave up). SIP
   * says the CANCEL then changes nothing and the caller must ACK and BYE, but some stacks
   * (JsSIP 3) drop a 200 that crosses their CANCEL: no ACK, no BYE, and the call would sit with
   * a live microphone until the 32 s ACK timeout. So the call ends here at once, media closed;
   * if the ACK does come, a BYE follows it (a BYE may not precede the ACK, RFC 3261 §15).
   */
  cancelCrossedAnswer(): void {
    if (this.ended || !(this.session instanceof Invitation) || !this.timeline.has('ok200Sent')) return;
    // SIP.js calls the call Established as soon as its 200 OK left: until the ACK, the CANCEL
    // still tells that the caller was gone before our answer reached them.
    const state = this.session.state;
    const unconfirmed = state === SessionState.Establishing || (state === SessionState.Established && !this.timeline.has('ackReceived'));
    if (!unconfirmed) return;
    this.outcome = { reason: 'hung-up-remotely' };
    this.abandon('The caller\'s CANCEL crossed our 200 OK: the call ended here, a BYE follows its ACK');
  }

  /** Our 200 OK left and its ACK has not come yet. */
  private awaitingAck(): boolean {
    return this.session instanceof Invitation && this.timeline.has('ok200Sent') && !this.timeline.has('ackReceived');
  }

  /** Ends the call here at once, media closed; its dialog is closed with a BYE once the ACK came. */
  private abandon(note: string): void {
    const state = this.session.state;
    this.abandoned = true;
    this.timeline.note(note);
    this.session.sessionDescriptionHandler?.close();
    this.onEnded();
    if (state === SessionState.Established) this.byeOnceAcked();
  }

  /**
   * An abandoned call's dialog is closed with a BYE once its ACK came (never before, RFC 3261
   * §15). Without an ACK, SIP.js sends the BYE itself when the ACK wait times out.
   */
  private byeOnceAcked(): void {
    const session = this.session;
    const bye = () => void session.bye().catch(() => undefined);
    if (this.timeline.has('ackReceived')) return bye();
    const delegate = session.delegate ?? {};
    const onAck = delegate.onAck;
    session.delegate = {
      ...delegate,
      onAck: (ack) => {
        onAck?.(ack);
        // SIP.js finishes with the ACK after this delegate returns: the BYE follows it.
        setTimeout(bye, 0);
      },
    };
  }

  /** The far end's media is gone and did not come back (see media-watchdog.ts): end the call. */
  private mediaLost(): void {
    if (this.session.state !== SessionState.Established) return;
    this.outcome ??= { reason: 'media-lost' };
    void this.hangup().catch(() => undefined);
  }

  setHold(hold: boolean): Promise<void> {
    return this.oneAtATime(() => this.applyHold(hold));
  }

  private async applyHold(hold: boolean): Promise<void> {
    if (this.current.paused === hold) return;
    const code = hold ? 'hold-failed' : 'resume-failed';
    // The far end stops hearing the user the moment hold is asked, not when it is confirmed.
    if (hold) for (const track of this.localAudioTracks()) track.enabled = false;
    try {
      await this.reinviteWithGlareRetry(() => {
        this.session.sessionDescriptionHandlerOptionsReInvite = {
          ...this.session.sessionDescriptionHandlerOptionsReInvite,
          hold,
        } as typeof this.session.sessionDescriptionHandlerOptionsReInvite;
      }, () => {
        this.session.sessionDescriptionHandlerOptionsReInvite = {
          ...this.session.sessionDescriptionHandlerOptionsReInvite,
          hold: !hold,
        } as typeof this.session.sessionDescriptionHandlerOptionsReInvite;
      });
    } catch (error) {
      this.applyMute();
      // A call that ended meanwhile (its far end hung up) says so itself: nothing failed.
      if (this.session.state === SessionState.Established && !this.ended) this.emit('onActionFailed', this.current, reinviteError(code, error));
      return;
    }
    this.emitChange((s) => (hold ? s.hold() : s.resume()), [hold ? 'onCallHeld' : 'onCallResumed']);
    this.applyMute();
  }

  setMuted(muted: boolean): void {
    if (this.current.muted === muted) return;
    this.emitChange((s) => (muted ? s.mute() : s.unmute()), [muted ? 'onCallMuted' : 'onCallUnmuted']);
    this.applyMute();
  }

  /**
   * The microphone sends while the call is neither muted nor held, and an outgoing call only
   * once answered: early media (a 183 with SDP) connects the media path while the far end
   * still rings, and nobody there should hear the caller before they pick up.
   */
  private applyMute(): void {
    const notAnswered = this.current.isCaller && !this.current.answered;
    const silent = this.current.muted || this.current.paused || notAnswered;
    for (const track of this.localAudioTracks()) track.enabled = !silent;
  }

  /** Our microphone on this call, once the late microphone is in place (late-media.ts). */
  async microphone(): Promise<MediaStreamTrack | undefined> {
    await this.microphonePlaced;
    return this.localAudioTracks()[0];
  }

  /** Joined to or parted from a conference held on this phone (conference.ts). */
  markConference(conference: boolean): void {
    if (this.ended || this.current.conference === conference) return;
    this.emitChange((s) => s.setIsConference(conference));
  }

  /** The call's WebRTC statistics (for the call-quality reading), or null before or after media. */
  stats(): Promise<RTCStatsReport> | null {
    const connection = this.sdh()?.peerConnection;
    if (!connection || connection.connectionState === 'closed' || this.ended) return null;
    return connection.getStats();
  }

  /**
   * Sends another microphone (or the same with other processing) in place of the current one,
   * without renegotiation (microphone-switch.ts). Null when the call has no microphone yet (it
   * opens with the new choice anyway) or is over; else whether the default had to be taken.
   */
  switchMicrophone(audio: MediaTrackConstraints, releaseFirst = false): Promise<{ fellBack: boolean } | null> {
    return this.oneAtATime(async () => {
      const sdh = this.sdh();
      const connection = sdh?.peerConnection;
      const local = sdh?.localMediaStream;
      if (this.ended || !connection || !local || local.getAudioTracks().length === 0) return null;
      const switched = await switchMicrophone(connection, local, audio, () => !this.ended && connection.connectionState !== 'closed', { releaseFirst });
      if (switched) this.applyMute();
      return switched && { fellBack: switched.fellBack };
    });
  }

  /** `method`: the account's (RFC 4733 in the audio, or SIP INFO for PBXs that take only that). */
  async sendDtmf(tones: string, method: DtmfMethod = 'rfc4733'): Promise<void> {
    const error: PhoneError = {
      code: 'dtmf-failed',
      message: 'The keypad tones could not be sent. Check that the call is connected and not on hold, then try again.',
    };
    const sdh = this.sdh();
    const ready = DTMF_PATTERN.test(tones) && sdh !== undefined && this.session.state === SessionState.Established;
    const sent = ready && (method === 'info' ? await sendDtmfByInfo(this.session, tones).then(() => true, () => false) : sdh.sendDtmf(tones));
    if (!sent) {
      this.emit('onActionFailed', this.current, error);
      throw new Error(error.message);
    }
  }

  /**
   * After the socket came back, the far end still routes in-dialog requests to the old
   * connection; a re-INVITE teaches it the new one. A failure here is not fatal: media may
   * well still flow. So while the media path is fine the re-INVITE carries no offer (the far
   * end offers in its 200, we answer in the ACK): a refusal then touches nothing, whereas
   * rolling back a refused offer of ours left Chromium's ICE in 'new' and silenced a call
   * that was fine (seen after a server restart, whose re-INVITEs get 500). Only a broken
   * media path gets an offer with an ICE restart.
   */
  async refreshAfterReconnect(): Promise<void> {
    // The user did not ask for this: a failure is retried, then logged, never shown as an alert.
    for (const delayMs of [0, ...RECONNECT_REFRESH_RETRY_DELAYS_MS]) {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (this.session.state !== SessionState.Established) return;
      if (await this.oneAtATime(() => this.applyReconnectRefresh())) return;
    }
    console.warn(`The call ${this.id} could not be refreshed after the reconnect; its media goes on.`);
  }

  /** True when the refresh went through (or was not needed). */
  private async applyReconnectRefresh(): Promise<boolean> {
    if (this.session.state !== SessionState.Established) return true;
    const previous = this.session.sessionDescriptionHandlerOptionsReInvite;
    const ice = this.sdh()?.peerConnection?.iceConnectionState;
    const iceRestart = ice === 'disconnected' || ice === 'failed';
    try {
      await this.reinviteWithGlareRetry(() => {
        this.session.sessionDescriptionHandlerOptionsReInvite = {
          ...previous,
          offerOptions: { iceRestart },
        } as typeof previous;
      }, () => {
        this.session.sessionDescriptionHandlerOptionsReInvite = previous;
      }, { withoutSdp: !iceRestart });
      return true;
    } catch {
      return false;
    } finally {
      this.session.sessionDescriptionHandlerOptionsReInvite = previous;
    }
  }

  // --- video (see call-video.ts) -----------------------------------------------------------

  setCamera(enabled: boolean): Promise<void> {
    return this.oneAtATime(() => this.video.setCamera(enabled));
  }

  setVideoMuted(muted: boolean): Promise<void> {
    return this.oneAtATime(() => this.video.setVideoMuted(muted));
  }

  setScreenSharing(on: boolean): Promise<void> {
    return this.oneAtATime(() => this.video.setScreenSharing(on));
  }

  /** Another camera chosen mid-call (call-video.ts): null when nothing opened, else whether the default was taken. */
  switchCamera(video: MediaTrackConstraints | true): Promise<{ fellBack: boolean } | null> {
    return this.oneAtATime(async () => {
      if (this.ended) return null;
      const switched = await this.video.switchCamera(video);
      return switched && { fellBack: switched.fellBack };
    });
  }

  // --- server-side news ----------------------------------------------------------------------

  /** See PhoneApi.applyServerUpdate: a fresh snapshot when the server's fields changed. */
  applyServerUpdate(update: Partial<CallSessionInit>): boolean {
    if (this.ended) return false;
    const serverOwned: Partial<CallSessionInit> = {};
    for (const name of SERVER_FIELDS) {
      if (update[name] !== undefined) (serverOwned as Record<string, unknown>)[name] = update[name];
    }
    const next = this.current.clone();
    if (!next.updateFrom(serverOwned)) return false;
    this.current = next;
    this.emit('onSessionChanged', next);
    return true;
  }

  // --- internals -----------------------------------------------------------------------------

  /** The far end's offer says whether it holds the call; "Held by …" follows it (remote-hold.ts). */
  private onRemoteOffer(sdp: string): void {
    const held = remoteHoldFromOffer(sdp, this.current.paused);
    if (held === null || held === this.current.isRemotelyHeld()) return;
    this.emitChange((s) => s.setRemotelyHeld(held));
  }

  /**
   * Changes to the call's media (hold, camera, share, the refresh after a reconnect) run one
   * after the other: a double click or a shortcut racing a button then waits its turn instead
   * of failing, or of opening a second camera.
   */
  private oneAtATime<T>(action: () => Promise<T>): Promise<T> {
    const run = this.mediaChanges.then(action, action);
    this.mediaChanges = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private onStateChange(state: SessionState): void {
    if (this.abandoned) {
      if (state === SessionState.Established) this.byeOnceAcked();
      return;
    }
    switch (state) {
      case SessionState.Establishing:
        this.emitChange((s) => {
          s.sipStatus = state;
        });
        break;
      case SessionState.Established: {
        this.wasEstablished = true;
        // The ACK (caller) has just been sent: what waited for it goes out first, in order.
        this.publication.release();
        this.timeline.mark('established');
        // The camera counts only if the offer/answer kept video (an answer may refuse it).
        const cameraEnabled = this.current.cameraEnabled && this.video.negotiated();
        if (this.current.cameraEnabled && !cameraEnabled) this.video.dropUnnegotiatedCamera();
        this.emitChange((s) => {
          s.sipStatus = state;
          s.ringing = false;
          s.answer();
          if (this.answeredBySystem) s.autoAnswered = true;
          if (!cameraEnabled && s.cameraEnabled) s.disableCamera();
        }, ['onCallAccepted', cameraEnabled]);
        this.applyMute();
        const stream = this.remoteStream;
        if (stream) this.emit('onRemoteMedia', this.current, stream);
        break;
      }
      case SessionState.Terminating:
        this.emitChange((s) => {
          s.sipStatus = state;
        });
        break;
      case SessionState.Terminated:
        // SIP.js moves to Terminated before it hands the final response to our request
        // delegate; let that delegate record why the call ended first.
        queueMicrotask(() => this.onEnded());
        break;
      default:
        break;
    }
  }

  private onEnded(): void {
    if (this.ended) return;
    this.ended = true;
    this.publication.release();
    this.emitChange((s) => {
      s.sipStatus = SessionState.Terminated;
      s.ringing = false;
      s.endTime = new Date();
      // An answer that never went through (a CANCEL won, the microphone failed): not answered.
      if (!this.wasEstablished) s.answered = false;
    });
    this.timeline.mark('ended');
    this.microphoneReady();
    this.video.release();
    this.stopMediaWatch?.();
    this.stopMilestones?.();
    this.onTerminated(this);
    // How it ended may hang on the answer to our BYE (briefly: the call is already gone).
    const bye = this.byeAnswered;
    if (!bye) return this.announceEnd();
    void Promise.race([bye, new Promise((resolve) => setTimeout(resolve, BYE_ANSWER_WAIT_MS))]).then(() => this.announceEnd());
  }

  private announceEnd(): void {
    const session = this.current;
    const wasAnswered = session.answered;
    const outcome: CallOutcome = this.outcome ?? { reason: wasAnswered ? 'hung-up-remotely' : 'failed' };
    if (!wasAnswered && session.isCaller) {
      if (outcome.reason === 'declined' || outcome.reason === 'busy') this.emit('onCallRejected', session, outcome);
      else if (outcome.reason !== 'canceled-locally') this.emit('onCallFailed', session, outcome);
    }
    this.emit('onCallEnded', session, outcome);
  }

  /**
   * Runs a re-INVITE, retrying after the RFC 3261 §14.1 delay when it meets glare: the far end
   * answered 491, or our own offer could not even be made because the far end's re-INVITE is
   * being answered at that very moment (SIP.js then fails locally, with no SIP code).
   */
  private async reinviteWithGlareRetry(prepare: () => void, rollback: () => void, options: { withoutSdp?: boolean } = {}): Promise<void> {
    if (this.reinviteInFlight) throw new Error('Another change to this call is still in progress.');
    this.reinviteInFlight = true;
    try {
      for (let attempt = 1; ; attempt++) {
        prepare();
        try {
          await this.reinvite(options.withoutSdp ?? false);
          return;
        } catch (error) {
          rollback();
          const glare = error instanceof ReinviteRejected ? error.statusCode === 491 : true;
          if (!glare || attempt >= MAX_REINVITE_ATTEMPTS || this.session.state !== SessionState.Established) throw error;
          await new Promise((resolve) => setTimeout(resolve, reinviteGlareDelayMs(this.current.isCaller)));
        }
      }
    } finally {
      this.reinviteInFlight = false;
    }
  }

  private reinvite(withoutSdp: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // A call that ends while its re-INVITE is out (the far end hung up as we held it, as a
      // transferor often does right after its REFER) may never see the answer: SIP.js drops a
      // response for a dialog it has closed. Settle on the end too, or whatever waits for the
      // change (the new call of a transfer waits for the hold) waits for ever.
      const onState = (state: SessionState) => {
        if (state === SessionState.Terminated) settle(() => reject(new Error('The call ended during the change.')));
      };
      let settled = false;
      const settle = (done: () => void) => {
        if (settled) return;
        settled = true;
        this.session.stateChange.removeListener(onState);
        done();
      };
      this.session.stateChange.addListener(onState);
      this.session
        .invite({
          withoutSdp,
          requestDelegate: {
            // SIP.js reports an accepted re-INVITE even when applying its answer failed and it
            // ended the call: only a call still up counts as changed.
            onAccept: () =>
              settle(() => (this.session.state === SessionState.Established ? resolve() : reject(new Error('The call ended during the change.')))),
            onReject: (response) => {
              const statusCode = response.message.statusCode ?? 500;
              this.endIfDialogGone(statusCode);
              settle(() => reject(new ReinviteRejected(statusCode)));
            },
          },
        })
        .catch((error: unknown) => settle(() => reject(error)));
    });
  }

  /** PBXs name their call in 18x/2xx answers (X-Wazo-Call-ID): the snapshot's callId. */
  private learnServerCallId(message: { getHeader(name: string): string | undefined }): void {
    const callId = serverCallId(message);
    if (callId && callId !== this.current.callId) {
      this.emitChange((s) => {
        s.callId = callId;
      });
    }
  }

  private localAudioTracks(): MediaStreamTrack[] {
    return this.localStream?.getAudioTracks() ?? [];
  }

  private sdh(): SessionDescriptionHandler | undefined {
    return this.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
  }

  private softphoneSdh(): SoftphoneSessionDescriptionHandler | undefined {
    const sdh = this.session.sessionDescriptionHandler;
    return sdh instanceof SoftphoneSessionDescriptionHandler && this.session.state === SessionState.Established ? sdh : undefined;
  }

  /** Replace the snapshot by a changed copy, then announce it. */
  private emitChange<E extends keyof PhoneEventMap>(
    change: (next: CallSession) => void,
    event?: SnapshotEvent<E>,
  ): void {
    const next = this.current.clone();
    change(next);
    this.current = next;
    this.emit('onSessionChanged', next);
    if (event) {
      const [name, ...rest] = event;
      (this.emit as (n: E, ...a: unknown[]) => void)(name, next, ...rest);
    }
  }
}


