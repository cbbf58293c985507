// "Play" beside the ringtone volume: one cycle of the ringtone at the chosen volume, so the
// user hears what a call will sound like before saving. The click that asks for it is also a
// user gesture, so in a browser tab it unlocks sound for the calls to come.

import { playShortTone } from './short-tone';
import { ringtoneGain, TONES } from './tones';

export function previewRingtone(volumePercent: number): void {
  playShortTone({ ...TONES.ringtone, repeat: 1 }, 'ring', ringtoneGain(volumePercent));
}
