// An independent SIP stack for the end-to-end suite: JsSIP 3 in a page of its own, with no UI.
// Node drives it through `window.jssipAgent` (see e2e/support/jssip-phone.ts). Everything the
// far end did is recorded in `events`, so tests assert what JsSIP saw on the wire rather than
// what our own phone believes it sent.

import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';

export interface JsSipAgentConfig {
  user: string;
  password: string;
  domain: string;
  wsUrl: string;
  displayName?: string;
  /** Follow REFERs (blind or attended, as JsSIP does: a new call, with Replaces when asked); refused with 603 otherwise. */
  acceptRefers?: boolean;
}

/** One thing JsSIP reported. `session` is the index of the call it belongs to (0, 1, …). */
export interface JsSipEvent {
  type:
    | 'registered'
    | 'registrationFailed'
    | 'newRTCSession'
    | 'incoming'
    | 'progress'
    | 'accepted'
    | 'confirmed'
    | 'ended'
    | 'failed'
    | 'hold'
    | 'unhold'
    | 'referRequestSucceeded'
    | 'referRequestFailed'
    | 'referNotify'
    | 'referReceived'
    | 'replaces'
    | 'earlyMedia'
    | 'newInfo'
    | 'newDTMF'
    | 'infoAnswered';
  at: number;
  session?: number;
  /** SIP status code: of the response (progress, failed, refer request) or of a NOTIFY's sipfrag. */
  status?: number;
  reason?: string;
  cause?: string;
  originator?: string;
  /** For newRTCSession/incoming: the remote party's user part and display name. */
  remoteUser?: string;
  remoteName?: string;
  direction?: string;
  /** For referReceived: the Refer-To URI. */
  target?: string;
  /** For newInfo: the INFO's Content-Type and body as JsSIP received them. */
  contentType?: string;
  body?: string;
  /** For newDTMF: the tone and duration JsSIP read from an INFO application/dtmf-relay. */
  tone?: string;
  duration?: number;
}

export interface JsSipStats {
  bytesReceived: number;
  packetsReceived: number;
  totalAudioEnergy: number;
  bytesSent: number;
  packetsSent: number;
  framesDecoded: number;
}

export interface JsSipAgent {
  start(config: JsSipAgentConfig): Promise<void>;
  call(target: string, options?: { video?: boolean; extraHeaders?: string[] }): void;
  /**
   * Answers the current call. `extraHeaders` go in the 200 OK; `refuseVideo` answers an offer
   * with video as a phone without video does (m=video with port 0). After early media, it
   * confirms the media of the 183 with 200 OK instead.
   */
  answer(options?: { video?: boolean; extraHeaders?: string[]; refuseVideo?: boolean }): void;
  /**
   * Answers the current incoming call with 183 Session Progress carrying an SDP answer, and
   * sends its microphone from then on (early media: an announcement, a PBX's ringback).
   * A later `answer()` confirms the same media with 200 OK. Resolves once the 183 is sent.
   */
  progressWithEarlyMedia(): Promise<void>;
  /** Ends the current call: CANCEL, reject (with `status`, default 486/603 by JsSIP) or BYE. */
  hangup(options?: { status?: number }): void;
  hold(): boolean;
  /** Sends an INFO in the current call; its answer is recorded as an `infoAnswered` event. */
  sendInfo(contentType: string, body: string): void;
  unhold(): boolean;
  /**
   * Sends REFER to `target` (a SIP URI, or a user name at the agent's domain) on the current call,
   * or on call number `session`; `replacesSession` adds a Replaces for that call (attended transfer).
   */
  refer(target: string, options?: { session?: number; replacesSession?: number }): void;
  stop(): Promise<void>;
  events: JsSipEvent[];
  /** Calls whose session is not over yet. */
  liveSessions(): number;
  sessionCount(): number;
  /** Totals over the audio RTP reports of the open peer connections. */
  stats(): Promise<JsSipStats>;
  /** Local capture tracks (getUserMedia) still live. */
  liveLocalTracks(): number;
}

declare global {
  interface Window {
    jssipAgent: JsSipAgent;
  }
}

const capturedTracks: MediaStreamTrack[] = [];
{
  // Counts every track this page captured, whichever code opened it (JsSIP calls getUserMedia itself).
  const devices = navigator.mediaDevices;
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await getUserMedia(constraints);
    capturedTracks.push(...stream.getTracks());
    return stream;
  };
}

const events: JsSipEvent[] = [];
const sessions: RTCSession[] = [];
const connections: RTCPeerConnection[] = [];
let ua: JsSIP.UA | null = null;
let config: JsSipAgentConfig | null = null;
const PC_CONFIG: RTCConfiguration = { iceServers: [] };

