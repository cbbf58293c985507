// The platform adapter for an ordinary browser tab. There is no OS keyring in a web page, so
// the password is never written anywhere: it lives in memory for the tab's life only. Links
// arrive as `#dial=<target>` in the URL (the web's stand-in for sip:/tel: links) and only ever
// fill the dialpad: a page that can set our URL must not be able to place a call. Likewise an
// account is never taken from the URL: only the local demo's, from the page itself (demo-account.ts).

import { ref, shallowRef, watch, watchEffect } from 'vue';
import { appPreferencesSchema, defaultAppPreferences, readStoredPreferences, type AppPreferences } from '../../shared/app-preferences';
import { validateAccountSettings, type AccountSettings } from '../../shared/account-settings';
import { decideAutoAnswer, policyRequestFrom } from '../../shared/auto-answer-policy';
import type { AutoAnswerRequest } from '../../shared/auto-answer-signals';
import type { CallSessionJSON } from '../../shared/call-session';
import { MAX_DIAL_STRING_LENGTH, parseDialString } from '../../shared/dial-string';
import type { RegistrationSnapshot } from '../../shared/phone-status';
import type { PhoneCommand, PlatformAdapter, SettingsNotice, StoredAccount } from '../../shared/platform';
import { isRingingIncoming, pageTitle, titleHasClock } from '../attention/page-title';
import { TitleWriter } from '../attention/title-writer';
import { createWebCallNotifications, type NotificationApi, type NotificationWords, type PageLike } from '../attention/web-notifications';
import { t } from '../i18n';
import { demoAccountOfPage } from './demo-account';

export const ACCOUNT_STORAGE_KEY = 'softphone.account';
/** Where an unreadable account is kept, so a bad upgrade never silently destroys the user's data. */
export const CORRUPT_ACCOUNT_STORAGE_KEY = 'softphone.account.corrupt';
export const PREFERENCES_STORAGE_KEY = 'softphone.preferences';

// Only to check the grammar of a link's target: the real domain is applied when dialling.
const PLACEHOLDER_DOMAIN = 'domain.invalid';

/** The dial target of a `#dial=<target>` hash, or null for anything else or anything doubtful. */
export function dialTargetFromHash(hash: string): string | null {
  const match = /^#dial=([^&#=]+)$/.exec(hash);
  if (!match?.[1]) return null;
  let target: string;
  try {
    target = decodeURIComponent(match[1]).trim();
  } catch {
    return null;
  }
  if (target === '' || target.length > MAX_DIAL_STRING_LENGTH) return null;
  return parseDialString(target, PLACEHOLDER_DOMAIN).ok ? target : null;
}

// One page, one title: the most recently created adapter writes it. A single effect (rather
// than one per adapter) keeps an older adapter from overwriting it, e.g. in tests.
interface WantedTitle {
  title: string;
  /** A call rings: written at once, not after the title settles (title-writer.ts). */
  urgent: boolean;
}
const titleSource = shallowRef<(() => WantedTitle) | null>(null);
let titleEffectStarted = false;

function showTitleOf(source: () => WantedTitle): void {
  titleSource.value = source;
  if (titleEffectStarted) return;
  titleEffectStarted = true;
  const writer = new TitleWriter(document);
  // Reactive, so the title also follows a language switch. The effect reruns with every
  // snapshot; the writer writes only a title that changed, and lets it settle first.
  watchEffect(() => {
    const wanted = titleSource.value?.();
    if (wanted) writer.show(wanted.title, wanted.urgent);
  });
}

export interface WebPlatformOptions {
  /** The browser's Notification (absent where it has none). */
  Notification?: NotificationApi | undefined;
  page?: PageLike;
  /**
   * The account a local `npm run demo` put in the page (see demo-account.ts); read from the page
   * when not given. It is offered in the form and, valid for one run of the demo only, never stored.
   */
  demoAccount?: AccountSettings | null;
}

const browserPage: PageLike = {
  inBackground: () => document.visibilityState === 'hidden' || !document.hasFocus(),
  bringForward: () => window.focus(),
};

function notificationWords(): NotificationWords {
  return { incomingTitle: t('notify.incoming'), missedTitle: t('notify.missed') };
}

