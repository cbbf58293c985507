// The bench agent for our app, installed as an init script into the bench's build of the web
// target. It drives the engine only through the public PhoneApi exposed as
// `window.__softphone.phone` (the same instance the UI follows), so the UI reacts to every
// call exactly as it would for a user; ringing is timed on the UI itself (AnswerButtonWatch),
// and an answer is a click on the UI's Answer button. Set-up figures come from the call's own
// timeline (phone.timeline, the one the call-details panel shows), so product and bench never
// disagree; the page probes take the same figures independently, as a cross-check.

import type { SoftphoneTestHook } from '../../renderer/e2e-hook';
import type { CallTimelineJSON } from '../../renderer/sip/call-timeline';
import type { PhoneApi } from '../../renderer/sip/phone-api';
import type { AnswerTimings, BenchAgent, CalleeMode, DialOptions, DialTimings, LineOptions, RingTimings } from '../agent-contract';
import { firstInboundAudio, inviteArrival, okSent, pause, waitUntil } from '../page/timing';
import { AnswerButtonWatch } from './answer-button-watch';

function phone(): PhoneApi {
  const hook = (window as { __softphone?: SoftphoneTestHook }).__softphone;
  if (!hook) throw new Error('window.__softphone is missing: load the e2e build (vite build --mode e2e)');
  return hook.phone;
}

const accepted = new Map<string, number>();
/** Dials waiting for their call to be accepted or to end (events, not a poll: see dial). */
const waiters = new Map<string, { accepted: (at: number) => void; ended: () => void }>();
const watch = new AnswerButtonWatch();
let listening = false;
let mode: CalleeMode = 'immediate';

function listen(): void {
  if (listening) return;
  listening = true;
  phone().on('onCallAccepted', (session) => {
    const id = session.getId();
    if (id && !accepted.has(id)) accepted.set(id, performance.now());
    if (id) waiters.get(id)?.accepted(accepted.get(id)!);
  });
  phone().on('onCallEnded', (session) => waiters.get(session.getId() ?? '')?.ended());
  phone().on('onCallIncoming', (session) => {
    const id = session.getId();
    if (id && mode === 'immediate') void phone().answer(id);
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
      displayName: `Bench ${options.user}`,
      password: '',
      iceServers: options.iceServers,
    },
    password: options.password,
  });
  const ms = performance.now() - started;
  if (result.status !== 'registered') throw new Error(`registration ended ${result.status}: ${result.error?.message ?? ''}`);
  return ms;
}

/** The timeline's value for a mark, once reached. */
function timelineMark(callId: string, mark: keyof CallTimelineJSON['marks']): Promise<number> {
  return waitUntil(`the timeline's ${mark} of ${callId}`, () => phone().timeline(callId)?.marks[mark]);
}

async function dial({ target, typingMs }: DialOptions): Promise<DialTimings> {
  listen();
  // What the dialpad does on the first key (renderer/stores/dial-warm-up.ts).
  if (typingMs > 0) phone().warmUp();
  await pause(typingMs);
  const started = performance.now();
  const audio = firstInboundAudio();
  const session = await phone().call(target);
  const callId = session.getId();
  if (!callId) throw new Error('the call has no id');
  // The engine's events, as the SIP.js agent waits on its session's: a poll every few ms would
  // be the bench's own work on the page it times.
  const establishedAt = await new Promise<number>((resolve, reject) => {
    const settled = accepted.get(callId);
    if (settled !== undefined) return resolve(settled);
    if (phone().session(callId) === undefined) return reject(new Error(`call ${callId} ended before it was established`));
    waiters.set(callId, { accepted: resolve, ended: () => reject(new Error(`call ${callId} ended before it was established`)) });
  }).finally(() => waiters.delete(callId));
  const audioAt = await audio;
  const establishedMs = await timelineMark(callId, 'established');
  const firstAudioMs = await timelineMark(callId, 'firstAudioIn');
  return { callId, startedAt: started, establishedMs, firstAudioMs, probe: { establishedMs: establishedAt - started, firstAudioMs: audioAt - started } };
}

function armCallee(next: CalleeMode): void {
  listen();
  mode = next;
  // Answered at once, the call never shows ringing; and the watch's work on every DOM change
  // would only load the page being timed.
  if (next === 'manual') watch.arm();
  else watch.stop();
}

async function ringing(callId: string): Promise<RingTimings> {
  const inviteAt = await inviteArrival(callId);
  const sighting = await waitUntil('the Answer button', () => watch.seen());
  return { inviteAt, shownAt: sighting.shownAt, paintedAt: sighting.paintedAt };
}

async function answerNow(callId: string): Promise<AnswerTimings> {
  const button = await waitUntil('the Answer button', () =>
    [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Answer' && b.checkVisibility()),
  );
  const audio = firstInboundAudio();
  const clickedAt = performance.now();
  button.click();
  const [audioAt, okAt] = await Promise.all([audio, okSent(callId)]);
  return { clickedAt, firstAudioMs: audioAt - clickedAt, okSentMs: okAt - clickedAt };
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
  answerNow,
  hangupAll,
  idle,
};
window.benchAgent = agent;