function record(event: Omit<JsSipEvent, 'at'>): void {
  events.push({ ...event, at: Date.now() });
}

function statusOf(message: unknown): number | undefined {
  const code = (message as { status_code?: unknown } | null | undefined)?.status_code;
  return typeof code === 'number' ? code : undefined;
}

function currentSession(): RTCSession {
  for (let index = sessions.length - 1; index >= 0; index -= 1) {
    const session = sessions[index]!;
    if (!session.isEnded()) return session;
  }
  throw new Error('the JsSIP agent has no call in progress');
}

function targetUri(target: string): string {
  if (/^sips?:/i.test(target)) return target;
  if (!config) throw new Error('the JsSIP agent was not started');
  return `sip:${target}@${config.domain}`;
}

function playRemoteAudio(connection: RTCPeerConnection): void {
  // Chromium decodes received audio either way, but an element that plays it is what a real
  // phone does, and it keeps audio-level counters meaningful.
  connection.addEventListener('track', (event) => {
    const element = document.createElement('audio');
    element.autoplay = true;
    element.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    document.body.append(element);
    event.track.addEventListener('ended', () => element.remove());
  });
}

function watch(session: RTCSession, originator: string, remoteName: string | undefined): void {
  const index = sessions.push(session) - 1;
  const remoteUser = session.remote_identity?.uri?.user;
  record({ type: 'newRTCSession', session: index, direction: session.direction, originator, remoteUser, remoteName });
  if (session.direction === 'incoming') record({ type: 'incoming', session: index, remoteUser, remoteName });

  const attach = (connection: RTCPeerConnection) => {
    connections.push(connection);
    playRemoteAudio(connection);
  };
  if (session.connection) attach(session.connection as unknown as RTCPeerConnection);
  else session.on('peerconnection', (event) => attach(event.peerconnection as unknown as RTCPeerConnection));

  // JsSIP's typings of these events are unions TypeScript cannot narrow: read them loosely.
  const on = (name: string, listener: (event: LooseEvent) => void) =>
    (session as unknown as { on(name: string, listener: (event: LooseEvent) => void): void }).on(name, listener);
  on('progress', (event) => record({ type: 'progress', session: index, status: statusOf(event.response), originator: event.originator }));
  on('accepted', (event) => record({ type: 'accepted', session: index, status: statusOf(event.response), originator: event.originator }));
  on('confirmed', (event) => record({ type: 'confirmed', session: index, originator: event.originator }));
  on('ended', (event) => record({ type: 'ended', session: index, cause: event.cause, originator: event.originator }));
  on('failed', (event) => record({ type: 'failed', session: index, cause: event.cause, originator: event.originator, status: statusOf(event.message) }));
  on('hold', (event) => record({ type: 'hold', session: index, originator: event.originator }));
  // JsSIP takes an INFO application/dtmf-relay as a tone of its own (and answers it 200).
  on('newDTMF', (event) => {
    if (event.originator === 'remote') record({ type: 'newDTMF', session: index, tone: event.dtmf?.tone, duration: event.dtmf?.duration });
  });
  on('newInfo', (event) => {
    const info = event.info;
    if (event.originator === 'remote') {
      // JsSIP answers an incoming INFO 200 by itself.
      record({ type: 'newInfo', session: index, originator: 'remote', contentType: info?.contentType, body: info?.body });
      return;
    }
    info?.on?.('succeeded', (answer) => record({ type: 'infoAnswered', session: index, status: statusOf(answer.response) }));
    info?.on?.('failed', (answer) => record({ type: 'infoAnswered', session: index, status: statusOf(answer.response) }));
  });
  on('unhold', (event) => record({ type: 'unhold', session: index, originator: event.originator }));
  on('refer', (event) => {
    record({ type: 'referReceived', session: index, target: String(event.request?.getHeader?.('Refer-To') ?? '') });
    // A transferee only when the test says so: JsSIP then places the new call itself (the UA's
    // newRTCSession hands it to watch()) and NOTIFYs the transferor of its progress.
    if (config?.acceptRefers) event.accept?.(() => undefined, { mediaConstraints: mediaConstraints(false), pcConfig: PC_CONFIG });
    else event.reject?.({ status_code: 603 });
  });
  on('replaces', (event) => {
    // An INVITE whose Replaces names this call (attended transfer): taken, as a phone does.
    // JsSIP then announces the new call (watch() records it as incoming: answer() confirms
    // it) and ends this one once the new one is confirmed.
    record({ type: 'replaces', session: index });
    event.accept?.(() => undefined);
  });
}

