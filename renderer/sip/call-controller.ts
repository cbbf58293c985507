// One call: the live SIP.js session on one side, the CallSession snapshots on the other.
// Every change the network confirms becomes a fresh snapshot (never a mutation of the one the
// UI holds) and the phone events that the spec lists. Mid-call actions that fail are rolled
// back so the call stays usable.

import { Invitation, Inviter, SessionState, type Session } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web/session-description-handler/index.js';
import { CallSession } from '../../shared/call-session';
import type { CallOutcome, PhoneError } from '../../shared/phone-status';
import { cancelMeansAnsweredElsewhere, outcomeOfFailureResponse } from './call-outcomes';
import { CallVideo } from './call-video';
import { ReinviteRejected, reinviteError } from './reinvite-errors';
import { microphoneError } from './media-errors';
import type { PhoneEventMap, SnapshotEvent } from './phone-events';
import { reinviteGlareDelayMs } from './reinvite-glare';
import { answerSessionRefreshes } from './session-timer';
import { SoftphoneSessionDescriptionHandler } from './softphone-sdh';
import type { TypedEmitter } from './typed-emitter';

type Emit = TypedEmitter<PhoneEventMap>['emit'];

const DTMF_PATTERN = /^[0-9A-D#*,]{1,32}$/;
/** Glare twice in a row is bad luck; three times means the far end is not going to agree. */
const MAX_REINVITE_ATTEMPTS = 3;

export class CallController {
  private current: CallSession;
  private outcome: CallOutcome | null = null;
  private reinviteInFlight = false;
  private readonly video: CallVideo;
  private mediaChanges: Promise<void> = Promise.resolve();

  constructor(
    readonly session: Session,
    initial: CallSession,
    private readonly emit: Emit,
    private readonly onTerminated: (controller: CallController) => void,
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
    session.delegate = {
      ...session.delegate,
      onSessionDescriptionHandler: (sdh) => {
        this.video.attach(sdh);
        // Mute may be pressed before the microphone opens: apply it to the tracks when they come.
        if (sdh instanceof SoftphoneSessionDescriptionHandler) sdh.onLocalMedia = () => this.applyMute();
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
            const code = response.message.statusCode;
            if ((code === 180 || code === 183) && !this.current.ringing) {
              this.emitChange((s) => {
                s.ringing = true;
              }, ['onProgress']);
            }
          },
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

  // --- incoming ------------------------------------------------------------------------------

  async answer(video: boolean, bySystem: boolean): Promise<void> {
    const invitation = this.session as Invitation;
    if (invitation.state !== SessionState.Initial) {
      // Double clicks, a tray click racing a shortcut, or a CANCEL that won the race.
      return;
    }
    this.emitChange((s) => {
      s.cameraEnabled = video;
      if (bySystem) s.systemAnswer();
    });
    try {
      await invitation.accept({
        sessionDescriptionHandlerOptions: { constraints: { audio: true, video } },
      });
    } catch (error) {
      this.outcome ??= { reason: 'failed' };
      const deviceError = microphoneError(error);
      if (deviceError) this.emit('onActionFailed', this.current, deviceError);
      throw error;
    }
  }

  /** 603 Decline when the user refuses; 486 Busy Here for do-not-disturb (the PBX then routes on). */
  async decline(statusCode: 603 | 486 = 603): Promise<void> {
    const invitation = this.session as Invitation;
    // Establishing too: the user may decline while the answer still waits for the microphone.
    if (invitation.state !== SessionState.Initial && invitation.state !== SessionState.Establishing) return;
    this.outcome = { reason: 'declined-locally', sipCode: statusCode };
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
    if (state === SessionState.Established) {
      this.outcome ??= outcome;
      await this.session.bye();
    } else if (this.session instanceof Inviter && (state === SessionState.Initial || state === SessionState.Establishing)) {
      this.outcome ??= { reason: 'canceled-locally' };
      await this.session.cancel();
    } else if (this.session instanceof Invitation && (state === SessionState.Initial || state === SessionState.Establishing)) {
      await this.decline();
    }
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
      this.emit('onActionFailed', this.current, reinviteError(code, error));
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

  /** The microphone sends while the call is neither muted nor held. */
  private applyMute(): void {
    const silent = this.current.muted || this.current.paused;
    for (const track of this.localAudioTracks()) track.enabled = !silent;
  }

  async sendDtmf(tones: string): Promise<void> {
    const error: PhoneError = {
      code: 'dtmf-failed',
      message: 'The keypad tones could not be sent. Check that the call is connected and not on hold, then try again.',
    };
    const sdh = this.sdh();
    if (!DTMF_PATTERN.test(tones) || !sdh || this.session.state !== SessionState.Established || !sdh.sendDtmf(tones)) {
      this.emit('onActionFailed', this.current, error);
      throw new Error(error.message);
    }
  }

  /**
   * After the socket came back, the far end still routes in-dialog requests to the old
   * connection; a re-INVITE (with ICE restart, as the network may have changed too) teaches it
   * the new one. A failure here is not fatal: media may well still flow.
   */
  refreshAfterReconnect(): Promise<void> {
    return this.oneAtATime(() => this.applyReconnectRefresh());
  }

  private async applyReconnectRefresh(): Promise<void> {
    if (this.session.state !== SessionState.Established) return;
    const previous = this.session.sessionDescriptionHandlerOptionsReInvite;
    try {
      await this.reinviteWithGlareRetry(() => {
        this.session.sessionDescriptionHandlerOptionsReInvite = {
          ...previous,
          offerOptions: { iceRestart: true },
        } as typeof previous;
      }, () => {
        this.session.sessionDescriptionHandlerOptionsReInvite = previous;
      });
    } catch (error) {
      this.emit('onActionFailed', this.current, reinviteError('renegotiation-failed', error));
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

  // --- internals -----------------------------------------------------------------------------

  /**
   * Changes to the call's media (hold, camera, share, the refresh after a reconnect) run one
   * after the other: a double click or a shortcut racing a button then waits its turn instead
   * of failing, or of opening a second camera.
   */
  private oneAtATime(action: () => Promise<void>): Promise<void> {
    const run = this.mediaChanges.then(action, action);
    this.mediaChanges = run.catch(() => undefined);
    return run;
  }

  private onStateChange(state: SessionState): void {
    switch (state) {
      case SessionState.Establishing:
        this.emitChange((s) => {
          s.sipStatus = state;
        });
        break;
      case SessionState.Established: {
        const incoming = !this.current.isCaller;
        this.emitChange((s) => {
          s.sipStatus = state;
          s.ringing = false;
          s.answer();
        }, [incoming ? 'onCallAnswered' : 'onCallAccepted']);
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
    const wasAnswered = this.current.answered;
    const outcome: CallOutcome = this.outcome ?? { reason: wasAnswered ? 'hung-up-remotely' : 'failed' };
    this.emitChange((s) => {
      s.sipStatus = SessionState.Terminated;
      s.ringing = false;
      s.endTime = new Date();
    });
    const session = this.current;
    if (!wasAnswered && session.isCaller) {
      if (outcome.reason === 'declined' || outcome.reason === 'busy') this.emit('onCallRejected', session, outcome);
      else if (outcome.reason !== 'canceled-locally') this.emit('onCallFailed', session, outcome);
    }
    this.emit('onCallEnded', session, outcome);
    this.video.release();
    this.onTerminated(this);
  }

  /**
   * Runs a re-INVITE, retrying after the RFC 3261 §14.1 delay when it meets glare: the far end
   * answered 491, or our own offer could not even be made because the far end's re-INVITE is
   * being answered at that very moment (SIP.js then fails locally, with no SIP code).
   */
  private async reinviteWithGlareRetry(prepare: () => void, rollback: () => void): Promise<void> {
    if (this.reinviteInFlight) throw new Error('Another change to this call is still in progress.');
    this.reinviteInFlight = true;
    try {
      for (let attempt = 1; ; attempt++) {
        prepare();
        try {
          await this.reinvite();
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

  private reinvite(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.session
        .invite({
          requestDelegate: {
            // SIP.js reports an accepted re-INVITE even when applying its answer failed and it
            // ended the call: only a call still up counts as changed.
            onAccept: () => (this.session.state === SessionState.Established ? resolve() : reject(new Error('The call ended during the change.'))),
            onReject: (response) => reject(new ReinviteRejected(response.message.statusCode ?? 500)),
          },
        })
        .catch(reject);
    });
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


