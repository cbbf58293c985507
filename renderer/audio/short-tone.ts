// Short sounds (end-of-call tones, the auto-answer beep, the ringtone preview) share one slot:
// a new one replaces the one still playing, and a ringing call silences them (phone-sounds.ts).

import { audioContext } from './audio-output';
import { playTone, type PlayingTone } from './tone-player';
import type { ToneSpec } from './tones';

let current: PlayingTone | null = null;

export function playShortTone(spec: ToneSpec, volume = 1): void {
  const context = audioContext();
  if (!context) return;
  stopShortTone();
  const tone = playTone(context, spec, { volume });
  current = tone;
  void tone.ended.then(() => {
    if (current === tone) current = null;
  });
}

export function stopShortTone(): void {
  current?.stop();
  current = null;
}