interface LooseEvent {
  originator?: string;
  cause?: string;
  response?: unknown;
  message?: unknown;
  request?: { getHeader?(name: string): string | undefined };
  dtmf?: { tone?: string; duration?: number };
  info?: { contentType?: string; body?: string; on?(name: string, listener: (event: LooseEvent) => void): void };
  reject?(options: { status_code: number }): void;
  /** REFER: a new call with these options; Replaces: the new call, with no options. */
  accept?(initCallback: () => void, options?: { mediaConstraints: MediaStreamConstraints; pcConfig: RTCConfiguration }): void;
}

/**
 * The parts of JsSIP's RTCSession that early media needs. JsSIP 3 has no public way to send
 * a provisional response with SDP, so the agent does what its own answer() does, in two steps:
 * the SDP answer goes out in a 183 now, and the 200 OK repeats it later.
 */
interface RTCSessionInternals {
  _status: number;
  _contact: string;
  _connection: RTCPeerConnection | null;
  _localMediaStream: MediaStream | null;
  _localMediaStreamLocallyGenerated: boolean;
  _timers: Record<string, ReturnType<typeof setTimeout> | undefined>;
  _request: {
    body?: string;
    reply(code: number, reason?: string | null, extraHeaders?: string[], body?: string, onSuccess?: () => void, onFailure?: () => void): void;
  };
  _createRTCConnection(pcConfig: RTCConfiguration, rtcConstraints: null): void;
  _createLocalDescription(type: 'answer', constraints: null): Promise<string>;
  _createDialog(message: unknown, type: 'UAS', early?: boolean): boolean;
  _setInvite2xxTimer(request: unknown, body: string): void;
  _setACKTimer(): void;
  _accepted(originator: 'local'): void;
  _failed(originator: 'system', message: null, cause: string): void;
}

// RTCSession's status values (JsSIP's RTCSession.C), as the internals above use them.
const STATUS_WAITING_FOR_ANSWER = 4;
const STATUS_ANSWERED = 5;
const STATUS_WAITING_FOR_ACK = 6;

/** The SDP answer already sent in a 183, per call: the 200 OK must carry the same. */
const earlyAnswers = new WeakMap<RTCSession, string>();

async function sendEarlyMedia(session: RTCSession): Promise<void> {
  const internals = session as unknown as RTCSessionInternals;
  if (session.direction !== 'incoming' || internals._status !== STATUS_WAITING_FOR_ANSWER) {
    throw new Error('early media needs an incoming call that is still ringing');
  }
  // Emits 'peerconnection': watch() records the connection and plays what it receives.
  internals._createRTCConnection(PC_CONFIG, null);
  const connection = internals._connection!;
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  // JsSIP stops a stream it "generated itself" when the call ends, as after its own answer().
  internals._localMediaStream = stream;
  internals._localMediaStreamLocallyGenerated = true;
  for (const track of stream.getTracks()) connection.addTrack(track, stream);
  await connection.setRemoteDescription({ type: 'offer', sdp: internals._request.body ?? '' });
  const sdp = await internals._createLocalDescription('answer', null);
  internals._request.reply(183, 'Session Progress', [`Contact: ${internals._contact}`], sdp);
  earlyAnswers.set(session, sdp);
  record({ type: 'earlyMedia', session: sessions.indexOf(session) });
}

/** JsSIP's answer() after early media: the 200 OK confirms the media already flowing. */
function confirmEarlyMedia(session: RTCSession, sdp: string): void {
  const internals = session as unknown as RTCSessionInternals;
  if (internals._status !== STATUS_WAITING_FOR_ANSWER) throw new Error(`cannot answer in JsSIP status ${internals._status}`);
  internals._status = STATUS_ANSWERED;
  const request = internals._request;
  if (!internals._createDialog(request, 'UAS')) {
    request.reply(500, 'Error creating dialog');
    return;
  }
  clearTimeout(internals._timers.userNoAnswerTimer);
  request.reply(200, null, [`Contact: ${internals._contact}`], sdp, () => {
    internals._status = STATUS_WAITING_FOR_ACK;
    internals._setInvite2xxTimer(request, sdp);
    internals._setACKTimer();
    internals._accepted('local');
  }, () => internals._failed('system', null, 'Connection Error'));
}

function mediaConstraints(video: boolean | undefined): MediaStreamConstraints {
  return { audio: true, video: Boolean(video) };
}

