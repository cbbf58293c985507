import { describe, expect, it } from 'vitest';
import {
  appPreferencesSchema,
  DEFAULT_APP_PREFERENCES,
  defaultAppPreferences,
  isValidAccelerator,
  readStoredPreferences,
} from './app-preferences';

describe('accelerators', () => {
  it.each([
    'CommandOrControl+Shift+A',
    'CmdOrCtrl+Alt+F5',
    'Ctrl+Plus',
    'Super+Space',
    'Alt+num5',
    'F9',
    'Shift+F12',
    'MediaPlayPause',
    'control+shift+m',
  ])('accepts %s', (text) => expect(isValidAccelerator(text)).toBe(true));

  it.each([
    ['', 'empty'],
    ['A', 'a typing key without modifier'],
    ['Shift+A', 'a typing key with Shift only'],
    ['Space', 'Space alone'],
    ['Ctrl+', 'no key'],
    ['Ctrl++', 'a bare plus'],
    ['Ctrl+Ctrl+A', 'a repeated modifier'],
    ['Ctrl+A+B', 'two keys'],
    ['Hyper+A', 'an unknown modifier'],
    ['Ctrl+F25', 'an unknown function key'],
    ['Ctrl+ A', 'spaces around a part'],
    ['Ctrl+Shift+Ä', 'a key Electron has no code for'],
  ])('refuses %j (%s)', (text) => expect(isValidAccelerator(text)).toBe(false));
});

describe('app preferences', () => {
  it('has defaults that pass their own schema', () => {
    expect(appPreferencesSchema.parse(defaultAppPreferences())).toEqual(DEFAULT_APP_PREFERENCES);
    expect(DEFAULT_APP_PREFERENCES).toMatchObject({ autoAnswer: 'off', autoAnswerDelaySeconds: 0, closeToTray: true, autoDialLinks: false });
  });

  it('hands out independent copies of the defaults', () => {
    const copy = defaultAppPreferences();
    copy.shortcuts.answer = 'F9';
    expect(DEFAULT_APP_PREFERENCES.shortcuts.answer).toBe('CommandOrControl+Shift+A');
  });

  it('rejects out-of-range delays, unknown modes, clashing shortcuts and unknown keys', () => {
    const valid = defaultAppPreferences();
    expect(appPreferencesSchema.safeParse({ ...valid, autoAnswerDelaySeconds: 61 }).success).toBe(false);
    expect(appPreferencesSchema.safeParse({ ...valid, autoAnswerDelaySeconds: 1.5 }).success).toBe(false);
    expect(appPreferencesSchema.safeParse({ ...valid, autoAnswer: 'sometimes' }).success).toBe(false);
    expect(appPreferencesSchema.safeParse({ ...valid, shortcuts: { ...valid.shortcuts, hangup: 'commandorcontrol+shift+a' } }).success).toBe(false);
    expect(appPreferencesSchema.safeParse({ ...valid, shortcuts: { ...valid.shortcuts, hangup: 'Shift+H' } }).success).toBe(false);
    expect(appPreferencesSchema.safeParse({ ...valid, extra: true }).success).toBe(false);
  });

  it('limits simultaneous calls to 1..8, 4 by default, and reads a bad stored limit as the default', () => {
    const valid = defaultAppPreferences();
    expect(valid.maxCalls).toBe(4);
    for (const maxCalls of [0, 9, 2.5, '3']) expect(appPreferencesSchema.safeParse({ ...valid, maxCalls }).success).toBe(false);
    for (const maxCalls of [1, 8]) expect(appPreferencesSchema.safeParse({ ...valid, maxCalls }).success).toBe(true);
    expect(readStoredPreferences({ maxCalls: 2 }).maxCalls).toBe(2);
    expect(readStoredPreferences({ maxCalls: 50 }).maxCalls).toBe(4);
  });

  it('accepts transfers requested by the other side by default, and reads a bad stored value as the default', () => {
    expect(defaultAppPreferences().acceptTransfers).toBe(true);
    expect(appPreferencesSchema.safeParse({ ...defaultAppPreferences(), acceptTransfers: 'no' }).success).toBe(false);
    expect(readStoredPreferences({ acceptTransfers: false }).acceptTransfers).toBe(false);
    expect(readStoredPreferences({ acceptTransfers: 0 }).acceptTransfers).toBe(true);
  });

  it('rings at 80 % and not muted by default; the volume is a whole percentage 0..100', () => {
    const valid = defaultAppPreferences();
    expect(valid).toMatchObject({ ringtoneVolume: 80, ringtoneMuted: false });
    for (const ringtoneVolume of [0, 55, 100]) expect(appPreferencesSchema.safeParse({ ...valid, ringtoneVolume }).success).toBe(true);
    for (const ringtoneVolume of [-1, 101, 12.5, '50', null]) expect(appPreferencesSchema.safeParse({ ...valid, ringtoneVolume }).success).toBe(false);
    expect(appPreferencesSchema.safeParse({ ...valid, ringtoneMuted: 'yes' }).success).toBe(false);
  });

  it('reads a stored ringtone volume and mute, and a bad stored value as the default', () => {
    expect(readStoredPreferences({ ringtoneVolume: 0, ringtoneMuted: true })).toMatchObject({ ringtoneVolume: 0, ringtoneMuted: true });
    expect(readStoredPreferences({ ringtoneVolume: 250, ringtoneMuted: 1 })).toMatchObject({ ringtoneVolume: 80, ringtoneMuted: false });
    // Preferences saved before the ringtone existed keep their values and gain the defaults.
    expect(readStoredPreferences({ doNotDisturb: true })).toEqual({ ...DEFAULT_APP_PREFERENCES, doNotDisturb: true });
  });

  it('accepts an empty shortcut as "no global shortcut for this action"', () => {
    const valid = defaultAppPreferences();
    const parsed = appPreferencesSchema.parse({ ...valid, shortcuts: { answer: '', hangup: '', toggleMute: 'F9' } });
    expect(parsed.shortcuts).toEqual({ answer: '', hangup: '', toggleMute: 'F9' });
  });

  it('reads stored preferences key by key, defaulting only what is missing or invalid', () => {
    expect(readStoredPreferences(undefined)).toEqual(DEFAULT_APP_PREFERENCES);
    expect(readStoredPreferences('garbage')).toEqual(DEFAULT_APP_PREFERENCES);
    const read = readStoredPreferences({
      autoAnswer: 'when-requested',
      autoAnswerDelaySeconds: 999,
      doNotDisturb: true,
      closeToTray: 'yes',
      shortcuts: { answer: 'F8', hangup: 'not a key', toggleMute: 'Ctrl+Alt+M' },
      removedLongAgo: 1,
    });
    expect(read).toEqual({
      ...DEFAULT_APP_PREFERENCES,
      autoAnswer: 'when-requested',
      doNotDisturb: true,
      shortcuts: { answer: 'F8', hangup: 'CommandOrControl+Shift+H', toggleMute: 'Ctrl+Alt+M' },
    });
  });

  it('falls back to the default shortcuts when the stored ones clash', () => {
    const read = readStoredPreferences({ shortcuts: { answer: 'F8', hangup: 'f8', toggleMute: 'F7' } });
    expect(read.shortcuts).toEqual(DEFAULT_APP_PREFERENCES.shortcuts);
  });
});
