import { describe, expect, it } from 'vitest';
import { appPreferencesSchema, defaultAppPreferences, readStoredPreferences } from './app-preferences';
import { defaultDevicePreferences, readStoredDevicePreferences } from './device-preferences';

describe('device preferences', () => {
  it('loads a preferences file written before devices existed, with the default devices', () => {
    const old = { autoAnswer: 'always', ringtoneVolume: 30 };
    const read = readStoredPreferences(old);
    expect(read.autoAnswer).toBe('always');
    expect(read.ringtoneVolume).toBe(30);
    expect(read.devices).toEqual(defaultDevicePreferences());
    expect(appPreferencesSchema.safeParse(read).success).toBe(true);
  });

  it('keeps the valid entries and defaults the unreadable ones', () => {
    const read = readStoredDevicePreferences({
      microphone: { deviceId: 'abc', label: 'Headset' },
      speaker: { deviceId: 42 },
      echoCancellation: false,
      noiseSuppression: 'no',
    });
    expect(read.microphone).toEqual({ deviceId: 'abc', label: 'Headset' });
    expect(read.speaker).toBeNull();
    expect(read.echoCancellation).toBe(false);
    expect(read.noiseSuppression).toBe(true);
  });

  it('round-trips through the save schema', () => {
    const preferences = defaultAppPreferences();
    preferences.devices.camera = { deviceId: 'cam', label: 'USB camera' };
    preferences.devices.autoGainControl = false;
    const parsed = appPreferencesSchema.parse(preferences);
    expect(readStoredPreferences(JSON.parse(JSON.stringify(parsed)))).toEqual(preferences);
  });

  it('refuses a device with no id at the boundary', () => {
    const preferences = defaultAppPreferences();
    expect(appPreferencesSchema.safeParse({ ...preferences, devices: { ...preferences.devices, microphone: { deviceId: '', label: 'x' } } }).success).toBe(false);
  });
});

describe('ringing device preferences', () => {
  it('loads a devices entry written before the ringing device existed: same as speaker, ring once', () => {
    const read = readStoredDevicePreferences({ microphone: null, speaker: { deviceId: 'hs', label: 'Headset' }, camera: null, echoCancellation: false });
    expect(read.ringer).toBeNull();
    expect(read.ringOnSpeakerToo).toBe(false);
    expect(read.speaker).toEqual({ deviceId: 'hs', label: 'Headset' });
    expect(read.echoCancellation).toBe(false);
  });

  it('round-trips a ringing device, the system default as ringer, and ringing on the speaker too', () => {
    for (const ringer of [{ deviceId: 'spk', label: 'Speakers' }, { deviceId: 'default', label: '' }]) {
      const preferences = defaultAppPreferences();
      preferences.devices.ringer = ringer;
      preferences.devices.ringOnSpeakerToo = true;
      const parsed = appPreferencesSchema.parse(preferences);
      expect(readStoredPreferences(JSON.parse(JSON.stringify(parsed)))).toEqual(preferences);
    }
  });

  it('defaults an unreadable ringer entry', () => {
    const read = readStoredDevicePreferences({ ringer: { deviceId: 7 }, ringOnSpeakerToo: 'yes' });
    expect(read.ringer).toBeNull();
    expect(read.ringOnSpeakerToo).toBe(false);
  });
});
