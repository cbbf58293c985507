// The phone engine: one SIP line (UserAgent + Registerer over a WebSocket) and its calls.
// It owns the transport lifecycle itself — SIP.js's SessionManager ends every call when the
// socket drops, whereas here a dropped socket means: keep the calls, reconnect with backoff,
// re-register, then re-INVITE the calls so the far end learns the new connection.

import { Invitation, Inviter, RegistererState, SessionState, UserAgent, type LogLevel, type URI } from 'sip.js';
import { defaultPeerConnectionConfiguration } from 'sip.js/lib/platform/web/session-description-handler/index.js';
import {
  accountAor,
  accountAuthorizationUser,
  accountDomain,
  validateAccountSettings,
  type AccountSettings,
} from '../../shared/account-settings';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import { parseDialString, type DialTarget } from '../../shared/dial-string';
import type { PhoneError, RegistrationSnapshot } from '../../shared/phone-status';
import { CallController } from './call-controller';
import { CallTimeline, type CallTimelineJSON } from './call-timeline';
import { TimelineBook } from './timeline-book';
import { clampCallLimit, screenInvite } from './call-limit';
import { CallFocus, FocusRefused } from './call-focus';
import { ConferenceMixer } from '../audio/conference-mixer';
import { Conference, ConferenceRefused, type ConferenceCall } from './conference';
import { conferenceLeg } from './conference-leg';
import { autoAnswerRequestOf, inviteWantsVideo, sessionFromInvite } from './incoming-invite';
import { refuseIncomingMessage } from './incoming-messages';
import type { CallOptions, ConnectOptions, PhoneApi } from './phone-api';
import type { PhoneEventMap, PhoneEventName } from './phone-events';
import { notRegisteredError, serverUnreachableError } from './registration-errors';
import { ObservedRegisterer, RegistrationRetry, type RegisterOutcome, type RetryPlan } from './registration-retry';
import { answerMalformedRequests } from './request-guard';
import { incomingConfiguration, softphoneSdhFactory } from './softphone-sdh';
import { SpareConnection } from './spare-connection';
import { tapTransport } from './sip-wire-tap';
import { CredentialCache } from './credential-cache';
import { afterNextPaint } from './after-paint';
import { WarmConnections } from './warm-up';
import { cameraChanged, cameraConstraints, microphoneChanged, microphoneConstraints, type CaptureDevices } from '../devices/capture-constraints';
import { setCaptureInUse } from './capture-in-use';
import { TransferHandler } from './transfer';
import { OutgoingTransfers, TransferError, type TransferringCall } from './outgoing-transfer';
import type { OutgoingTransfer } from './outgoing-transfer-state';
import { takeReplacingInvite } from './incoming-replaces';
import { TypedEmitter } from './typed-emitter';

export interface SipPhoneOptions {
  userAgentString?: string;
  logLevel?: LogLevel;
  registerExpiresSeconds?: number;
}

const DEFAULT_USER_AGENT = 'Softphone/0.1 (SIP.js 0.21)';
/** SIP's own transaction timeout (64 x T1): past it no answer will come. */
const REGISTER_TIMEOUT_MS = 32_000;

/** Everything tied to one connected account; replaced as a whole on reconnect with new settings. */
interface Line {
  account: AccountSettings;
  userAgent: UserAgent;
  registerer: ObservedRegisterer;
  aor: string;
  domain: string;
  /** False once the user disconnected: late callbacks of this line are then ignored. */
  live: boolean;
  retry: RegistrationRetry;
  reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** The pending wait is the server's (5xx, Retry-After): `online` and focus do not cut it short. */
  waitIsServers: boolean;
  /** A REGISTER of ours awaits its answer; other answers are SIP.js's own refreshes. */
  registering: boolean;
  /** Every call's peer connection configuration (ICE servers, relay-only), warm ones included. */
  rtcConfiguration: RTCConfiguration;
  /** The server's last challenge to a call, answered up front on the next (credential-cache.ts). */
  credentials: CredentialCache;
}

