// @vitest-environment happy-dom
// The sound module wired to the real stores, with a scripted phone engine and an AudioContext
// that records which oscillators sound. The desktop platform is used on purpose: there the
// host, not the page, applies do-not-disturb and auto-answer, a few milliseconds later.

import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { nextTick } from 'vue';
import { defaultAppPreferences } from '../../shared/app-preferences';
import type { AutoAnswerRequest } from '../../shared/auto-answer-signals';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import type { PlatformAdapter } from '../../shared/platform';
import { setAppContext } from '../app-context';
import type { PhoneApi } from '../sip/phone-api';
import type { PhoneEventMap } from '../sip/phone-events';
import { TypedEmitter } from '../sip/typed-emitter';
import { useCallsStore } from '../stores/calls';
import { useErrorsStore } from '../stores/errors';
import { usePreferencesStore } from '../stores/preferences';
import { startPhoneSounds } from './phone-sounds';
import { RINGBACK_DELAY_MS } from './tones';

// --- an AudioContext that keeps score --------------------------------------------------------

class FakeParam {
  value = 0;
  setValueAtTime(value: number) {
    this.value = value;
  }
  linearRampToValueAtTime(value: number) {
    this.value = value;
  }
  setTargetAtTime(value: number) {
    this.value = value;
  }
  cancelScheduledValues() {}
}

class FakeNode {
  readonly outputs = new Set<unknown>();
  constructor(readonly context: FakeAudioContext) {}
  connect<T>(destination: T): T {
    this.outputs.add(destination);
    return destination;
  }
  disconnect() {
    this.outputs.clear();
  }
}

class FakeSource extends FakeNode {
  stopAt: number | undefined;
  onended: (() => void) | null = null;
  start() {
    this.context.started.push(this);
  }
  stop(when = 0) {
    this.stopAt = when;
  }
}

class FakeOscillator extends FakeSource {
  readonly frequency = new FakeParam();
}

class FakeAudioContext extends EventTarget {
  state: AudioContextState = 'running';
  currentTime = 0;
  readonly destination = new FakeNode(this);
  started: FakeSource[] = [];
  gains: Array<FakeNode & { gain: FakeParam }> = [];
  allowed = true;
  createGain() {
    const node = Object.assign(new FakeNode(this), { gain: new FakeParam() });
    this.gains.push(node);
    return node;
  }
  /** The level of the sound reaching the speakers last (its output gain). */
  outputLevel(): number | undefined {
    return this.gains.filter((node) => node.outputs.has(this.destination)).at(-1)?.gain.value;
  }
  createOscillator() {
    return new FakeOscillator(this);
  }
  createBufferSource() {
    return Object.assign(new FakeSource(this), { buffer: null, loop: false });
  }
  createBuffer(_channels: number, length: number) {
    const data = new Float32Array(length);
    return { getChannelData: () => data };
  }
  resume(): Promise<void> {
    // A browser that still blocks autoplay leaves the promise pending.
    if (!this.allowed) return new Promise(() => undefined);
    this.state = 'running';
    this.dispatchEvent(new Event('statechange'));
    return Promise.resolve();
  }
  /** Frequencies sounding now: started, and not stopped (a stop fades within a few ms). */
  sounding(): number[] {
    return this.started
      .filter((source): source is FakeOscillator => source instanceof FakeOscillator)
      .filter((oscillator) => oscillator.stopAt === undefined || oscillator.stopAt > this.currentTime + 0.05)
      .map((oscillator) => oscillator.frequency.value);
  }
}

let audio: FakeAudioContext;
beforeAll(() => {
  audio = new FakeAudioContext();
  vi.stubGlobal('AudioContext', function AudioContext() {
    return audio;
  });
});
afterAll(() => vi.unstubAllGlobals());

// --- a scripted engine and host ---------------------------------------------------------------

const NO_REQUEST: AutoAnswerRequest = { requested: false, delaySeconds: 0, source: null };

function fakePhone(events: TypedEmitter<PhoneEventMap>, live: () => CallSession[]): PhoneApi {
  return {
    on: (event, handler) => events.on(event, handler),
    sessions: () => live(),
    session: (id) => live().find((call) => call.getId() === id),
    sendDtmf: () => Promise.resolve(),
    // The engine holds the answered snapshot back until its 200 OK left: nothing published here.
    answer: () => new Promise<void>(() => undefined),
    acceptTransfers: () => undefined,
    setCallLimit: () => undefined,
    remoteStream: () => undefined,
    localStream: () => undefined,
  } as Partial<PhoneApi> as PhoneApi;
}