export function createWebPlatform(
  storage: Storage = window.localStorage,
  options: WebPlatformOptions = { Notification: (globalThis as { Notification?: NotificationApi }).Notification },
): PlatformAdapter {
  const demoAccount = options.demoAccount !== undefined ? options.demoAccount : demoAccountOfPage(document, window.location.hostname);
  let password: string | null = null;
  const calls = shallowRef(new Map<string, CallSessionJSON>());
  const registration = shallowRef<RegistrationSnapshot | null>(null);
  const listeners = new Set<(command: PhoneCommand) => void>();
  const preferenceListeners = new Set<(preferences: AppPreferences) => void>();

  function readPreferences(): AppPreferences {
    try {
      // Key by key: one bad value falls back to its default without losing the others.
      return readStoredPreferences(JSON.parse(storage.getItem(PREFERENCES_STORAGE_KEY) ?? 'null'));
    } catch {
      return defaultAppPreferences();
    }
  }

  // Another tab of the same site changed the preferences: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key !== PREFERENCES_STORAGE_KEY) return;
    const preferences = readPreferences();
    preferenceListeners.forEach((listener) => listener(preferences));
  });

  // The title counts the call's minutes: a clock that runs only while a call is answered.
  const now = ref(Date.now());
  let clock: ReturnType<typeof setInterval> | undefined;
  watch(
    () => titleHasClock([...calls.value.values()]),
    (running) => {
      if (running && clock === undefined) {
        now.value = Date.now();
        clock = setInterval(() => (now.value = Date.now()), 1000);
      } else if (!running && clock !== undefined) {
        clearInterval(clock);
        clock = undefined;
      }
    },
  );
  showTitleOf(() => {
    const snapshots = [...calls.value.values()];
    return { title: pageTitle(snapshots, registration.value, now.value, t), urgent: snapshots.some(isRingingIncoming) };
  });

  const notifications = createWebCallNotifications(options.Notification, options.page ?? browserPage);

  /** Whether a new incoming call will ring here (the page applies the same policy: calls store). */
  function willRing(snapshot: CallSessionJSON, request: AutoAnswerRequest | undefined): boolean {
    const preferences = readPreferences();
    const decision = decideAutoAnswer({
      request: policyRequestFrom(request ?? { requested: false, delaySeconds: 0, source: null }),
      preferences: { mode: preferences.autoAnswer, delaySeconds: preferences.autoAnswerDelaySeconds, doNotDisturb: preferences.doNotDisturb },
      otherCallActive: [...calls.value.keys()].some((id) => id !== (snapshot.sipCallId || snapshot.callId)),
    });
    return decision.action === 'ring' || (decision.action === 'answer' && decision.delayMs > 0);
  }

  function readAccount(): { settings: AccountSettings | null; notices: SettingsNotice[] } {
    const raw = storage.getItem(ACCOUNT_STORAGE_KEY);
    if (raw === null) return { settings: null, notices: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    const result = validateAccountSettings(parsed, { requirePassword: false });
    if (result.ok) return { settings: { ...result.value, password: '' }, notices: [] };
    storage.setItem(CORRUPT_ACCOUNT_STORAGE_KEY, raw);
    storage.removeItem(ACCOUNT_STORAGE_KEY);
    return {
      settings: null,
      notices: [{ code: 'settings-corrupt', message: 'The saved account could not be read; it was kept aside and the defaults were loaded.' }],
    };
  }

  function deliverHash(): void {
    const target = dialTargetFromHash(window.location.hash);
    if (target === null) return;
    // Consumed once: reloading the page must not bring the same number back.
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    const command: PhoneCommand = { kind: 'dial', target, autoDial: false };
    listeners.forEach((listener) => listener(command));
  }

  return {
    kind: 'web',

    async loadAccount(): Promise<StoredAccount> {
      const { settings, notices } = readAccount();
      return { settings, password: settings ? password : null, notices };
    },

    // The options are not read: with nowhere safe to keep a password, a tab never keeps one,
    // whatever the user would allow.
    async saveAccount(settings, newPassword) {
      const result = validateAccountSettings(settings, { requirePassword: false });
      if (!result.ok) return { ok: false, passwordSaved: false, error: result.errors.map((e) => e.message).join(' ') };
      if (demoAccount !== null && result.value.serverUrl === demoAccount.serverUrl) {
        // The demo's server lives for one run (ports and password change every time): storing
        // it would only replace the user's own account with one that stops working.
        password = newPassword;
        return { ok: true, passwordSaved: false };
      }
      try {
        storage.setItem(ACCOUNT_STORAGE_KEY, JSON.stringify({ ...result.value, password: '' }));
      } catch (error) {
        return { ok: false, passwordSaved: false, error: error instanceof Error ? error.message : String(error) };
      }
      password = newPassword;
      return { ok: true, passwordSaved: false };
    },

    async suggestedAccount() {
      return demoAccount === null ? null : { ...demoAccount };
    },

    // The page applies the auto-answer policy itself; the details only tell whether a new call
    // will ring, and so whether to notify it.
    publishCall(snapshot, details) {
      const id = snapshot.sipCallId || snapshot.callId;
      if (!id) return;
      const known = calls.value.has(id);
      if (isRingingIncoming(snapshot)) {
        if (!known && willRing(snapshot, details?.autoAnswerRequest)) notifications.incoming(snapshot, notificationWords());
      } else {
        notifications.stopRinging(snapshot.sipCallId);
      }
      const next = new Map(calls.value);
      if (snapshot.endTime !== null || snapshot.sipStatus === 'Terminated') next.delete(id);
      else next.set(id, snapshot);
      calls.value = next;
    },

    publishRegistration(snapshot) {
      registration.value = snapshot;
    },

    callEnded(snapshot, outcome) {
      notifications.ended(snapshot, outcome, notificationWords());
    },

    notificationPermission: {
      state: () => notifications.permission(),
      request: () => notifications.requestPermission(),
    },

    onCommand(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        window.addEventListener('hashchange', deliverHash);
        // A link that opened the page is already in the URL; hand it over once the caller
        // has finished subscribing.
        queueMicrotask(deliverHash);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) window.removeEventListener('hashchange', deliverHash);
      };
    },

    async loadPreferences() {
      return readPreferences();
    },

    async savePreferences(preferences) {
      const checked = appPreferencesSchema.parse(preferences);
      storage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify(checked));
      return checked;
    },

    onPreferencesChanged(listener) {
      preferenceListeners.add(listener);
      return () => preferenceListeners.delete(listener);
    },
  };
}
