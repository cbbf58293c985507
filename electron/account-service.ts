// What `account:load` and `account:save` do: the settings file and the encrypted secrets (SIP
// password, TURN credentials) joined into the one StoredAccount the renderer asked for. Errors
// become a readable SaveAccountResult rather than a rejected IPC call, so the settings form
// can show them.

import type { AccountSettings } from '../shared/account-settings';
import type { SaveAccountOptions, SaveAccountResult, SettingsNotice, StoredAccount } from '../shared/platform';
import { iceCredentialsOf, withIceCredentials } from './ice-credentials';
import type { SecretStore } from './secret-store';
import type { SettingsStore } from './settings-store';

export interface AccountService {
  load(): Promise<StoredAccount>;
  save(settings: AccountSettings, password: string | null, options?: SaveAccountOptions): Promise<SaveAccountResult>;
}

export function createAccountService(settings: SettingsStore, secrets: SecretStore): AccountService {
  /**
   * A settings.json written before TURN credentials were kept apart still holds them in clear:
   * they move to the secret store when the keyring protects them (no consent was ever asked
   * for these), and the file is written again without them.
   */
  async function moveLegacyIceCredentials(account: AccountSettings): Promise<void> {
    const legacy = iceCredentialsOf(account);
    if (legacy.length === 0) return;
    const moved = await secrets.saveIceCredentials(legacy);
    if (moved.saved) await settings.saveAccount(account);
  }

  return {
    async load() {
      const stored = await settings.load();
      const secret = await secrets.loadPassword();
      if (stored.account === null) {
        // A password without an account is an orphan of a failed first save: not offered. The
        // keyring warning still is, since the user is about to type a password.
        const keyringNotices = secret.notices.filter((notice) => notice.code === 'secrets-unprotected');
        return { settings: null, password: null, notices: [...stored.notices, ...keyringNotices] };
      }
      await moveLegacyIceCredentials(stored.account).catch((error: unknown) => {
        console.warn(`[settings] could not move the TURN credentials to the secret store: ${describe(error)}`);
      });
      const ice = await secrets.loadIceCredentials();
      return {
        settings: withIceCredentials(stored.account, ice.credentials),
        password: secret.password,
        notices: oncePerCode([...stored.notices, ...secret.notices, ...ice.notices]),
      };
    },

    async save(account, password, { allowUnprotectedPassword = false } = {}) {
      try {
        await settings.saveAccount(account);
      } catch (error) {
        return { ok: false, passwordSaved: false, error: `The settings could not be written: ${describe(error)}` };
      }
      try {
        const secret = await secrets.savePassword(password, { allowUnprotected: allowUnprotectedPassword });
        // The same consent covers the TURN credentials: they are passwords too.
        await secrets.saveIceCredentials(iceCredentialsOf(account), { allowUnprotected: allowUnprotectedPassword });
        return { ok: true, passwordSaved: secret.saved };
      } catch (error) {
        return { ok: false, passwordSaved: false, error: `The settings were saved but the password could not be: ${describe(error)}` };
      }
    },
  };
}

/** One notice per code: a changed keyring makes the password and the TURN credentials unreadable at once. */
function oncePerCode(notices: SettingsNotice[]): SettingsNotice[] {
  return notices.filter((notice, index) => notices.findIndex((other) => other.code === notice.code) === index);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
