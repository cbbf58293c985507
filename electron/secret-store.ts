// The SIP password, encrypted with the OS keyring through `safeStorage` (Keychain, DPAPI,
// libsecret/kwallet) and kept base64-encoded in its own file (userData/secrets.json),
// written atomically with owner-only permissions. It is never written in plain text: when
// Linux falls back to the 'basic_text' backend, safeStorage's "encryption" uses a fixed,
// public key, so we refuse to save and report 'secrets-unprotected' for the UI to explain.

import path from 'node:path';
import { z } from 'zod';
import type { SafeStorage } from 'electron';
import type { SettingsNotice } from '../shared/platform';
import { readFileIfExists, removeFile, removeStaleTemporaryFiles, writeFileAtomic } from './atomic-file';

export const SECRETS_FILE_NAME = 'secrets.json';

export type SafeStoragePort = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

const secretsFileSchema = z.object({
  version: z.literal(1),
  sipPassword: z.base64(),
});

export interface SecretStoreOptions {
  directory: string;
  safeStorage: SafeStoragePort;
  /** `process.platform`; the keyring backend can only be asked on Linux. */
  platform: NodeJS.Platform;
}

export interface PasswordLoad {
  password: string | null;
  notices: SettingsNotice[];
}

export interface PasswordSave {
  saved: boolean;
  notices: SettingsNotice[];
}

export interface SecretStore {
  /** False when a saved password would not really be protected by the OS. */
  isProtected(): boolean;
  loadPassword(): Promise<PasswordLoad>;
  /** `null` forgets the saved password. */
  savePassword(password: string | null): Promise<PasswordSave>;
}

const UNPROTECTED: SettingsNotice = {
  code: 'secrets-unprotected',
  message:
    'No system keyring is available (such as GNOME Keyring or KWallet), so your password cannot be stored safely and will not be saved: you will be asked for it each time you connect.',
};

const UNREADABLE: SettingsNotice = {
  code: 'password-unreadable',
  message: 'Your saved password could not be decrypted (the system keyring may have changed): enter it again.',
};

export function createSecretStore({ directory, safeStorage, platform }: SecretStoreOptions): SecretStore {
  const file = path.join(directory, SECRETS_FILE_NAME);

  function isProtected(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (platform !== 'linux' || !safeStorage.getSelectedStorageBackend) return true;
    const backend = safeStorage.getSelectedStorageBackend();
    // 'unknown' only occurs before `ready`, when nothing can be encrypted yet either.
    return backend !== 'basic_text' && backend !== 'unknown';
  }

  async function loadPassword(): Promise<PasswordLoad> {
    const notices = isProtected() ? [] : [UNPROTECTED];
    await removeStaleTemporaryFiles(file);
    const text = await readFileIfExists(file);
    if (text === null) return { password: null, notices };
    try {
      const stored = secretsFileSchema.parse(JSON.parse(text));
      return { password: safeStorage.decryptString(Buffer.from(stored.sipPassword, 'base64')), notices };
    } catch {
      // Kept on disk: the keyring may only be locked or unavailable this session.
      return { password: null, notices: [...notices, UNREADABLE] };
    }
  }

  async function savePassword(password: string | null): Promise<PasswordSave> {
    if (password === null || password === '') {
      await removeFile(file);
      return { saved: false, notices: [] };
    }
    if (!isProtected()) {
      // An older password encrypted under a real keyring would now be stale: drop it too.
      await removeFile(file);
      return { saved: false, notices: [UNPROTECTED] };
    }
    const encrypted = safeStorage.encryptString(password);
    const content = JSON.stringify({ version: 1, sipPassword: encrypted.toString('base64') });
    await writeFileAtomic(file, `${content}\n`, { mode: 0o600 });
    return { saved: true, notices: [] };
  }

  return { isProtected, loadPassword, savePassword };
}