const agent: JsSipAgent = {
  events,
  start(startConfig) {
    config = startConfig;
    const socket = new JsSIP.WebSocketInterface(startConfig.wsUrl);
    ua = new JsSIP.UA({
      sockets: [socket],
      uri: `sip:${startConfig.user}@${startConfig.domain}`,
      password: startConfig.password,
      display_name: startConfig.displayName ?? startConfig.user,
      register: true,
      // A session-timer refresh mid-test would be a second thing under test; the suite's calls are short.
      session_timers: false,
    });
    ua.on('newRTCSession', (event: { session: RTCSession; originator: string }) => {
      const remoteName = event.session.remote_identity?.display_name ?? undefined;
      watch(event.session, event.originator, remoteName || undefined);
    });
    return new Promise((resolve, reject) => {
      ua!.on('registered', () => {
        record({ type: 'registered' });
        resolve();
      });
      ua!.on('registrationFailed', (event) => {
        record({ type: 'registrationFailed', cause: event.cause, status: statusOf(event.response) });
        reject(new Error(`JsSIP registration failed: ${event.cause}`));
      });
      ua!.start();
    });
  },
  call(target, options = {}) {
    if (!ua) throw new Error('the JsSIP agent was not started');
    ua.call(targetUri(target), {
      mediaConstraints: mediaConstraints(options.video),
      pcConfig: PC_CONFIG,
      extraHeaders: options.extraHeaders ?? [],
    });
  },
  answer(options = {}) {
    const session = currentSession();
    const earlyAnswer = earlyAnswers.get(session);
    if (earlyAnswer) return confirmEarlyMedia(session, earlyAnswer);
    if (options.refuseVideo) {
      // JsSIP hands each local SDP to 'sdp' listeners before sending it: refuse the video stream there.
      const refuse = (event: { originator: string; type: string; sdp: string }) => {
        if (event.originator === 'local' && event.type === 'answer') event.sdp = event.sdp.replace(/^m=video \d+/m, 'm=video 0');
      };
      (session as unknown as { on(name: 'sdp', listener: typeof refuse): void }).on('sdp', refuse);
    }
    session.answer({ mediaConstraints: mediaConstraints(options.video), pcConfig: PC_CONFIG, extraHeaders: options.extraHeaders ?? [] });
  },
  progressWithEarlyMedia() {
    return sendEarlyMedia(currentSession());
  },
  hangup(options = {}) {
    currentSession().terminate(options.status ? { status_code: options.status } : {});
  },
  sendInfo(contentType, body) {
    currentSession().sendInfo(contentType, body);
  },
  hold() {
    return currentSession().hold();
  },
  unhold() {
    return currentSession().unhold();
  },
  refer(target, options = {}) {
    const session = options.session === undefined ? currentSession() : sessions[options.session];
    if (!session) throw new Error(`the JsSIP agent has no call ${options.session}`);
    const replaces = options.replacesSession === undefined ? undefined : sessions[options.replacesSession];
    const index = sessions.indexOf(session);
    const subscriber = session.refer(targetUri(target), replaces ? { replaces } : {}) as unknown as {
      on(event: string, listener: (event: { response?: unknown; status_line?: { status_code?: number; reason_phrase?: string }; cause?: string }) => void): void;
    };
    subscriber.on('requestSucceeded', (event) => record({ type: 'referRequestSucceeded', session: index, status: statusOf(event.response) }));
    subscriber.on('requestFailed', (event) => record({ type: 'referRequestFailed', session: index, status: statusOf(event.response), cause: event.cause }));
    for (const name of ['trying', 'progress', 'accepted', 'failed']) {
      subscriber.on(name, (event) =>
        record({ type: 'referNotify', session: index, status: Number(event.status_line?.status_code), reason: event.status_line?.reason_phrase }),
      );
    }
  },
  async stop() {
    if (!ua) return;
    const stopping = ua;
    ua = null;
    await new Promise<void>((resolve) => {
      stopping.on('disconnected', () => resolve());
      stopping.stop();
      setTimeout(resolve, 2_000);
    });
  },
  liveSessions: () => sessions.filter((session) => !session.isEnded()).length,
  sessionCount: () => sessions.length,
  async stats() {
    const totals: JsSipStats = { bytesReceived: 0, packetsReceived: 0, totalAudioEnergy: 0, bytesSent: 0, packetsSent: 0, framesDecoded: 0 };
    for (const connection of connections) {
      if (connection.connectionState === 'closed') continue;
      const report = await connection.getStats();
      report.forEach((stat: Record<string, unknown>) => {
        const number = (name: string) => (typeof stat[name] === 'number' ? (stat[name] as number) : 0);
        if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
          totals.bytesReceived += number('bytesReceived');
          totals.packetsReceived += number('packetsReceived');
          totals.totalAudioEnergy += number('totalAudioEnergy');
        } else if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
          totals.framesDecoded += number('framesDecoded');
        } else if (stat.type === 'outbound-rtp' && stat.kind === 'audio') {
          totals.bytesSent += number('bytesSent');
          totals.packetsSent += number('packetsSent');
        }
      });
    }
    return totals;
  },
  liveLocalTracks: () => capturedTracks.filter((track) => track.readyState === 'live').length,
};

window.jssipAgent = agent;
