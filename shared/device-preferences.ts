// The audio and video devices the user chose (renderer/devices resolves them to today's
// devices), stored with the app preferences. Added after the first release: a preferences file
// without them, or with one unreadable entry, loads with the defaults for what is missing.

import { z } from 'zod';

/** A remembered device: its id, and its label for when the browser gives it a new id. */
export interface DeviceChoice {
  deviceId: string;
  label: string;
}

export interface DevicePreferences {
  /** null: the system default, for each of them. */
  microphone: DeviceChoice | null;
  speaker: DeviceChoice | null;
  camera: DeviceChoice | null;
  /**
   * Where the ringtone plays. null: wherever the speaker is. The system default is remembered
   * as the pseudo-device 'default', so "ring on the PC speakers, talk on the headset" works
   * when the headset is the chosen speaker and the speakers are the default.
   */
  ringer: DeviceChoice | null;
  /** Ring on the speaker as well when the ringer is another output (headset + speakers). */
  ringOnSpeakerToo: boolean;
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

const MAX_DEVICE_TEXT = 512;

export function defaultDevicePreferences(): DevicePreferences {
  return { microphone: null, speaker: null, camera: null, ringer: null, ringOnSpeakerToo: false, echoCancellation: true, noiseSuppression: true, autoGainControl: true };
}

const choiceSchema = z.strictObject({ deviceId: z.string().min(1).max(MAX_DEVICE_TEXT), label: z.string().max(MAX_DEVICE_TEXT) });
const nullableChoice = choiceSchema.nullable();

export const devicePreferencesSchema = z.strictObject({
  microphone: nullableChoice,
  speaker: nullableChoice,
  camera: nullableChoice,
  ringer: nullableChoice,
  ringOnSpeakerToo: z.boolean(),
  echoCancellation: z.boolean(),
  noiseSuppression: z.boolean(),
  autoGainControl: z.boolean(),
});

/** Key by key: what is present and valid is kept, the rest takes its default. Never throws. */
export function readStoredDevicePreferences(stored: unknown): DevicePreferences {
  const preferences = defaultDevicePreferences();
  if (typeof stored !== 'object' || stored === null) return preferences;
  const record = stored as Record<string, unknown>;
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  preferences.microphone = pick(nullableChoice, record.microphone, null);
  preferences.speaker = pick(nullableChoice, record.speaker, null);
  preferences.camera = pick(nullableChoice, record.camera, null);
  preferences.ringer = pick(nullableChoice, record.ringer, null);
  preferences.ringOnSpeakerToo = pick(z.boolean(), record.ringOnSpeakerToo, false);
  preferences.echoCancellation = pick(z.boolean(), record.echoCancellation, true);
  preferences.noiseSuppression = pick(z.boolean(), record.noiseSuppression, true);
  preferences.autoGainControl = pick(z.boolean(), record.autoGainControl, true);
  return preferences;
}
