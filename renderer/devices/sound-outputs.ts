// Which outputs each of the phone's sounds goes to. The ringtone is for someone who may not be
// wearing the headset yet, so it rings on the ringing device (and on the speaker too, when the
// user asks for both); everything that belongs with a call (call-waiting beep, ringback,
// end-of-call tones, keypad feedback) plays where the call is heard: the speaker. Pure, so the
// rules are unit-tested; renderer/audio plays on what this returns.

import type { DeviceChoice } from '../../shared/device-preferences';
import { resolveDevice, type KnownDevice, type ResolvedDevice } from './device-choice';

/** Output ids as setSinkId takes them: '' is the system default. */
export type SinkId = string;

export interface SoundOutputs {
  /** The ringtone (and its preview in Settings). Never empty, never twice the same output. */
  ring: SinkId[];
  /** Everything that belongs with the call. */
  call: SinkId[];
}

/** The remembered choice meaning "the system default" for the ringer (null is "same as speaker"). */
export const SYSTEM_DEFAULT_RINGER: DeviceChoice = { deviceId: 'default', label: '' };

/** The ringing device in use: the speaker's when none is chosen, else resolved like any other. */
export function resolveRinger(choice: DeviceChoice | null, devices: readonly KnownDevice[], speaker: ResolvedDevice): ResolvedDevice {
  return choice === null ? speaker : resolveDevice(choice, devices, 'audiooutput');
}

export interface SoundOutputsInput {
  ringer: ResolvedDevice;
  speaker: ResolvedDevice;
  ringOnSpeakerToo: boolean;
  /** Whether sounds can be sent to a chosen output at all (AudioContext.setSinkId). */
  canChooseOutput: boolean;
}

export function soundOutputs({ ringer, speaker, ringOnSpeakerToo, canChooseOutput }: SoundOutputsInput): SoundOutputs {
  // Without setSinkId every sound is on the default output, once.
  if (!canChooseOutput) return { ring: [''], call: [''] };
  const sinkOf = (device: ResolvedDevice): SinkId => device.deviceId ?? '';
  const ring = [sinkOf(ringer)];
  if (ringOnSpeakerToo && !ring.includes(sinkOf(speaker))) ring.push(sinkOf(speaker));
  return { ring, call: [sinkOf(speaker)] };
}
