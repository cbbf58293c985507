// Plays one ToneSpec through Web Audio: an oscillator per frequency into a gain whose level
// follows the cadence, itself a looping buffer of 0s and 1s (tones.ts). The audio clock keeps
// the cadence, so a looping tone needs no timer: it rings on in a hidden or throttled window
// and stops only when told to, with a short fade so it never clicks.

import { cadenceEnvelope, cycleMs, RAMP_MS, type ToneSpec } from './tones';

export interface PlayingTone {
  /** Fades the tone out within RAMP_MS and releases its nodes. Safe to call twice. */
  stop(): void;
  /** Changes the loudness while it plays (the volume preference moved). */
  setVolume(volume: number): void;
  /** Settles when the tone is over, stopped or played to its end. */
  readonly ended: Promise<void>;
}

/** Envelope buffers only need to follow the cadence, not the tone: a low rate is plenty. */
const ENVELOPE_SAMPLE_RATE = 8000;
const FADE_SECONDS = RAMP_MS / 1000;

export interface PlayOptions {
  /** Gain on top of the tone's own level, 0-1. */
  volume?: number;
  /** Seconds from now before the tone starts (a sequence of keypad tones). */
  delaySeconds?: number;
}

/**
 * Each tone's cadence buffer, made once per audio context: the ringback starts as the far end's
 * 180 arrives, often just before its 200 OK, and tens of thousands of samples written on the
 * main thread then would make the call's ACK wait. Source nodes may share a buffer.
 */
const envelopes = new WeakMap<BaseAudioContext, WeakMap<ToneSpec, AudioBuffer>>();

function envelopeBuffer(context: BaseAudioContext, spec: ToneSpec): AudioBuffer {
  let ofContext = envelopes.get(context);
  if (!ofContext) envelopes.set(context, (ofContext = new WeakMap()));
  let buffer = ofContext.get(spec);
  if (!buffer) {
    const data = cadenceEnvelope(spec, ENVELOPE_SAMPLE_RATE);
    buffer = context.createBuffer(1, data.length, ENVELOPE_SAMPLE_RATE);
    buffer.getChannelData(0).set(data);
    ofContext.set(spec, buffer);
  }
  return buffer;
}

export function playTone(context: BaseAudioContext, spec: ToneSpec, options: PlayOptions = {}): PlayingTone {
  const levelOf = (volume: number) => (spec.level * Math.min(1, Math.max(0, volume))) / spec.frequencies.length;
  const start = context.currentTime + Math.max(0, options.delaySeconds ?? 0);

  const output = context.createGain();
  output.gain.value = levelOf(options.volume ?? 1);
  output.connect(context.destination);

  // The cadence drives this gain: its own value is 0, the envelope buffer adds 0..1 to it.
  const cadence = context.createGain();
  cadence.gain.value = 0;
  cadence.connect(output);
  const envelope = context.createBufferSource();
  envelope.buffer = envelopeBuffer(context, spec);
  envelope.loop = spec.repeat === true;
  envelope.connect(cadence.gain);

  const oscillators = spec.frequencies.map((frequency) => {
    const oscillator = context.createOscillator();
    oscillator.frequency.value = frequency;
    oscillator.connect(cadence);
    return oscillator;
  });
  const sources: AudioScheduledSourceNode[] = [envelope, ...oscillators];
  for (const source of sources) source.start(start);
  if (spec.repeat !== true) {
    const seconds = (cycleMs(spec) * spec.repeat) / 1000;
    for (const source of sources) source.stop(start + seconds);
  }

  let finished = false;
  let release: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => {
    release = resolve;
  });
  const cleanUp = () => {
    if (finished) return;
    finished = true;
    for (const node of [...sources, cadence, output]) node.disconnect();
    release();
  };
  envelope.onended = cleanUp;

  return {
    ended,
    setVolume(volume) {
      if (finished) return;
      output.gain.setTargetAtTime(levelOf(volume), context.currentTime, FADE_SECONDS);
    },
    stop() {
      if (finished) return;
      const now = context.currentTime;
      output.gain.cancelScheduledValues(now);
      output.gain.setValueAtTime(output.gain.value, now);
      output.gain.linearRampToValueAtTime(0, now + FADE_SECONDS);
      const end = Math.max(now, start) + FADE_SECONDS + 0.005;
      for (const source of sources) {
        try {
          source.stop(end);
        } catch {
          // Already stopped by its own schedule.
        }
      }
      // A suspended context never fires `ended`: release the nodes anyway.
      if (context.state !== 'running') cleanUp();
    },
  };
}
