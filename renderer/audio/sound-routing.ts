// Where each sound plays: the ringtone on the ringing device(s), everything that belongs with a
// call on the speaker (which outputs: devices/sound-outputs.ts, kept here up to date by
// startSoundRouting). A sound on several outputs is one PlayingTone: stopping it stops every
// output in the same task, so the ring ends everywhere at once.

import type { SoundOutputs } from '../devices/sound-outputs';
import { audioContextFor, releaseIdleOutput, releaseOutputsExcept } from './audio-output';
import { playTone, type PlayingTone, type PlayOptions } from './tone-player';
import type { ToneSpec } from './tones';

export type SoundRole = keyof SoundOutputs;

let outputs: SoundOutputs = { ring: [''], call: [''] };
const changeListeners = new Set<() => void>();
/** Tones not yet ended, per context: a context of its own output is closed when it falls idle. */
const playing = new Map<AudioContext, number>();

export function currentSoundOutputs(): SoundOutputs {
  return outputs;
}

/** New outputs for the sounds to come; whoever plays a loop is told, to move it (onSoundOutputsChange). */
export function setSoundOutputs(next: SoundOutputs): void {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((id, i) => id === b[i]);
  if (same(next.ring, outputs.ring) && same(next.call, outputs.call)) return;
  outputs = { ring: [...next.ring], call: [...next.call] };
  releaseOutputsExcept([...outputs.ring, ...outputs.call]);
  for (const listener of [...changeListeners]) listener();
}

export function onSoundOutputsChange(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Plays `spec` on every output of `role`; null where the page has no Web Audio. */
export function playOn(role: SoundRole, spec: ToneSpec, options: PlayOptions = {}): PlayingTone | null {
  const contexts = [...new Set(outputs[role].map(audioContextFor))].filter((context): context is AudioContext => context !== null);
  if (contexts.length === 0) return null;
  const tones = contexts.map((context) => {
    const tone = playTone(context, spec, options);
    playing.set(context, (playing.get(context) ?? 0) + 1);
    void tone.ended.then(() => {
      const left = (playing.get(context) ?? 1) - 1;
      if (left > 0) return void playing.set(context, left);
      playing.delete(context);
      releaseIdleOutput(context);
    });
    return tone;
  });
  if (tones.length === 1) return tones[0]!;
  return {
    ended: Promise.all(tones.map((tone) => tone.ended)).then(() => undefined),
    setVolume: (volume) => tones.forEach((tone) => tone.setVolume(volume)),
    stop: () => tones.forEach((tone) => tone.stop()),
  };
}
