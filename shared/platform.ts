// The seam between the renderer and what hosts it. The renderer (SIP engine + UI) only ever
// talks to a `PlatformAdapter`: in Electron it is built from the preload bridge (typed IPC
// to the main process), in an ordinary browser tab it is implemented with web APIs. OS
// features (tray, notifications, global shortcuts, auto-answer policy) sit behind this seam,
// so adding them never touches the SIP engine.

import type { AccountSettings } from './account-settings';
import type { AppPreferences, ShortcutStatusReport } from './app-preferences';
import type { AutoAnswerRequest } from './auto-answer-signals';
import type { CallSessionJSON } from './call-session';
import type { CallOutcome, RegistrationSnapshot } from './phone-status';

export type PlatformKind = 'desktop' | 'web';

/** Actions that come from outside the page: tray menu, notification, popup, shortcut, link. */
export type PhoneCommand =
  /** `auto`: the host's auto-answer policy answered; the renderer marks the call and plays the tone. */
  | { kind: 'answer'; callId: string; video?: boolean; auto?: boolean }
  | { kind: 'decline'; callId: string }
  /** Refuse a ringing call with 486 Busy Here (do-not-disturb), not 603 Decline. */
  | { kind: 'reject-busy'; callId: string }
  | { kind: 'hangup'; callId: string }
  | { kind: 'toggle-mute'; callId: string }
  | { kind: 'dial'; target: string; autoDial: boolean }
  /** Bring the call history forward (the tray's or a notification's missed-call entry). */
  | { kind: 'show-history' };

export type SettingsNoticeCode =
  | 'settings-corrupt' // the file could not be read; it was kept aside and defaults loaded
  | 'secrets-unprotected' // the OS keyring is unavailable: a password is saved only with the user's consent
  | 'password-unreadable'; // the stored password could not be decrypted

export interface SettingsNotice {
  code: SettingsNoticeCode;
  message: string;
}

export interface StoredAccount {
  /** Saved account without its password, or null on first run. */
  settings: AccountSettings | null;
  /** The saved password, decrypted, or null when none is kept. */
  password: string | null;
  notices: SettingsNotice[];
}

export interface SaveAccountResult {
  ok: boolean;
  /** Whether the password was kept (it is not when the user declined unprotected storage). */
  passwordSaved: boolean;
  error?: string;
}

export interface SaveAccountOptions {
  /**
   * The user agreed to keep the password although the OS cannot protect it (Linux without a
   * keyring). Default false: the password is then not saved at all on such a system.
   */
  allowUnprotectedPassword?: boolean;
}

/** What a call snapshot cannot carry but the host's policies need, sent beside it. */
export interface PublishCallDetails {
  /**
   * What the INVITE of an incoming call asked (auto-answer and its delay); the snapshot only
   * says whether it asked. Sent with every snapshot of an incoming call, the first included.
   */
  autoAnswerRequest?: AutoAnswerRequest;
}

/** The host's permission to notify calls; 'unsupported' where it has no notifications. */
export type NotificationPermissionState = 'default' | 'granted' | 'denied' | 'unsupported';

/**
 * Web only: a browser asks the user before a page may notify. The page asks at a moment that
 * makes sense (after the first sign-in, from a click); the desktop app needs no such thing.
 */
export interface NotificationPermissionControl {
  state(): NotificationPermissionState;
  /** Call it from a click: several browsers ignore a request made without one. */
  request(): Promise<NotificationPermissionState>;
}

export interface PlatformAdapter {
  readonly kind: PlatformKind;
  loadAccount(): Promise<StoredAccount>;
  /** `password: null` forgets any saved password. */
  saveAccount(settings: AccountSettings, password: string | null, options?: SaveAccountOptions): Promise<SaveAccountResult>;
  /** Every new CallSession snapshot, so the host can drive tray, notifications, popups. */
  publishCall(snapshot: CallSessionJSON, details?: PublishCallDetails): void;
  publishRegistration(snapshot: RegistrationSnapshot): void;
  /**
   * How a call ended, once that is known (after its last snapshot). The web tab notifies a
   * missed call from it; the desktop main process follows the snapshots and its own commands.
   */
  callEnded?(snapshot: CallSessionJSON, outcome: CallOutcome): void;
  /**
   * Desktop: the missed calls the call history has not shown yet, each time the number changes,
   * so the tray counts the same calls the History tab does (and forgets them once seen there).
   */
  publishMissedCalls?(count: number): void;
  /** Web: the browser's notification permission (see NotificationPermissionControl). */
  readonly notificationPermission?: NotificationPermissionControl;
  /** Subscribe to commands from the host; returns the unsubscribe function. */
  onCommand(listener: (command: PhoneCommand) => void): () => void;
  loadPreferences(): Promise<AppPreferences>;
  savePreferences(preferences: AppPreferences): Promise<AppPreferences>;
  /** Preferences changed outside the page (the tray's do-not-disturb); returns the unsubscribe function. */
  onPreferencesChanged(listener: (preferences: AppPreferences) => void): () => void;
  /**
   * Desktop: the main process lets WebSockets reach only the server of the account it has
   * stored, so an account must be saved before it can connect (the web tab saves it once the
   * server has accepted it).
   */
  readonly reachesOnlySavedServer?: boolean;
  /**
   * Settings offered for the user to review rather than a saved account: the local demo's
   * (`npm run demo`), password included. The form shows them in place of the saved account and
   * nothing connects until the user presses Connect. Web only; null or absent: none.
   */
  suggestedAccount?(): Promise<AccountSettings | null>;
  /** Desktop: which global shortcuts could be registered (another app may own one). */
  shortcutStatus?(): Promise<ShortcutStatusReport>;
}
