// What `account:load` and `account:save` do: the settings file and the encrypted password
// joined into the one StoredAccount the renderer asked for. Errors become a readable
// SaveAccountResult rather than a rejected IPC call, so the settings form can show them.

import type { AccountSettings } from '../shared/account-settings';
import type { SaveAccountOptions, SaveAccountResult, StoredAccount } from '../shared/platform';
import type { SecretStore } from './secret-store';
import type { SettingsStore } from './settings-store';

export interface AccountService {
  load(): Promise<StoredAccount>;
  save(settings: AccountSettings, password: string | null, options?: SaveAccountOptions): Promise<SaveAccountResult>;
}

export function createAccountService(settings: SettingsStore, secrets: SecretStore): AccountService {
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
      return { settings: stored.account, password: secret.password, notices: [...stored.notices, ...secret.notices] };
    },

    async save(account, password, { allowUnprotectedPassword = false } = {}) {
      try {
        await settings.saveAccount(account);
      } catch (error) {
        return { ok: false, passwordSaved: false, error: `The settings could not be written: ${describe(error)}` };
      }
      try {
        const secret = await secrets.savePassword(password, { allowUnprotected: allowUnprotectedPassword });
        return { ok: true, passwordSaved: secret.saved };
      } catch (error) {
        return { ok: false, passwordSaved: false, error: `The settings were saved but the password could not be: ${describe(error)}` };
      }
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