class SipPhone implements PhoneApi {
  private readonly events = new TypedEmitter<PhoneEventMap>();
  private readonly calls = new Map<string, CallController>();
  private readonly focus = new CallFocus<CallController>(
    () => this.calls.values(),
    (callId) => (this.merging.includes(callId) ? this.merging.filter((id) => id !== callId) : this.conference.companionsOf(callId)),
  );
  /** A conference mixed here (conference.ts); its members count as one call for the focus. */
  private readonly conference = new Conference<ConferenceCall>({
    createMixer: (legs) => new ConferenceMixer(legs),
    started: (members) => this.events.emit('onConferenceStarted', members),
    ended: (members, how) => this.events.emit('onConferenceEnded', members, how),
  });
  /** The calls of a merge under way: the focus must not hold one to resume another. */
  private merging: string[] = [];
  /** A connection gathering while the user types a number (warmUp); the next call adopts it. */
  private readonly warm = new WarmConnections();
  /** A plain connection ready for the next incoming call (spare-connection.ts). */
  private readonly spare = new SpareConnection();
  private readonly timelines = new TimelineBook<CallController>((controller) => {
    if (this.events.has('onCallTimeline')) this.events.emit('onCallTimeline', controller.snapshot, controller.timeline.toJSON());
  });
  private line: Line | null = null;
  private connectAttempt = 0;
  private state: RegistrationSnapshot = { status: 'unregistered', aor: null, error: null };
  private readonly onOnline = () => this.reconnectNow();
  private readonly onVisible = () => {
    if (globalThis.document?.visibilityState === 'visible') this.reconnectNow();
  };
  private acceptingTransfers = true;
  private callLimit = clampCallLimit(Number.NaN);
  private readonly transfers = new TransferHandler({
    acceptTransfers: () => this.acceptingTransfers,
    placeCall: (uri, display, extraHeaders, onTracked) => this.placeReferredCall(uri, display, extraHeaders, onTracked),
    on: (event, handler) => this.events.on(event, handler),
    announce: (session, state) => this.events.emit('onCallTransfer', session, state),
  });
  private readonly outgoingTransfers = new OutgoingTransfers({
    call: (callId) => this.calls.get(callId),
    on: (event, handler) => this.events.on(event, handler),
    announce: (session, transfer) => this.events.emit('onTransferProgress', session, transfer),
  });

  constructor(private readonly options: SipPhoneOptions = {}) {
    globalThis.addEventListener?.('online', this.onOnline);
    // Back from sleep or from another app: a line waiting to reconnect tries at once.
    globalThis.addEventListener?.('focus', this.onOnline);
    globalThis.document?.addEventListener?.('visibilitychange', this.onVisible);
    const established = (session: CallSession) => {
      const controller = this.calls.get(session.getId() ?? '');
      if (controller) this.focus.established(controller);
    };
    // Once the answer went through, either way (onCallAnswered is only the local accept).
    this.events.on('onCallAccepted', established);
  }

  get registration(): RegistrationSnapshot {
    return this.state;
  }

  on<E extends PhoneEventName>(event: E, handler: PhoneEventMap[E]): () => void {
    return this.events.on(event, handler);
  }

  // --- line ----------------------------------------------------------------------------------

  async connect({ account, password }: ConnectOptions): Promise<RegistrationSnapshot> {
    // A second connect (double click, Enter twice) supersedes the first one, which then stops
    // at its next step instead of leaving a second registration running behind our back.
    const attempt = ++this.connectAttempt;
    await this.stopLine();
    if (attempt !== this.connectAttempt) return this.state;
    const checked = validateAccountSettings({ ...account, password });
    if (!checked.ok) {
      const first = checked.errors[0]!;
      return this.setRegistration({
        status: 'failed',
        aor: null,
        error: { code: first.field === 'serverUrl' ? 'bad-server-url' : 'registration-rejected', message: first.message },
      });
    }
    const settings = checked.value;
    const aor = accountAor(settings);
    let userAgent: UserAgent;
    const rtcConfiguration = rtcConfigurationOf(settings);
    try {
      userAgent = this.createUserAgent(settings, aor, rtcConfiguration);
    } catch (error) {
      return this.setRegistration({
        status: 'failed',
        aor,
        error: { code: 'bad-server-url', message: `The server URL cannot be used: ${errorText(error)}. Use the form wss://host:port/path.` },
      });
    }
    const line: Line = {
      account: settings,
      userAgent,
      registerer: new ObservedRegisterer(userAgent, { expires: this.options.registerExpiresSeconds ?? 600 }),
      aor,
      domain: accountDomain(settings),
      live: true,
      retry: new RegistrationRetry(),
      reconnectTimer: undefined,
      waitIsServers: false,
      registering: false,
      rtcConfiguration,
      credentials: CredentialCache.install(userAgent),
    };
    this.line = line;
    line.registerer.stateChange.addListener((state) => this.onRegistererState(line, state));
    line.registerer.onOutcome((outcome) => {
      if (!line.registering) this.onRegisterOutcome(line, outcome);
    });

    this.setRegistration({ status: 'connecting', aor, error: null });
    try {
      await userAgent.start();
    } catch {
      if (!line.live) return this.state;
      // The user sees why; retrying in the background would hide a wrong URL.
      await this.closeLine(line);
      return this.setRegistration({ status: 'failed', aor, error: serverUnreachableError(settings.serverUrl) });
    }
    if (!line.live) return this.state;
    this.events.emit('onConnected');
    const first = await this.register(line);
    // A 503 or an unanswered REGISTER is being retried: the outcome is the retry's.
    return first.status === 'reconnecting' ? this.untilSettled(line) : first;
  }

