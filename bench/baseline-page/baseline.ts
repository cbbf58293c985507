// Plain SIP.js 0.21 as its documentation shows it — UserAgent, Registerer, Inviter, Invitation —
// with every option at its default except the scenario's ICE servers (SIP.js otherwise asks a
// public STUN server, unreachable here; every softphone gets the same list).
// It has no UI: its "ringing shown" is the moment its onInvite delegate runs.

import { Invitation, Inviter, Registerer, SessionState, UserAgent, type Session } from 'sip.js';
import type { AnswerTimings, BenchAgent, CalleeMode, DialOptions, DialTimings, LineOptions, RingTimings } from '../agent-contract';
import { firstInboundAudio, inviteArrival, okSent, pause, STEP_TIMEOUT_MS, waitUntil } from '../page/timing';

interface Line {
  userAgent: UserAgent;
  registerer: Registerer;
}

let line: Line | null = null;
let mode: CalleeMode = 'immediate';
const sessions = new Set<Session>();
/** performance.now() when onInvite ran, by Call-ID. */
const invitesShown = new Map<string, number>();
const ringingInvitations = new Map<string, Invitation>();

function track(session: Session): void {
  sessions.add(session);
  session.stateChange.addListener((state) => {
    if (state === SessionState.Terminated) sessions.delete(session);
  });
}

function onInvite(invitation: Invitation): void {
  invitesShown.set(invitation.request.callId, performance.now());
  track(invitation);
  if (mode === 'immediate') void invitation.accept();
  else ringingInvitations.set(invitation.request.callId, invitation);
}

async function register(options: LineOptions): Promise<number> {
  const started = performance.now();
  const uri = UserAgent.makeURI(`sip:${options.user}@${options.domain}`);
  if (!uri) throw new Error(`bad user ${options.user}`);
  const userAgent = new UserAgent({
    uri,
    transportOptions: { server: options.wsUrl },
    authorizationUsername: options.user,
    authorizationPassword: options.password,
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: options.iceServers } },
    delegate: { onInvite },
  });
  const registerer = new Registerer(userAgent);
  line = { userAgent, registerer };
  await userAgent.start();
  return new Promise<number>((resolve, reject) => {
    registerer
      .register({
        requestDelegate: {
          onAccept: () => resolve(performance.now() - started),
          onReject: (response) => reject(new Error(`REGISTER refused: ${response.message.statusCode ?? '?'}`)),
        },
      })
      .catch(reject);
  });
}

async function unregister(): Promise<void> {
  const current = line;
  if (!current) return;
  line = null;
  await new Promise<void>((resolve, reject) => {
    current.registerer
      .unregister({ requestDelegate: { onAccept: () => resolve(), onReject: () => resolve() } })
      .catch(reject);
  });
  await current.registerer.dispose();
  await current.userAgent.stop();
}

async function dial({ target, typingMs }: DialOptions): Promise<DialTimings> {
  if (!line) throw new Error('dial before register');
  await pause(typingMs);
  const started = performance.now();
  const uri = UserAgent.makeURI(`sip:${target}`);
  if (!uri) throw new Error(`bad target ${target}`);
  const inviter = new Inviter(line.userAgent, uri);
  track(inviter);
  const established = new Promise<number>((resolve, reject) => {
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) resolve(performance.now());
      if (state === SessionState.Terminated) reject(new Error('the call ended before it was established'));
    });
  });
  const audio = firstInboundAudio();
  await inviter.invite();
  const [establishedAt, audioAt] = await Promise.all([established, audio]);
  return { callId: inviter.request.callId, startedAt: started, establishedMs: establishedAt - started, firstAudioMs: audioAt - started };
}

async function ringing(callId: string): Promise<RingTimings> {
  const inviteAt = await inviteArrival(callId);
  const shownAt = await waitUntil(`onInvite for ${callId}`, () => invitesShown.get(callId));
  return { inviteAt, shownAt, paintedAt: null };
}

async function answerNow(callId: string): Promise<AnswerTimings> {
  const invitation = await waitUntil(`the INVITE ${callId}`, () => ringingInvitations.get(callId));
  ringingInvitations.delete(callId);
  const clickedAt = performance.now();
  const audio = firstInboundAudio();
  void invitation.accept();
  const [audioAt, okAt] = await Promise.all([audio, okSent(callId)]);
  return { clickedAt, firstAudioMs: audioAt - clickedAt, okSentMs: okAt - clickedAt };
}

async function hangupAll(): Promise<void> {
  await Promise.all(
    [...sessions].map((session) => (session.state === SessionState.Established ? session.bye() : Promise.resolve())),
  );
}

async function idle(): Promise<void> {
  await waitUntil('every call to end', () => (sessions.size === 0 ? true : undefined), 5, STEP_TIMEOUT_MS);
}

const agent: BenchAgent = {
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
window.benchAgent = agent;
