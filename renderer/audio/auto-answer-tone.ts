// A short double beep when the phone answers by itself: the user must know the microphone is
// now open even though they did not click anything. Generated (tones.ts), through the app's
// one AudioContext, so there is no asset and no CSP change.

import { playShortTone } from './short-tone';
import { TONES } from './tones';

export function playAutoAnswerTone(): void {
  // Without audio output (or autoplay refused) the call is answered all the same.
  playShortTone(TONES['auto-answer'], 'call');
}
