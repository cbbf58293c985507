// The bench agent for our app, installed as an init script into the e2e build of the web
// target. It drives the engine only through the public PhoneApi exposed as
// `window.__softphone.phone` (the same instance the UI follows), so the UI reacts to every
// call exactly as it would for a user; ringing is timed on the UI itself (AnswerButtonWatch).

import type { SoftphoneTestHook } from '../../renderer/e2e-hook';
import type { PhoneApi } from '../../renderer/sip/phone-api';
import type { BenchAgent, DialTimings, LineOptions, RingTimings } from '../agent-contract';
import { firstInboundAudio, inviteArrival, waitUntil } from '../page/timing';
import { AnswerButtonWatch } from './answer-button-watch';

function phone(): PhoneApi {
  const hook = (window as { __softphone?: SoftphoneTestHook }).__softphone;
  if (!hook) throw new Error('window.__softphone is missing: load the e2e build (vite build --mode e2e)');
  return hook.phone;
}

const accepted = new Map<string, number>();
const watch = new AnswerButtonWatch();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  phone().on('onCallAccepted', (session) => {
    const id = session.getId();
    if (id && !accepted.has(id)) accepted.set(id, performance.now());
  });
}

async function register(options: LineOptions): Promise<number> {
  listen();
  const started = performance.now();
  const result = await phone().connect({
    account: {
      serverUrl: options.wsUrl,
      sipUri: `sip:${options.user}@${options.domain}`,
      username: options.user,
      // A configured account has a display name (the settings form asks for one); sending
      // none makes the callee's From header nameless, which our engine rejected (500) when
      // this bench was written.
      displayName: `Bench ${options.user}`,
      password: '',
      iceServers: [],
    },
    password: options.password,
  });
  const ms = performance.now() - started;
  if (result.status !== 'registered') throw new Error(`registration ended ${result.status}: ${result.error?.message ?? ''}`);
  return ms;
}

async function dial(target: string): Promise<DialTimings> {
  listen();
  const started = performance.now();
  const audio = firstInboundAudio(started);
  const session = await phone().call(target);
  const callId = session.getId();
  if (!callId) throw new Error('the call has no id');
  const establishedAt = await waitUntil(`call ${callId} established`, () => {
    const ended = phone().session(callId) === undefined && !accepted.has(callId);
    if (ended) throw new Error(`call ${callId} ended before it was established`);
    return accepted.get(callId);
  });
  const audioAt = await audio;
  return { callId, startedAt: started, establishedMs: establishedAt - started, firstAudioMs: audioAt - started };
}

let answering = false;

function armCallee(): void {
  if (!answering) {
    answering = true;
    phone().on('onCallIncoming', (session) => {
      const id = session.getId();
      if (id) void phone().answer(id);
    });
  }
  watch.arm();
}

async function ringing(callId: string): Promise<RingTimings> {
  const inviteAt = await inviteArrival(callId);
  const sighting = await waitUntil('the Answer button', () => watch.seen());
  return { inviteAt, shownAt: sighting.shownAt, paintedAt: sighting.paintedAt };
}

async function hangupAll(): Promise<void> {
  await Promise.all(phone().sessions().map((s) => phone().hangup(s.getId() ?? '')));
}

async function idle(): Promise<void> {
  await waitUntil('every call to end', () => (phone().sessions().length === 0 ? true : undefined));
}

const agent: BenchAgent = {
  register,
  unregister: () => phone().disconnect(),
  armCallee,
  dial,
  ringing,
  hangupAll,
  idle,
};
window.benchAgent = agent;
