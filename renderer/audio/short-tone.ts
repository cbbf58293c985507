// Short sounds (end-of-call tones, the auto-answer beep, the ringtone preview) share one slot:
// a new one replaces the one still playing, and a ringing call silences them (phone-sounds.ts).
// Each goes where its role says (sound-routing.ts): the ringtone preview rings where calls will
// ring, the end-of-call tones and the auto-answer beep play on the speaker.

import { playOn, type SoundRole } from './sound-routing';
import type { PlayingTone } from './tone-player';
import type { ToneSpec } from './tones';

let current: PlayingTone | null = null;

export function playShortTone(spec: ToneSpec, role: SoundRole, volume = 1): void {
  stopShortTone();
  const tone = playOn(role, spec, { volume });
  if (!tone) return;
  current = tone;
  void tone.ended.then(() => {
    if (current === tone) current = null;
  });
}

export function stopShortTone(): void {
  current?.stop();
  current = null;
}
