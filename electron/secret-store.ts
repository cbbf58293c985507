// The SIP password, encrypted with the OS keyring through `safeStorage` (Keychain, DPAPI,
// libsecret/kwallet) and kept base64-encoded in its own file (userData/secrets.json),
// written atomically with owner-only permissions. It is never written in plain text. When
// Linux falls back to the 'basic_text' backend, safeStorage's "encryption" uses a fixed,
// public key, so the password is saved only if the user agreed to that ('secrets-unprotected'
// tells the UI to ask); it is still run through safeStorage, which keeps it out of a casual
// look at the file. With no encryption at all, nothing is saved, consent or not.

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

export interface SavePasswordOptions {
  /** The user agreed to keep the password on a backend that cannot really protect it. */
  allowUnprotected?: boolean;
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
  savePassword(password: string | null, options?: SavePasswordOptions): Promise<PasswordSave>;
}

const UNPROTECTED: SettingsNotice = {
  code: 'secrets-unprotected',
  message:
    'No system keyring is available (such as GNOME Keyring or KWallet), so your password cannot be stored safely. It is saved only if you choose to keep it anyway; otherwise you will be asked for it each time you connect.',
};

const NO_ENCRYPTION: SettingsNotice = {
  code: 'secrets-unprotected',
  message:
    'This system offers no encryption at all, so your password cannot be saved, even with your consent: you will be asked for it each time you connect.',
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

  /** Why a password would not be protected here, or null when it would be. */
  function protectionNotice(): SettingsNotice | null {
    if (!safeStorage.isEncryptionAvailable()) return NO_ENCRYPTION;
    return isProtected() ? null : UNPROTECTED;
  }

  async function loadPassword(): Promise<PasswordLoad> {
    const unprotected = protectionNotice();
    const notices = unprotected ? [unprotected] : [];
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

  async function savePassword(password: string | null, { allowUnprotected = false }: SavePasswordOptions = {}): Promise<PasswordSave> {
    if (password === null || password === '') {
      await removeFile(file);
      return { saved: false, notices: [] };
    }
    const refusal = protectionNotice();
    // Without encryption even consent leaves nothing to write but plain text.
    if (refusal === NO_ENCRYPTION || (refusal === UNPROTECTED && !allowUnprotected)) {
      // An older password would now be stale (or kept against the user's wish): drop it too.
      await removeFile(file);
      return { saved: false, notices: [refusal] };
    }
    const encrypted = safeStorage.encryptString(password);
    const content = JSON.stringify({ version: 1, sipPassword: encrypted.toString('base64') });
    await writeFileAtomic(file, `${content}\n`, { mode: 0o600 });
    return { saved: true, notices: [] };
  }

  return { isProtected, loadPassword, savePassword };
}