function fakeDesktop(): PlatformAdapter {
  return {
    kind: 'desktop',
    publishCall: () => undefined,
    publishRegistration: () => undefined,
    onCommand: () => () => undefined,
    loadPreferences: () => Promise.resolve(defaultAppPreferences()),
    savePreferences: (preferences) => Promise.resolve(preferences),
    onPreferencesChanged: () => () => undefined,
  } as Partial<PlatformAdapter> as PlatformAdapter;
}

let events: TypedEmitter<PhoneEventMap>;
let calls: Map<string, CallSession>;
let pinia: Pinia;
let stop: () => void;

beforeEach(() => {
  audio.started = [];
  audio.gains = [];
  audio.state = 'running';
  audio.allowed = true;
  events = new TypedEmitter<PhoneEventMap>();
  calls = new Map();
  setAppContext({ phone: fakePhone(events, () => [...calls.values()]), platform: fakeDesktop() });
  pinia = createPinia();
  setActivePinia(pinia);
  stop = startPhoneSounds(pinia);
});
afterEach(() => stop());

/** The engine publishes a new snapshot of a call. */
async function publish(init: Partial<CallSessionInit> & { sipCallId: string }): Promise<CallSession> {
  const previous = calls.get(init.sipCallId);
  const session = previous ? previous.clone() : new CallSession({ number: '1001' });
  session.updateFrom(init);
  calls.set(init.sipCallId, session);
  events.emit('onSessionChanged', session);
  await nextTick();
  return session;
}

async function ringIn(id: string, request = NO_REQUEST): Promise<CallSession> {
  const session = new CallSession({ sipCallId: id, number: '1001', isCaller: false, ringing: true, sipStatus: 'Initial' });
  calls.set(id, session);
  events.emit('onCallIncoming', session, false, request);
  events.emit('onSessionChanged', session);
  await nextTick();
  return session;
}

async function setPreferences(change: Partial<ReturnType<typeof defaultAppPreferences>>): Promise<void> {
  const preferences = usePreferencesStore(pinia);
  preferences.preferences = { ...preferences.preferences, ...change };
  await nextTick();
}

describe('the phone rings, and stops', () => {
  test('an incoming call rings until it is answered', async () => {
    await ringIn('a');
    expect(audio.sounding()).toEqual([660, 880]);
    await publish({ sipCallId: 'a', sipStatus: 'Establishing' });
    expect(audio.sounding()).toEqual([]);
  });

  test('Answer silences the ringtone at the press, before the engine publishes the answered call', async () => {
    await ringIn('a');
    expect(audio.sounding()).toEqual([660, 880]);
    void useCallsStore(pinia).answer('a');
    await nextTick();
    expect(audio.sounding()).toEqual([]);
  });

  test('a CANCEL stops the ringtone at once', async () => {
    await ringIn('a');
    await publish({ sipCallId: 'a', ringing: false });
    expect(audio.sounding()).toEqual([]);
  });

  test('the volume preference applies while it rings; mute silences it', async () => {
    await ringIn('a');
    // Default 80 %: the ringtone's level (0.5) x 0.8², shared by its two oscillators.
    expect(audio.outputLevel()).toBeCloseTo((0.5 * 0.64) / 2);
    await setPreferences({ ringtoneVolume: 50 });
    expect(audio.sounding()).toEqual([660, 880]);
    expect(audio.outputLevel()).toBeCloseTo((0.5 * 0.25) / 2);
    await setPreferences({ ringtoneMuted: true });
    expect(audio.sounding()).toEqual([]);
  });

  test('desktop do-not-disturb: the call the host is about to refuse never makes a sound', async () => {
    await setPreferences({ doNotDisturb: true });
    await ringIn('a');
    expect(audio.sounding()).toEqual([]);
    expect(audio.started).toEqual([]);
  });

  test('auto-answer at once: no blip of ringtone; after a delay: it rings meanwhile', async () => {
    await setPreferences({ autoAnswer: 'always', autoAnswerDelaySeconds: 0 });
    await ringIn('a');
    expect(audio.started).toEqual([]);
    await setPreferences({ autoAnswerDelaySeconds: 5 });
    await ringIn('b');
    expect(audio.sounding()).toEqual([660, 880]);
  });

  test('a second call during a call beeps instead of ringing', async () => {
    await publish({ sipCallId: 'talk', isCaller: true, answered: true, sipStatus: 'Established' });
    await ringIn('b');
    expect(audio.sounding()).toEqual([440]);
    await publish({ sipCallId: 'talk', sipStatus: 'Terminated', endTime: new Date() });
    expect(audio.sounding()).toEqual([660, 880]);
  });
});

