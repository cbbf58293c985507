// The app's own preferences (everything that is not the SIP account): auto-answer, do-not-
// disturb, tray behaviour, global shortcuts, what a clicked sip:/tel: link does and the ringtone. The main
// process stores them beside the account in settings.json; the renderer edits them through
// `preferences:load` / `preferences:save`. Stored values are read leniently, key by key, so one
// unreadable or outdated entry falls back to its default instead of discarding the others.

import { z } from 'zod';
import { defaultDevicePreferences, devicePreferencesSchema, readStoredDevicePreferences, type DevicePreferences } from './device-preferences';

export const AUTO_ANSWER_MODES = ['off', 'always', 'when-requested'] as const;
export type AutoAnswerMode = (typeof AUTO_ANSWER_MODES)[number];

export const MAX_AUTO_ANSWER_DELAY_PREFERENCE = 60;

/** How many calls may exist at once (ringing, talking, held); more get 486 Busy Here. */
export const MIN_CALL_LIMIT = 1;
export const MAX_CALL_LIMIT = 8;

/** Ringtone volume in percent of the ringtone's full level; 0 is silent (the call still shows). */
export const MIN_RINGTONE_VOLUME = 0;
export const MAX_RINGTONE_VOLUME = 100;

export const SHORTCUT_ACTIONS = ['answer', 'hangup', 'toggleMute'] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

/** Why a global shortcut is not working: another app owns it, or Electron refused its text. */
export type ShortcutProblem = 'in-use' | 'invalid';

export interface ShortcutStatus {
  accelerator: string;
  /** The system accepted the shortcut: it is taken while its action applies (a call rings or is up). */
  registered: boolean;
  /**
   * Wayland: the shortcut was handed to the desktop portal, which never says whether it worked
   * (the desktop may ask the user to confirm, or bind nothing): asked for, not known to work.
   */
  requested?: boolean;
  error?: ShortcutProblem;
}

export type ShortcutStatusReport = Record<ShortcutAction, ShortcutStatus>;

/** An Electron accelerator per action; '' means the action has no global shortcut. */
export type ShortcutPreferences = Record<ShortcutAction, string>;

export interface AppPreferences {
  autoAnswer: AutoAnswerMode;
  /** Seconds to ring before auto-answering when the INVITE does not say. */
  autoAnswerDelaySeconds: number;
  /** Incoming calls are refused with 486 Busy Here (see auto-answer-policy). */
  doNotDisturb: boolean;
  /** A REFER from the far end is followed (a new, visible call); off: it gets 603 Decline. */
  acceptTransfers: boolean;
  /** Simultaneous calls allowed; an INVITE beyond them gets 486 Busy Here and never rings. */
  maxCalls: number;
  /** Closing the window hides it; the app keeps running in the tray until Quit. */
  closeToTray: boolean;
  shortcuts: ShortcutPreferences;
  /** A clicked sip:/tel:/callto: link dials at once instead of only filling the dialler. */
  autoDialLinks: boolean;
  /** Loudness of the incoming-call ringtone, 0-100 (see renderer/audio). */
  ringtoneVolume: number;
  /** No ringtone at all ("I answer on my desk phone"): calls still ring on screen. */
  ringtoneMuted: boolean;
  /** The user agreed that the installed app opens sip:, tel: and callto: links (registered with the OS). */
  handleCallLinks: boolean;
  /** Microphone, speaker, camera, ringing outputs and voice processing (device-preferences.ts). */
  devices: DevicePreferences;
}

export const DEFAULT_APP_PREFERENCES: Readonly<AppPreferences> = Object.freeze({
  autoAnswer: 'off',
  autoAnswerDelaySeconds: 0,
  doNotDisturb: false,
  acceptTransfers: true,
  maxCalls: 4,
  closeToTray: true,
  shortcuts: Object.freeze({
    answer: 'CommandOrControl+Shift+A',
    hangup: 'CommandOrControl+Shift+H',
    toggleMute: 'CommandOrControl+Shift+M',
  }),
  autoDialLinks: false,
  ringtoneVolume: 80,
  ringtoneMuted: false,
  handleCallLinks: false,
  devices: Object.freeze(defaultDevicePreferences()) as DevicePreferences,
});

export function defaultAppPreferences(): AppPreferences {
  return { ...DEFAULT_APP_PREFERENCES, shortcuts: { ...DEFAULT_APP_PREFERENCES.shortcuts }, devices: defaultDevicePreferences() };
}

// Electron's accelerator grammar (https://www.electronjs.org/docs/latest/api/accelerator),
// compared without case as Electron does.
const MODIFIERS = new Set([
  'command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta',
]);
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
]);
// Keys that do nothing when typed, so a global shortcut on them alone steals no text input.
const STANDALONE_KEYS = new Set([
  'volumeup', 'volumedown', 'volumemute', 'medianexttrack', 'mediaprevioustrack', 'mediastop', 'mediaplaypause',
]);
const FUNCTION_KEY = /^f([1-9]|1[0-9]|2[0-4])$/;
const CHARACTER_KEY = /^[a-z0-9)!@#$%^&*(:;=<,_\->.?/~`{}[\]|\\'"]$/;
const NUMPAD_KEY = /^num([0-9]|dec|add|sub|mult|div)$/;
const MAX_ACCELERATOR_LENGTH = 100;

