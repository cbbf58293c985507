import { describe, expect, it } from 'vitest';
import { playTone } from './tone-player';
import { TONES } from './tones';

/** Just enough of an AudioContext for playTone: nodes that accept its calls, buffers counted. */
class CountingContext {
  currentTime = 0;
  state = 'running';
  readonly destination = {};
  buffers = 0;
  private node() {
    const param = { value: 0, setTargetAtTime() {}, cancelScheduledValues() {}, setValueAtTime() {}, linearRampToValueAtTime() {} };
    return { gain: param, frequency: param, buffer: null as unknown, loop: false, onended: null, connect() {}, disconnect() {}, start() {}, stop() {} };
  }
  createGain = () => this.node();
  createOscillator = () => this.node();
  createBufferSource = () => this.node();
  createBuffer = (_channels: number, length: number) => {
    this.buffers += 1;
    const data = new Float32Array(length);
    return { length, getChannelData: () => data };
  };
}

describe('playTone', () => {
  it('makes each tone\'s cadence buffer once per audio context, and plays every start from it', () => {
    const context = new CountingContext();
    const audio = context as unknown as BaseAudioContext;
    for (let i = 0; i < 3; i += 1) playTone(audio, TONES.ringback).stop();
    expect(context.buffers).toBe(1);
    playTone(audio, TONES.busy).stop();
    expect(context.buffers).toBe(2);
    const other = new CountingContext();
    playTone(other as unknown as BaseAudioContext, TONES.ringback).stop();
    expect(other.buffers).toBe(1);
  });
});