/** Past the wait before ringback starts (real time: the module's timers are the browser's). */
const ringbackDelay = () => new Promise((resolve) => setTimeout(resolve, RINGBACK_DELAY_MS + 20));

describe('outgoing calls and short tones', () => {
  test('ringback while the far end rings, silenced by its early media', async () => {
    const call = await publish({ sipCallId: 'out', isCaller: true, ringing: true, sipStatus: 'Establishing' });
    expect(audio.sounding()).toEqual([]);
    await ringbackDelay();
    expect(audio.sounding()).toEqual([425]);
    events.emit('onRemoteMedia', call, {} as MediaStream);
    await nextTick();
    expect(audio.sounding()).toEqual([]);
  });

  test('a call answered before its ringback would start never sounds it', async () => {
    await publish({ sipCallId: 'out', isCaller: true, ringing: true, sipStatus: 'Establishing' });
    await publish({ sipCallId: 'out', isCaller: true, ringing: false, answered: true, sipStatus: 'Established' });
    await ringbackDelay();
    expect(audio.started).toEqual([]);
  });

  test('a busy far end: the busy tone, which stops by itself', async () => {
    const call = await publish({ sipCallId: 'out', isCaller: true, ringing: true, sipStatus: 'Establishing' });
    const ended = await publish({ sipCallId: 'out', ringing: false, sipStatus: 'Terminated', endTime: new Date() });
    events.emit('onCallEnded', ended, { reason: 'busy', sipCode: 486 });
    await nextTick();
    expect(call.isCaller).toBe(true);
    const busy = audio.started.filter((source) => source instanceof FakeOscillator).at(-1)!;
    expect((busy as FakeOscillator).frequency.value).toBe(425);
    // Scheduled to end after its three bursts.
    expect(busy.stopAt).toBeCloseTo(3, 1);
  });

  test('no end-of-call tone over a ringing call', async () => {
    const ended = await publish({ sipCallId: 'talk', isCaller: true, answered: true, sipStatus: 'Terminated', endTime: new Date() });
    await ringIn('b');
    audio.started = [];
    events.emit('onCallEnded', ended, { reason: 'hung-up-remotely' });
    await nextTick();
    expect(audio.started).toEqual([]);
  });

  test('each keypad key sent sounds its DTMF pair', async () => {
    await publish({ sipCallId: 'talk', isCaller: true, answered: true, sipStatus: 'Established' });
    await useCallsStore(pinia).sendDtmf('talk', '5');
    expect(audio.sounding()).toEqual([770, 1336]);
  });
});

describe('autoplay', () => {
  const codes = () => useErrorsStore(pinia).entries.map((entry) => entry.code);

  test('a ring the browser blocks is reported, once, even after the user dismissed the notice', async () => {
    audio.state = 'suspended';
    audio.allowed = false;
    await ringIn('a');
    const errors = useErrorsStore(pinia);
    await vi.waitFor(() => expect(codes()).toEqual(['sound-blocked']), { timeout: 2_000 });
    expect(errors.entries[0]).toMatchObject({ textKey: 'sound.blocked', fixKey: 'sound.blockedFix' });
    errors.dismiss(errors.entries[0]!.id);
    await publish({ sipCallId: 'a', ringing: false });
    await ringIn('b');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(codes()).toEqual([]);
  });

  test('the first click unlocks sound, and the notice goes away by itself', async () => {
    audio.state = 'suspended';
    audio.allowed = false;
    await ringIn('a');
    await vi.waitFor(() => expect(codes()).toEqual(['sound-blocked']), { timeout: 2_000 });
    audio.allowed = true;
    window.dispatchEvent(new Event('pointerdown'));
    await nextTick();
    expect(audio.state).toBe('running');
    expect(codes()).toEqual([]);
    // The ringtone was started into the suspended context: it sounds now that it runs.
    expect(audio.sounding()).toEqual([660, 880]);
  });
});
