// What each phone sound is, as data: the frequencies played together and the on/off cadence.
// Generated at run time (tone-player.ts), so there is no audio asset to ship and no CSP
// change. The call-progress tones follow the European (CEPT/ETSI) plan most PBXs here use.

export type LoopingSound = 'ringtone' | 'call-waiting' | 'ringback';
export type ShortSound = 'busy' | 'failed' | 'hang-up' | 'auto-answer';
export type SoundName = LoopingSound | ShortSound;

export interface ToneSpec {
  /** Frequencies sounding together during every "on" period, in Hz. */
  frequencies: readonly number[];
  /** One cycle: on, off, on, off… durations in milliseconds, starting with "on". */
  cadence: readonly number[];
  /** `true`: the cycle loops until stopped; a number: it plays that many times. */
  repeat: true | number;
  /** Peak level of the sound at full volume (0-1): loud enough, never clipping. */
  level: number;
}

/**
 * Ringback starts this long after the far end began ringing: a call answered within it (an
 * auto-answering phone or intercom, a PBX that sends its 180 just ahead of the 200) would
 * otherwise open with a blip of ringback, and its set-up would pay for starting a tone nobody
 * hears (on the bench's calls, answered at once, that was the caller's main and audio threads
 * busy in the middle of the callee's answer). Ringback 200 ms after the 180 still says "ringing".
 */
export const RINGBACK_DELAY_MS = 200;

export const TONES: Readonly<Record<SoundName, ToneSpec>> = {
  // A two-tone electronic ring in the double-ring cadence: unmistakably "a phone".
  ringtone: { frequencies: [660, 880], cadence: [400, 200, 400, 2000], repeat: true, level: 0.5 },
  // Two soft beeps every 4 s: tells of a second call without drowning the conversation.
  'call-waiting': { frequencies: [440], cadence: [200, 200, 200, 3400], repeat: true, level: 0.25 },
  // 425 Hz, 1 s on, 4 s off: the far end is ringing.
  ringback: { frequencies: [425], cadence: [1000, 4000], repeat: true, level: 0.3 },
  // 425 Hz, 0.5 s on, 0.5 s off, three times: the far end is busy or declined.
  busy: { frequencies: [425], cadence: [500, 500], repeat: 3, level: 0.3 },
  // Congestion: 425 Hz, 0.25 s on and off, four times: the call could not go through.
  failed: { frequencies: [425], cadence: [250, 250], repeat: 4, level: 0.3 },
  // Two short low beeps: the other side hung up.
  'hang-up': { frequencies: [480], cadence: [150, 100, 150, 100], repeat: 1, level: 0.3 },
  // The auto-answer announcement: two short high beeps (the microphone is now open).
  'auto-answer': { frequencies: [880], cadence: [120, 60, 120, 20], repeat: 1, level: 0.15 },
};

/** DTMF keys and their standard row/column frequency pairs (ITU-T Q.23). */
const DTMF_ROWS = [697, 770, 852, 941] as const;
const DTMF_COLUMNS = [1209, 1336, 1477, 1633] as const;
const DTMF_LAYOUT = ['123A', '456B', '789C', '*0#D'] as const;

/** How a key sounds in the earpiece while its tone goes out (RFC 4733): short and quiet. */
const DTMF_FEEDBACK_MS = 120;
const DTMF_FEEDBACK_LEVEL = 0.15;

export function dtmfFrequencies(key: string): readonly [number, number] | null {
  const symbol = key.toUpperCase();
  for (let row = 0; row < DTMF_LAYOUT.length; row++) {
    const column = DTMF_LAYOUT[row]!.indexOf(symbol);
    if (symbol.length === 1 && column >= 0) return [DTMF_ROWS[row]!, DTMF_COLUMNS[column]!];
  }
  return null;
}

/** The local feedback for one keypad key, or null for a character that is not a DTMF key. */
export function dtmfTone(key: string): ToneSpec | null {
  const frequencies = dtmfFrequencies(key);
  return frequencies ? { frequencies, cadence: [DTMF_FEEDBACK_MS, 0], repeat: 1, level: DTMF_FEEDBACK_LEVEL } : null;
}

/** Length of one cycle of the cadence, in milliseconds. */
export function cycleMs(spec: ToneSpec): number {
  return spec.cadence.reduce((total, part) => total + part, 0);
}

/** Fade in and out of every burst: a tone switched on or off abruptly clicks. */
export const RAMP_MS = 5;

/**
 * The cadence as a gain envelope sampled at `sampleRate`: 1 while a burst sounds, 0 between,
 * with short linear ramps at each edge. A finite tone gets all its repeats; a looping one one
 * cycle, which the player loops sample-exactly (no timer drift, no timer to throttle).
 */
export function cadenceEnvelope(spec: ToneSpec, sampleRate: number): Float32Array {
  const cycles = spec.repeat === true ? 1 : Math.max(1, Math.floor(spec.repeat));
  const samplesOf = (ms: number) => Math.round((ms * sampleRate) / 1000);
  const cycleLength = samplesOf(cycleMs(spec));
  const envelope = new Float32Array(Math.max(1, cycleLength * cycles));
  const ramp = Math.max(1, samplesOf(RAMP_MS));
  for (let cycle = 0; cycle < cycles; cycle++) {
    let position = cycle * cycleLength;
    spec.cadence.forEach((durationMs, index) => {
      const length = samplesOf(durationMs);
      if (index % 2 === 0) {
        const edge = Math.min(ramp, Math.floor(length / 2));
        for (let i = 0; i < length; i++) {
          const fromEdge = Math.min(i + 1, length - i);
          envelope[position + i] = edge > 0 && fromEdge < edge ? fromEdge / edge : 1;
        }
      }
      position += length;
    });
  }
  return envelope;
}

/**
 * The ringtone volume preference (0-100 %) as a gain: loudness is perceived roughly
 * logarithmically, so a square law makes the slider's middle sound like the middle.
 */
export function ringtoneGain(volumePercent: number): number {
  if (!Number.isFinite(volumePercent) || volumePercent <= 0) return 0;
  const fraction = Math.min(100, volumePercent) / 100;
  return fraction * fraction;
}
