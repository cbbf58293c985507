// JsSIP 3 as its documentation shows it — UA over a WebSocketInterface, ua.call(), session.answer()
// — with its defaults, plus the scenario's ICE servers in pcConfig (JsSIP has no default list;
// every softphone gets the same one) and audio-only media constraints. No UI: its "ringing
// shown" is the moment its newRTCSession event fires for the incoming call. JsSIP waits for ICE
// gathering to complete (or for the app to call the icecandidate event's ready(), which its
// defaults do not).

import * as JsSIP from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession';
import type { AnswerTimings, BenchAgent, CalleeMode, DialOptions, DialTimings, IceServerOption, LineOptions, RingTimings } from '../agent-contract';
import { firstInboundAudio, inviteArrival, okSent, pause, waitUntil } from '../page/timing';

let ua: JsSIP.UA | null = null;
let iceServers: IceServerOption[] = [];
let mode: CalleeMode = 'immediate';
const sessions = new Set<RTCSession>();
const shown = new Map<string, number>();
const ringingSessions = new Map<string, RTCSession>();
const AUDIO_ONLY = { audio: true, video: false };

function callIdOf(session: RTCSession): string {
  return (session as unknown as { _request?: { call_id?: string } })._request?.call_id ?? session.id;
}

function track(session: RTCSession): void {
  sessions.add(session);
  const forget = () => sessions.delete(session);
  session.on('ended', forget);
  session.on('failed', forget);
}

function answer(session: RTCSession): void {
  session.answer({ mediaConstraints: AUDIO_ONLY, pcConfig: { iceServers } });
}

async function register(options: LineOptions): Promise<number> {
  iceServers = options.iceServers;
  const started = performance.now();
  const socket = new JsSIP.WebSocketInterface(options.wsUrl);
  const agent = new JsSIP.UA({ sockets: [socket], uri: `sip:${options.user}@${options.domain}`, password: options.password, register: true });
  ua = agent;
  agent.on('newRTCSession', (event: { session: RTCSession; originator: string }) => {
    if (event.originator !== 'remote') return;
    const session = event.session;
    const callId = callIdOf(session);
    shown.set(callId, performance.now());
    track(session);
    if (mode === 'immediate') answer(session);
    else ringingSessions.set(callId, session);
  });
  return new Promise((resolve, reject) => {
    agent.on('registered', () => resolve(performance.now() - started));
    agent.on('registrationFailed', (event: { cause?: string }) => reject(new Error(`JsSIP registration failed: ${event.cause ?? '?'}`)));
    agent.start();
  });
}

async function unregister(): Promise<void> {
  const agent = ua;
  if (!agent) return;
  ua = null;
  await new Promise<void>((resolve) => {
    agent.on('disconnected', () => resolve());
    agent.stop();
    setTimeout(resolve, 2000);
  });
}

async function dial({ target, typingMs }: DialOptions): Promise<DialTimings> {
  const agent = ua;
  if (!agent) throw new Error('dial before register');
  await pause(typingMs);
  const started = performance.now();
  const audio = firstInboundAudio();
  // Its own events, not a poll: the page being timed does no work of the bench's meanwhile.
  let accepted!: (at: number) => void;
  let failed!: (error: Error) => void;
  const established = new Promise<number>((resolve, reject) => {
    accepted = resolve;
    failed = reject;
  });
  const session = agent.call(`sip:${target}`, {
    mediaConstraints: AUDIO_ONLY,
    pcConfig: { iceServers },
    eventHandlers: {
      accepted: () => accepted(performance.now()),
      failed: (event: { cause?: string }) => failed(new Error(`the JsSIP call failed: ${event.cause ?? 'failed'}`)),
    },
  });
  track(session);
  const callId = callIdOf(session);
  const [at, audioAt] = await Promise.all([established, audio]);
  return { callId, startedAt: started, establishedMs: at - started, firstAudioMs: audioAt - started };
}

async function ringing(callId: string): Promise<RingTimings> {
  const inviteAt = await inviteArrival(callId);
  const shownAt = await waitUntil(`newRTCSession for ${callId}`, () => shown.get(callId));
  return { inviteAt, shownAt, paintedAt: null };
}

async function answerNow(callId: string): Promise<AnswerTimings> {
  const session = await waitUntil(`the INVITE ${callId}`, () => ringingSessions.get(callId));
  ringingSessions.delete(callId);
  const clickedAt = performance.now();
  const audio = firstInboundAudio();
  answer(session);
  const [audioAt, okAt] = await Promise.all([audio, okSent(callId)]);
  return { clickedAt, firstAudioMs: audioAt - clickedAt, okSentMs: okAt - clickedAt };
}

async function hangupAll(): Promise<void> {
  for (const session of sessions) {
    if (session.isEstablished()) session.terminate();
  }
}

async function idle(): Promise<void> {
  await waitUntil('every call to end', () => (sessions.size === 0 ? true : undefined));
}

const benchAgent: BenchAgent = {
  register,
  unregister,
  armCallee: (next) => {
    mode = next;
  },
  dial,
  ringing,
  answerNow,
  hangupAll,
  idle,
};
window.benchAgent = benchAgent;