/**
 * Whether `text` is an accelerator Electron accepts *and* one that is safe as a global
 * shortcut: distinct modifiers then exactly one key, and any key that types text (letters,
 * digits, punctuation, Space, Enter...) needs a modifier other than Shift, or it would be
 * swallowed from every other application's input.
 */
export function isValidAccelerator(text: string): boolean {
  if (text.length === 0 || text.length > MAX_ACCELERATOR_LENGTH) return false;
  // '+' is the separator; the plus key itself is spelled 'Plus'.
  const parts = text.split('+');
  if (parts.some((part) => part.length === 0 || part.trim() !== part)) return false;
  const key = parts[parts.length - 1]!.toLowerCase();
  const modifiers = parts.slice(0, -1).map((part) => part.toLowerCase());
  if (modifiers.some((modifier) => !MODIFIERS.has(modifier))) return false;
  if (new Set(modifiers).size !== modifiers.length) return false;
  if (FUNCTION_KEY.test(key) || STANDALONE_KEYS.has(key)) return true;
  if (!CHARACTER_KEY.test(key) && !NAMED_KEYS.has(key) && !NUMPAD_KEY.test(key)) return false;
  return modifiers.some((modifier) => modifier !== 'shift');
}

const acceleratorSchema = z
  .string()
  .max(MAX_ACCELERATOR_LENGTH)
  .refine((text) => text === '' || isValidAccelerator(text), {
    message: 'not a usable shortcut: use modifiers and one key, e.g. CommandOrControl+Shift+A',
  });

const shortcutsSchema = z
  .strictObject({ answer: acceleratorSchema, hangup: acceleratorSchema, toggleMute: acceleratorSchema })
  .refine(
    (shortcuts) => {
      const used = SHORTCUT_ACTIONS.map((action) => shortcuts[action].toLowerCase()).filter((text) => text !== '');
      return new Set(used).size === used.length;
    },
    { message: 'two actions cannot share one shortcut' },
  );

const autoAnswerModeSchema = z.enum(AUTO_ANSWER_MODES);
const delaySchema = z.number().int().min(0).max(MAX_AUTO_ANSWER_DELAY_PREFERENCE);
const callLimitSchema = z.number().int().min(MIN_CALL_LIMIT).max(MAX_CALL_LIMIT);
const ringtoneVolumeSchema = z.number().int().min(MIN_RINGTONE_VOLUME).max(MAX_RINGTONE_VOLUME);

export const appPreferencesSchema = z.strictObject({
  autoAnswer: autoAnswerModeSchema,
  autoAnswerDelaySeconds: delaySchema,
  doNotDisturb: z.boolean(),
  acceptTransfers: z.boolean(),
  maxCalls: callLimitSchema,
  closeToTray: z.boolean(),
  shortcuts: shortcutsSchema,
  autoDialLinks: z.boolean(),
  ringtoneVolume: ringtoneVolumeSchema,
  ringtoneMuted: z.boolean(),
  handleCallLinks: z.boolean(),
  devices: devicePreferencesSchema,
});

/**
 * Reads preferences from storage: every key that is present and valid is kept, the others
 * take their default. Never throws, whatever `stored` is.
 */
export function readStoredPreferences(stored: unknown): AppPreferences {
  const preferences = defaultAppPreferences();
  if (typeof stored !== 'object' || stored === null) return preferences;
  const record = stored as Record<string, unknown>;
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : fallback;
  };
  preferences.autoAnswer = pick(autoAnswerModeSchema, record.autoAnswer, preferences.autoAnswer);
  preferences.autoAnswerDelaySeconds = pick(delaySchema, record.autoAnswerDelaySeconds, preferences.autoAnswerDelaySeconds);
  preferences.doNotDisturb = pick(z.boolean(), record.doNotDisturb, preferences.doNotDisturb);
  preferences.acceptTransfers = pick(z.boolean(), record.acceptTransfers, preferences.acceptTransfers);
  preferences.maxCalls = pick(callLimitSchema, record.maxCalls, preferences.maxCalls);
  preferences.closeToTray = pick(z.boolean(), record.closeToTray, preferences.closeToTray);
  preferences.autoDialLinks = pick(z.boolean(), record.autoDialLinks, preferences.autoDialLinks);
  preferences.ringtoneVolume = pick(ringtoneVolumeSchema, record.ringtoneVolume, preferences.ringtoneVolume);
  preferences.ringtoneMuted = pick(z.boolean(), record.ringtoneMuted, preferences.ringtoneMuted);
  preferences.handleCallLinks = pick(z.boolean(), record.handleCallLinks, preferences.handleCallLinks);
  preferences.devices = readStoredDevicePreferences(record.devices);
  const shortcuts = typeof record.shortcuts === 'object' && record.shortcuts !== null ? (record.shortcuts as Record<string, unknown>) : {};
  const merged = { ...preferences.shortcuts };
  for (const action of SHORTCUT_ACTIONS) merged[action] = pick(acceleratorSchema, shortcuts[action], merged[action]);
  // A stored pair of clashing shortcuts cannot both work: keep the defaults rather than guess.
  preferences.shortcuts = shortcutsSchema.safeParse(merged).success ? merged : preferences.shortcuts;
  return preferences;
}
