// The line: registration snapshot, the account form, connect and disconnect. The form state
// lives here (not in the component) so that the saved account can fill it at start.

import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  accountDomain,
  emptyAccountSettings,
  validateAccountSettings,
  type AccountSettings,
} from '../../shared/account-settings';
import type { RegistrationSnapshot } from '../../shared/phone-status';
import { appContext } from '../app-context';
import { useErrorsStore } from './errors';
import { toPhoneError } from './phone-error';

export const useRegistrationStore = defineStore('registration', () => {
  const { phone, platform } = appContext();
  const errors = useErrorsStore();

  const snapshot = ref<RegistrationSnapshot>({ ...phone.registration });
  const form = ref<AccountSettings>(emptyAccountSettings());
  /** Whether the host kept the password at the last save; null before any save. */
  const passwordSaved = ref<boolean | null>(null);
  /** The host has no keyring to protect a saved password (Linux without GNOME Keyring/KWallet). */
  const secretsUnprotected = ref(false);
  /** The user's choice to keep the password there anyway; off unless they tick it. */
  const rememberUnprotected = ref(false);

  /** The SIP domain that completes a bare number or user name typed in the dialpad. */
  const defaultDomain = computed(() => {
    const result = validateAccountSettings(form.value, { requirePassword: false });
    return result.ok ? accountDomain(result.value) : '';
  });
  const registered = computed(() => snapshot.value.status === 'registered');

  phone.on('onRegistrationChanged', (next) => {
    snapshot.value = { ...next };
    platform.publishRegistration(next);
  });

  /** Fills the form from the saved account, and connects when nothing is missing to do so. */
  async function start(): Promise<void> {
    const stored = await platform.loadAccount();
    stored.notices.forEach((notice) => errors.reportNotice(notice));
    secretsUnprotected.value = stored.notices.some((notice) => notice.code === 'secrets-unprotected');
    // A password readable on such a host was kept because the user agreed earlier: show that
    // choice as it stands, or the next save would silently forget the password.
    rememberUnprotected.value = secretsUnprotected.value && stored.password !== null;
    // The local demo's account wins over a saved one (it is only valid for this run of the demo),
    // and is only shown: the user connects with it by pressing Connect.
    const suggested = (await platform.suggestedAccount?.()) ?? null;
    if (suggested) {
      form.value = { ...suggested };
      return;
    }
    if (stored.settings) form.value = { ...stored.settings, password: stored.password ?? '' };
    if (stored.settings && stored.password) await register(form.value, { alreadySaved: true });
  }

  /**
   * Registers with the given settings. The web tab saves them once the server has accepted
   * them; the desktop app saves them first, since its main process lets WebSockets reach only
   * the server of the account it has stored.
   */
  function connect(settings: AccountSettings = form.value): Promise<RegistrationSnapshot | null> {
    return register(settings, { alreadySaved: false });
  }

  async function register(settings: AccountSettings, { alreadySaved }: { alreadySaved: boolean }): Promise<RegistrationSnapshot | null> {
    const result = validateAccountSettings(settings);
    // The form shows the reasons inline; there is nothing to send.
    if (!result.ok) return null;
    const account = result.value;
    const saveFirst = platform.reachesOnlySavedServer === true;
    try {
      // Not saved, not reachable: connecting would only be blocked.
      if (saveFirst && !alreadySaved && !(await save(account, 'account.saveFailedNotConnected'))) return null;
      const outcome = await phone.connect({ account, password: account.password });
      snapshot.value = { ...outcome };
      if (outcome.status === 'registered' && !saveFirst) await save(account, 'account.saveFailed');
      return outcome;
    } catch (reason) {
      errors.reportPhoneError(toPhoneError(reason, 'registration-rejected'));
      return null;
    }
  }

  /** Whether the host kept the account; a failure is reported. */
  async function save(account: AccountSettings, failureText: 'account.saveFailed' | 'account.saveFailedNotConnected'): Promise<boolean> {
    const saved = await platform.saveAccount({ ...account, password: '' }, account.password, {
      allowUnprotectedPassword: rememberUnprotected.value,
    });
    passwordSaved.value = saved.passwordSaved;
    if (!saved.ok) errors.report({ code: 'account-save-failed', textKey: failureText });
    return saved.ok;
  }

  async function disconnect(): Promise<void> {
    try {
      await phone.disconnect();
    } catch (reason) {
      errors.reportPhoneError(toPhoneError(reason, 'connection-lost'));
    }
    snapshot.value = { ...phone.registration };
  }

  return {
    snapshot,
    form,
    passwordSaved,
    secretsUnprotected,
    rememberUnprotected,
    defaultDomain,
    registered,
    start,
    connect,
    disconnect,
  };
});