  /** The next registered, failed or unregistered state of this line (or of its successor). */
  private untilSettled(line: Line): Promise<RegistrationSnapshot> {
    return new Promise((resolve) => {
      const stop = this.events.on('onRegistrationChanged', (next) => {
        if (!line.live || next.status === 'registered' || next.status === 'failed' || next.status === 'unregistered') {
          stop();
          resolve(next);
        }
      });
    });
  }

  async disconnect(): Promise<void> {
    this.connectAttempt += 1;
    await this.stopLine();
  }

  /** Unregister, end the calls and close the socket of the current line, if any. */
  private async stopLine(): Promise<void> {
    const line = this.line;
    if (!line) return;
    line.live = false;
    this.line = null;
    if (line.reconnectTimer) clearTimeout(line.reconnectTimer);
    this.warm.release();
    this.spare.release();
    await Promise.allSettled([...this.calls.values()].map((c) => c.hangup()));
    if (line.registerer.state === RegistererState.Registered) {
      await line.registerer.unregister().catch(() => undefined);
    }
    await this.closeLine(line);
    this.setRegistration({ status: 'unregistered', aor: null, error: null });
  }

  private createUserAgent(settings: AccountSettings, aor: string, rtcConfiguration: RTCConfiguration): UserAgent {
    const uri = UserAgent.makeURI(aor);
    if (!uri) throw new Error(`invalid SIP address ${aor}`);
    const userAgent = answerMalformedRequests(new UserAgent({
      uri,
      displayName: settings.displayName ?? '',
      authorizationUsername: accountAuthorizationUser(settings),
      authorizationPassword: settings.password,
      transportOptions: { server: settings.serverUrl, connectionTimeout: 5 },
      sessionDescriptionHandlerFactory: softphoneSdhFactory(rtcConfiguration, this.warm, this.spare),
      // SIP.js's own reconnection stays off (its default): we reconnect ourselves, see above.
      logLevel: this.options.logLevel ?? 'warn',
      userAgentString: this.options.userAgentString ?? DEFAULT_USER_AGENT,
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onMessage: refuseIncomingMessage,
        onDisconnect: (error) => {
          if (error) this.onConnectionLost();
        },
      },
      // call-limit.ts sends the 180 once the INVITE passed its checks (488/486 come first).
      sendInitialProvisionalResponse: false,
    }));
    // Stamps for the call timelines, taken as messages cross the socket (sip-wire-tap.ts).
    tapTransport(userAgent.transport, (message, direction, at) => {
      this.timelines.onWire(message, direction, at);
      // Seen before SIP.js, which drops a CANCEL that arrives after our 200 OK.
      if (direction === 'received' && message.method === 'CANCEL') this.calls.get(message.callId)?.cancelCrossedAnswer();
    });
    return userAgent;
  }

  private register(line: Line): Promise<RegistrationSnapshot> {
    // A retry keeps saying why it retries (a 503, no answer) until it has its own answer.
    this.setRegistration({ status: 'registering', aor: line.aor, error: line.retry.attempts > 0 ? this.state.error : null });
    line.registering = true;
    return new Promise((resolve) => {
      let settled = false;
      const settle = (outcome: RegisterOutcome) => {
        if (settled) return;
        settled = true;
        line.registering = false;
        clearTimeout(timer);
        stopWatching();
        stopListening();
        resolve(line.live ? this.onRegisterOutcome(line, outcome) : this.state);
      };
      // SIP.js retries a 423 (Interval Too Brief) itself: its state change may be the first news.
      const watcher = (state: RegistererState) => {
        if (state === RegistererState.Registered) settle({ ok: true });
      };
      line.registerer.stateChange.addListener(watcher);
      const stopWatching = () => line.registerer.stateChange.removeListener(watcher);
      const stopListening = line.registerer.onOutcome(settle);
      // Past SIP's own transaction timeout no answer will come, not even one SIP.js would drop.
      const timer = setTimeout(() => settle({ ok: false, failure: { kind: 'no-answer' } }), REGISTER_TIMEOUT_MS);
      // Not sent (a REGISTER still pending on a dead socket, a socket closing): retried soon.
      const notSent = () => settle({ ok: false, failure: { kind: 'connection' } });
      try {
        line.registerer.register().catch(notSent);
      } catch {
        notSent();
      }
    });
  }

  /**
   * The answer to every REGISTER, ours or a refresh SIP.js sent by itself: registered, retried
   * (5xx, 408, no answer, no socket), or failed for the user to fix (401, 403, 404…).
   */
  private onRegisterOutcome(line: Line, outcome: RegisterOutcome): RegistrationSnapshot {
    if (!line.live) return this.state;
    if (outcome.ok) {
      line.retry.reset();
      if (this.state.status === 'registered' && !this.state.error) return this.state;
      return this.setRegistration({ status: 'registered', aor: line.aor, error: null });
    }
    const { retry, error } = line.retry.after(outcome.failure);
    if (!retry) return this.setRegistration({ status: 'failed', aor: line.aor, error });
    return this.scheduleRetry(line, retry);
  }

  /** A registration that lapses on its own (a refresh refused) is reported, not hidden. */
  private onRegistererState(line: Line, state: RegistererState): void {
    if (!line.live || state !== RegistererState.Unregistered) return;
    // A refresh refused or unanswered: its outcome follows and is handled like any other.
    if (line.registerer.awaitingAnswer) return;
    if (this.state.status === 'registered') {
      this.setRegistration({
        status: 'failed',
        aor: line.aor,
        error: { code: 'registration-rejected', message: 'The server ended the registration. Reconnecting…' },
      });
      this.scheduleReconnect(line);
    }
  }

  private onConnectionLost(): void {
    const line = this.line;
    if (!line || !line.live) return;
    // Calls not yet up cannot outlive their connection; established ones keep their media.
    for (const call of [...this.calls.values()]) call.transportLost();
    this.scheduleReconnect(line);
  }

  private scheduleReconnect(line: Line): void {
    if (line.reconnectTimer) return;
    this.scheduleRetry(line, line.retry.afterConnectionLoss());
  }

  private scheduleRetry(line: Line, plan: RetryPlan): RegistrationSnapshot {
    if (line.reconnectTimer) return this.state;
    line.waitIsServers = plan.serverAsked;
    const snapshot = this.setRegistration({
      status: 'reconnecting',
      aor: line.aor,
      error: plan.error,
      reconnectAttempt: plan.attempt,
      retryInSeconds: Math.ceil(plan.delayMs / 1000),
    });
    this.events.emit('onReconnecting', plan.attempt, plan.delayMs);
    line.reconnectTimer = setTimeout(() => {
      line.reconnectTimer = undefined;
      void this.reconnect(line);
    }, plan.delayMs);
    return snapshot;
  }

  /** `online`, focus, back to visible: a line waiting after a lost connection tries at once. */
  private reconnectNow(): void {
    const line = this.line;
    if (!line || !line.live || !line.reconnectTimer || line.waitIsServers) return;
    clearTimeout(line.reconnectTimer);
    line.reconnectTimer = undefined;
    void this.reconnect(line);
  }

  private async reconnect(line: Line): Promise<void> {
    if (!line.live) return;
    try {
      if (!line.userAgent.isConnected()) {
        // A new connection may reach another server, or one restarted: it challenges afresh.
        line.credentials.forget();
        await line.userAgent.reconnect();
      }
    } catch {
      if (line.live) this.scheduleReconnect(line);
      return;
    }
    if (!line.live) return;
    this.events.emit('onConnected');
    // A failure is retried or reported by onRegisterOutcome (a refused password is not retried).
    const result = await this.register(line);
    if (result.status !== 'registered') return;
    await Promise.allSettled([...this.calls.values()].map((c) => c.refreshAfterReconnect()));
  }

  private async closeLine(line: Line): Promise<void> {
    await line.registerer.dispose().catch(() => undefined);
    await line.userAgent.stop().catch(() => undefined);
  }

  private setRegistration(next: RegistrationSnapshot): RegistrationSnapshot {
    const previous = this.state.status;
    this.state = next;
    this.events.emit('onRegistrationChanged', next);
    if (next.status !== previous) {
      if (next.status === 'registered') {
        if (this.line?.live) this.spare.fill(incomingConfiguration(this.line.rtcConfiguration));
        this.events.emit('onRegistered', next);
      }
      if (next.status === 'unregistered') this.events.emit('onUnregistered', next);
      if (next.status === 'failed') this.events.emit('onRegistrationFailed', next);
    }
    return next;
  }

  // --- calls ---------------------------------------------------------------------------------

  async call(target: string, options: CallOptions = {}): Promise<CallSession> {
    const requestedAt = performance.now();
    const line = this.line;
    if (!line || this.state.status !== 'registered') throw this.failAction(null, notRegisteredError);
    const parsed = parseDialString(target, line.domain);
    if (!parsed.ok) throw this.failAction(null, { code: 'invalid-target', message: parsed.message });
    const uri = UserAgent.makeURI(parsed.target.uri);
    if (!uri) throw this.failAction(null, { code: 'invalid-target', message: `“${target}” is not a number or SIP address that can be called.` });

    // The calls the user was talking on are held before the INVITE leaves.
    return this.focused(null, () => this.dial(line, uri, parsed.target, options, undefined, requestedAt));
  }

  /** The new call of a transfer the far end asked for (transfer.ts): the same path as call(). */
  private placeReferredCall(uri: URI, display: string, extraHeaders: string[], onTracked: (callId: string) => void): Promise<CallSession> {
    const line = this.line;
    if (!line || this.state.status !== 'registered') return Promise.reject(new Error(notRegisteredError.message));
    const target: DialTarget = { user: uri.user ?? '', host: uri.host, uri: uri.toString(), display };
    return this.focused(null, () => this.dial(line, uri, target, {}, { extraHeaders, onTracked }));
  }

  private async dial(
    line: Line,
    uri: URI,
    target: DialTarget,
    options: CallOptions,
    referred?: { extraHeaders: string[]; onTracked: (callId: string) => void },
    requestedAt = performance.now(),
  ): Promise<CallSession> {
    const video = options.video ?? false;
    const inviter = new Inviter(line.userAgent, uri, {
      extraHeaders: referred?.extraHeaders ?? [],
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video } },
      // A 183 with SDP (an announcement, the PBX's own ringback) is heard as it comes, instead
      // of our ringback over silence (the microphone stays closed until the answer, see
      // CallController.applyMute). SIP.js's condition: the INVITE must not fork into two early
      // dialogs with SDP, or the call fails when another branch answers (one WebRTC offer takes
      // one answer). A PBX (Asterisk, FreeSWITCH) gives the caller one dialog; a forking proxy
      // whose phones send 183 with SDP would not.
      earlyMedia: true,
    });
    // The server's last challenge answered now, rather than after its 407 (credential-cache.ts).
    const preauthorized = line.credentials.authorize(inviter.request);
    const now = new Date();
    const initial = new CallSession({
      sipCallId: inviter.request.callId,
      isCaller: true,
      number: target.user,
      displayName: target.display,
      dialedExtension: target.user,
      cameraEnabled: video,
      creationTime: now,
      startTime: now,
      sipSession: inviter,
    });
    const controller = this.track(inviter, initial, new CallTimeline(inviter.request.callId, 'outgoing', 'dial', requestedAt));
    if (preauthorized) controller.timeline.note('INVITE sent with the credentials of the last challenge (no 407 expected)');
    referred?.onTracked(controller.id);
    this.focus.adopt(controller.id);
    this.events.emit('onSessionChanged', initial);
    await controller.dial().catch(() => undefined);
    return controller.snapshot;
  }

  private onInvite(invitation: Invitation): void {
    // An attended transfer's new call replacing one of ours (incoming-replaces.ts): never rings.
    if (this.takeReplacingInvite(invitation)) return;
    const verdict = screenInvite(invitation, this.calls.size, this.callLimit);
    if (!verdict.ring) {
      if (verdict.statusCode === 488) this.reportUnusableOffer(invitation);
      return;
    }
    try {
      const snapshot = sessionFromInvite(invitation.request, invitation.remoteIdentity, new Date(), this.contactUser());
      Object.defineProperty(snapshot, 'sipSession', { value: invitation, enumerable: false, writable: true, configurable: true });
      const arrivedAt = this.timelines.inviteArrival(invitation.request.callId);
      const controller = this.track(invitation, snapshot, new CallTimeline(invitation.request.callId, 'incoming', 'inviteReceived', arrivedAt));
      // onCallIncoming first: its listeners learn what the INVITE asked (video, auto-answer)
      // before the snapshot is published to the host, which decides auto-answer from it. A
      // listener may already have acted on the call (answered it): announce the latest snapshot,
      // through the call, so that it waits with the answer's own events for the 200 OK to leave.
      this.events.emit('onCallIncoming', snapshot, inviteWantsVideo(invitation.body ?? ''), autoAnswerRequestOf(invitation.request));
      controller.announce();
      controller.timeline.mark('ringing');
      // The connection is made, the offer applied and the answer made while the call rings
      // (prepared-answer.ts; no microphone), but after the card is painted: making a connection
      // costs milliseconds the ringing call's first frame does not wait for. An answer given at
      // once (above) takes SIP.js's own path instead.
      afterNextPaint(() => controller.prepareAnswer());
    } catch (error) {
      // A message SIP.js parsed but we cannot make sense of must not leave a ringing ghost.
      console.error('Rejected an INVITE that could not be handled', error);
      void invitation.reject({ statusCode: 500 }).catch(() => undefined);
    }
  }

  private takeReplacingInvite(invitation: Invitation): boolean {
    return takeReplacingInvite(invitation, {
      calls: () => this.calls.values(),
      snapshotOf: (incoming) => sessionFromInvite(incoming.request, incoming.remoteIdentity, new Date(), this.contactUser()),
      track: (incoming, snapshot) => {
        Object.defineProperty(snapshot, 'sipSession', { value: incoming, enumerable: false, writable: true, configurable: true });
        const arrivedAt = this.timelines.inviteArrival(incoming.request.callId);
        return this.track(incoming, snapshot, new CallTimeline(incoming.request.callId, 'incoming', 'inviteReceived', arrivedAt));
      },
      answer: (controller) => this.focused(controller.id, () => controller.answer(false, false)),
    });
  }

  /** The random user part SIP.js put in our registered Contact (see sessionFromInvite). */
  private contactUser(): string | undefined {
    return this.line?.userAgent.contact.uri.user;
  }

  private track(session: Inviter | Invitation, initial: CallSession, timeline: CallTimeline): CallController {
    const controller = new CallController(session, initial, this.events.emit.bind(this.events), (c) => {
      this.calls.delete(c.id);
      this.focus.forget(c.id);
      void this.conference.callEnded(c.id);
      this.timelines.ended(c);
    }, timeline);
    this.calls.set(controller.id, controller);
    this.timelines.follow(controller);
    this.transfers.watch(controller);
    return controller;
  }

  private controller(callId: string): CallController {
    const controller = this.calls.get(callId);
    if (!controller) throw new Error(`No call ${callId}: it has ended or never existed.`);
    return controller;
  }

  answer(callId: string, options: CallOptions = {}): Promise<void> {
    const controller = this.controller(callId);
    return this.focused(callId, () => controller.answer(options.video ?? false, options.bySystem ?? false));
  }

  decline(callId: string): Promise<void> {
    return this.controller(callId).decline();
  }

  async setCaptureDevices(capture: CaptureDevices): Promise<{ fellBack: boolean; cameraFellBack: boolean }> {
    const before = setCaptureInUse(capture);
    const calls = [...this.calls.values()];
    const audio = microphoneConstraints(capture);
    const releaseFirst = JSON.stringify(before.processing) !== JSON.stringify(capture.processing);
    const video = cameraConstraints(capture);
    // Each call runs its own changes one at a time (call-controller.ts), the microphone first.
    const [microphones, cameras] = await Promise.all([
      microphoneChanged(before, capture) ? Promise.all(calls.map((controller) => controller.switchMicrophone(audio, releaseFirst).catch(() => null))) : [],
      cameraChanged(before, capture) ? Promise.all(calls.map((controller) => controller.switchCamera(video).catch(() => null))) : [],
    ]);
    return {
      fellBack: microphones.some((result) => result?.fellBack === true),
      cameraFellBack: cameras.some((result) => result?.fellBack === true),
    };
  }

  setCallLimit(limit: number): void {
    this.callLimit = clampCallLimit(limit);
  }

  /** A call refused for its offer never rang: at most a missed-call line says why. */
  private reportUnusableOffer(invitation: Invitation): void {
    try {
      const snapshot = sessionFromInvite(invitation.request, invitation.remoteIdentity, new Date(), this.contactUser());
      snapshot.ringing = false;
      snapshot.endTime = new Date();
      this.events.emit('onCallEnded', snapshot, { reason: 'unsupported-offer' });
    } catch {
      // The 488 is what matters; a caller we cannot even describe gets no line.
    }
  }

  // --- transfers this phone makes (outgoing-transfer.ts) ---------------------------------------

  async transfer(callId: string, target: string): Promise<void> {
    const call = this.controller(callId);
    const { uri, label } = this.transferTarget(call, target);
    this.transferAction(call, () => this.outgoingTransfers.blind(call, uri, label));
  }

  async consult(callId: string, target: string): Promise<CallSession> {
    const call = this.controller(callId);
    const { label } = this.transferTarget(call, target);
    if (call.session.state !== SessionState.Established) throw this.failAction(call.snapshot, { code: 'transfer-failed', message: 'Only a connected call can be transferred.' });
    // An ordinary call (held others first, its own panel and controls), tied to the one to transfer.
    const consultation = await this.call(target);
    const consultId = consultation.getId();
    if (consultId && !consultation.isTerminated()) this.outgoingTransfers.consulting(call, consultId, label);
    return consultation;
  }

  async completeTransfer(callId: string): Promise<void> {
    const call = this.controller(callId);
    this.transferAction(call, () => this.outgoingTransfers.complete(call));
  }

  async cancelTransfer(callId: string): Promise<void> {
    const call = this.controller(callId);
    await this.outgoingTransfers.cancel(call).catch((error: unknown) => {
      throw error instanceof TransferError ? this.failAction(call.snapshot, { code: 'transfer-failed', message: error.message }) : error;
    });
  }

  dismissTransfer(callId: string): void {
    const call = this.calls.get(callId);
    if (call) this.outgoingTransfers.dismiss(call);
  }

  transferState(callId: string): OutgoingTransfer | null {
    return this.outgoingTransfers.state(callId);
  }

  /** The number typed for a transfer, read like a dialled one; the label is what the user typed, cleaned. */
  private transferTarget(call: CallController, target: string): { uri: string; label: string } {
    const line = this.line;
    if (!line || this.state.status !== 'registered') throw this.failAction(call.snapshot, notRegisteredError);
    const parsed = parseDialString(target, line.domain);
    if (!parsed.ok) throw this.failAction(call.snapshot, { code: 'invalid-target', message: parsed.message });
    return { uri: parsed.target.uri, label: parsed.target.display || parsed.target.user || parsed.target.host };
  }

  private transferAction(call: TransferringCall, action: () => void): void {
    try {
      action();
    } catch (error) {
      if (error instanceof TransferError) throw this.failAction(call.snapshot, { code: 'transfer-failed', message: error.message });
      throw error;
    }
  }

  acceptTransfers(accept: boolean): void {
    this.acceptingTransfers = accept;
  }

  rejectBusy(callId: string): Promise<void> {
    return this.controller(callId).decline(486);
  }

  ignore(callId: string): void {
    this.controller(callId).ignore();
  }

  hangup(callId: string): Promise<void> {
    return this.controller(callId).hangup();
  }

  hold(callId: string): Promise<void> {
    const together = this.together(callId);
    return this.eachInTurn(together, (c) => c.setHold(true));
  }

  resume(callId: string): Promise<void> {
    const together = this.together(callId);
    return this.focused(callId, () => this.eachInTurn(together, (c) => c.setHold(false)));
  }

  /** The call and, in a conference, its companions: held, resumed and muted as one. */
  private together(callId: string): CallController[] {
    const controller = this.controller(callId);
    return [controller, ...this.conference.companionsOf(callId).flatMap((id) => this.calls.get(id) ?? [])];
  }

  private async eachInTurn(controllers: CallController[], action: (c: CallController) => Promise<void>): Promise<void> {
    for (const controller of controllers) await action(controller);
  }

  async mergeCalls(callIds: string[]): Promise<void> {
    const controllers = callIds.map((id) => this.controller(id));
    this.merging = [...callIds];
    try {
      await this.focused(callIds[0] ?? null, () => this.conference.merge(controllers.map(conferenceLeg)));
    } catch (error) {
      if (error instanceof ConferenceRefused) throw this.failAction(controllers[0]?.snapshot ?? null, error.error);
      throw error;
    } finally {
      this.merging = [];
    }
  }

  async splitConference(): Promise<void> {
    const members = await this.conference.split();
    // Back to the rule of one un-held call: the first member keeps the user's voice.
    const kept = members[0];
    if (kept && this.calls.has(kept.id)) await this.focused(kept.id, async () => undefined);
  }

  async leaveConference(): Promise<void> {
    const members = (await this.conference.split()).filter((member) => this.calls.has(member.id));
    const [kept, other] = members;
    if (!kept || !other) return;
    // Back to one un-held call first (the rule holds during the transfer too), then the
    // conference's second party is the "consultation" the first one is transferred to.
    await this.focused(kept.id, async () => undefined);
    const call = this.controller(kept.id);
    const party = this.controller(other.id).snapshot;
    this.outgoingTransfers.consulting(call, other.id, party.displayName || party.number);
    this.transferAction(call, () => this.outgoingTransfers.complete(call));
  }

  async endConference(): Promise<void> {
    const members = await this.conference.end();
    await Promise.allSettled(members.map((member) => this.calls.get(member.id)?.hangup()));
  }

  /** Runs an action that gives a call the user's voice, once every other call is held. */
  private focused<T>(callId: string | null, action: () => Promise<T>): Promise<T> {
    return this.focus.focus(callId, action).catch((error: unknown) => {
      if (error instanceof FocusRefused) throw this.failAction(callId ? (this.session(callId) ?? null) : null, error.error);
      throw error;
    });
  }

  mute(callId: string): void {
    for (const controller of this.together(callId)) controller.setMuted(true);
  }

  unmute(callId: string): void {
    for (const controller of this.together(callId)) controller.setMuted(false);
  }

  sendDtmf(callId: string, tones: string): Promise<void> {
    return this.controller(callId).sendDtmf(tones, this.line?.account.dtmfMethod ?? 'rfc4733');
  }

  enableCamera(callId: string): Promise<void> {
    return this.controller(callId).setCamera(true);
  }

  disableCamera(callId: string): Promise<void> {
    return this.controller(callId).setCamera(false);
  }

  muteVideo(callId: string): Promise<void> {
    return this.controller(callId).setVideoMuted(true);
  }

  unmuteVideo(callId: string): Promise<void> {
    return this.controller(callId).setVideoMuted(false);
  }

  startScreenSharing(callId: string): Promise<void> {
    return this.controller(callId).setScreenSharing(true);
  }

  stopScreenSharing(callId: string): Promise<void> {
    return this.controller(callId).setScreenSharing(false);
  }

  applyServerUpdate(callId: string, update: Partial<CallSessionInit>): boolean {
    return this.calls.get(callId)?.applyServerUpdate(update) ?? false;
  }

  sessions(): CallSession[] {
    return [...this.calls.values()].map((c) => c.snapshot);
  }

  session(callId: string): CallSession | undefined {
    return this.calls.get(callId)?.snapshot;
  }

  remoteStream(callId: string): MediaStream | undefined {
    return this.calls.get(callId)?.remoteStream;
  }

  localStream(callId: string): MediaStream | undefined {
    return this.calls.get(callId)?.localStream;
  }

  async callStats(callId: string): Promise<RTCStatsReport | null> {
    return (await this.calls.get(callId)?.stats()) ?? null;
  }

  timeline(callId: string): CallTimelineJSON | undefined {
    return this.timelines.get(callId);
  }

  warmUp(): void {
    const line = this.line;
    if (line?.live && this.state.status === 'registered') this.warm.warmUp(line.rtcConfiguration);
  }

  coolDown(): void {
    this.warm.release();
  }

  private failAction(session: CallSession | null, error: PhoneError): Error {
    this.events.emit('onActionFailed', session, error);
    return new Error(error.message);
  }
}

/** The peer connection configuration of every call on this account (SIP.js's defaults first). */
function rtcConfigurationOf(settings: AccountSettings): RTCConfiguration {
  return {
    ...defaultPeerConnectionConfiguration(),
    iceServers: settings.iceServers.map((s) => ({ ...s })) as RTCIceServer[],
    iceTransportPolicy: settings.iceTransportPolicy ?? 'all',
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createSipPhone(options?: SipPhoneOptions): PhoneApi {
  return new SipPhone(options);
}
