// The ringtone on several outputs at once: one context per output (AudioContext sinkId), one
// PlayingTone whose stop silences them all in the same call; call sounds on the speaker only.

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { playOn, setSoundOutputs } from './sound-routing';
import { TONES } from './tones';

class Node {
  stopAt: number | undefined;
  onended: (() => void) | null = null;
  readonly gain = { value: 0, setValueAtTime() {}, linearRampToValueAtTime() {}, setTargetAtTime() {}, cancelScheduledValues() {} };
  readonly frequency = { value: 0 };
  constructor(readonly context: OutputContext) {
    context.nodes.push(this);
  }
  connect() {}
  disconnect() {}
  start() {
    this.context.playing.add(this);
  }
  stop(when: number) {
    this.stopAt = when;
    this.context.playing.delete(this);
  }
}

const made: OutputContext[] = [];
class OutputContext {
  readonly sinkId: string;
  state = 'running';
  currentTime = 0;
  destination = {};
  closed = false;
  readonly playing = new Set<Node>();
  readonly nodes: Node[] = [];
  constructor(options?: { sinkId?: string }) {
    this.sinkId = options?.sinkId ?? '';
    made.push(this);
  }
  setSinkId() {
    return Promise.resolve();
  }
  addEventListener() {}
  close() {
    this.closed = true;
    return Promise.resolve();
  }
  createGain = () => new Node(this);
  createOscillator = () => new Node(this);
  createBufferSource = () => new Node(this);
  createBuffer = (_channels: number, length: number) => ({ getChannelData: () => new Float32Array(length) });
}

beforeAll(() => vi.stubGlobal('AudioContext', OutputContext));
afterAll(() => vi.unstubAllGlobals());

/** The audio clock reached the scheduled stops: every stopped source of `context` says it ended. */
const fireEnded = (context: OutputContext) => context.nodes.filter((node) => node.stopAt !== undefined).forEach((node) => node.onended?.());
const sounding = () => made.filter((context) => !context.closed && context.playing.size > 0).map((context) => context.sinkId);

describe('playOn', () => {
  it('rings on every ring output and stops them all at once; call sounds go to the speaker only', () => {
    setSoundOutputs({ ring: ['', 'headset'], call: ['headset'] });
    const ring = playOn('ring', TONES.ringtone);
    expect(sounding().sort()).toEqual(['', 'headset']);
    ring!.stop();
    expect(sounding()).toEqual([]);

    const ringback = playOn('call', TONES.ringback);
    expect(sounding()).toEqual(['headset']);
    ringback!.stop();
  });

  it('reuses one context per output, and closes the ones no longer chosen', () => {
    const before = made.length;
    setSoundOutputs({ ring: ['speakers'], call: ['headset'] });
    playOn('ring', TONES.ringtone)!.stop();
    playOn('ring', TONES.ringtone)!.stop();
    expect(made.length).toBe(before + 1);
    setSoundOutputs({ ring: [''], call: [''] });
    expect(made.filter((context) => context.sinkId !== '').every((context) => context.closed)).toBe(true);
    playOn('ring', TONES.ringtone);
    expect(sounding()).toEqual(['']);
  });
});

describe('idle outputs', () => {
  it('closes the context of a chosen output once its last tone ended, never the default one', async () => {
    setSoundOutputs({ ring: ['', 'speakers-2'], call: ['speakers-2'] });
    const ring = playOn('ring', TONES.ringtone)!;
    const ringback = playOn('call', TONES.ringback)!;
    const own = made.find((context) => context.sinkId === 'speakers-2' && !context.closed)!;
    ring.stop();
    fireEnded(own);
    await Promise.resolve();
    expect(own.closed).toBe(false);
    ringback.stop();
    fireEnded(own);
    fireEnded(made.find((context) => context.sinkId === '' && !context.closed)!);
    await ring.ended;
    await ringback.ended;
    expect(own.closed).toBe(true);
    expect(made.filter((context) => context.sinkId === '').every((context) => !context.closed)).toBe(true);
  });
});
