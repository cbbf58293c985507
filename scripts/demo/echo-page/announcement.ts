// What a caller hears before the echo starts: a three-note rising chime, a short pause, then the
// long tone after which "you hear yourself". Generated with Web Audio, so nothing is recorded,
// shipped or decoded; the notes are data so their timing can be checked without a browser.

export interface Tone {
  /** Hz */
  frequency: number;
  /** Seconds from the start of the announcement. */
  start: number;
  /** Seconds. */
  duration: number;
  /** Peak gain, 0-1. */
  gain: number;
}

export const ANNOUNCEMENT: readonly Tone[] = [
  { frequency: 659.26, start: 0, duration: 0.16, gain: 0.5 },
  { frequency: 830.61, start: 0.2, duration: 0.16, gain: 0.5 },
  { frequency: 987.77, start: 0.4, duration: 0.24, gain: 0.5 },
  // "Speak after the tone."
  { frequency: 880, start: 0.95, duration: 0.4, gain: 0.6 },
];

/** A short fade at both ends of every note, so it does not click. */
const FADE_SECONDS = 0.015;
/** Silence after the last note, so the echo does not start on top of it. */
const TAIL_SECONDS = 0.15;

/** Seconds from the first note to the moment the echo starts. */
export function announcementSeconds(tones: readonly Tone[] = ANNOUNCEMENT): number {
  return tones.reduce((end, tone) => Math.max(end, tone.start + tone.duration), 0) + TAIL_SECONDS;
}

/**
 * Plays the notes into `destination` from `at` (AudioContext time) on; returns the nodes to
 * disconnect when the call ends early.
 */
export function scheduleAnnouncement(context: BaseAudioContext, destination: AudioNode, at: number, tones: readonly Tone[] = ANNOUNCEMENT): AudioNode[] {
  const nodes: AudioNode[] = [];
  for (const tone of tones) {
    const start = at + tone.start;
    const end = start + tone.duration;
    const oscillator = context.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.value = tone.frequency;
    const envelope = context.createGain();
    envelope.gain.setValueAtTime(0, start);
    envelope.gain.linearRampToValueAtTime(tone.gain, start + FADE_SECONDS);
    envelope.gain.setValueAtTime(tone.gain, end - FADE_SECONDS);
    envelope.gain.linearRampToValueAtTime(0, end);
    oscillator.connect(envelope).connect(destination);
    oscillator.start(start);
    oscillator.stop(end);
    nodes.push(oscillator, envelope);
  }
  return nodes;
}
