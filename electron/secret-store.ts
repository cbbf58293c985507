// The SIP password and the TURN credentials, encrypted with the OS keyring through
// `safeStorage` (Keychain, DPAPI, libsecret/kwallet) and kept base64-encoded in their own files
// (userData/secrets.json, userData/ice-credentials.json), written atomically with owner-only
// permissions. They are never written in plain text. The rules below are the same for both. When
// Linux falls back to the 'basic_text' backend, safeStorage's "encryption" uses a fixed,
// public key, so the password is saved only if the user agreed to that ('secrets-unprotected'
// tells the UI to ask); it is still run through safeStorage, which keeps it out of a casual
// look at the file. With no encryption at all, nothing is saved, consent or not.

import path from 'node:path';
import { z } from 'zod';
import type { SafeStorage } from 'electron';
import type { SettingsNotice } from '../shared/platform';
import { readFileIfExists, removeFile, removeStaleTemporaryFiles, writeFileAtomic } from './atomic-file';
import type { IceCredential } from './ice-credentials';

export const SECRETS_FILE_NAME = 'secrets.json';
export const ICE_CREDENTIALS_FILE_NAME = 'ice-credentials.json';

export type SafeStoragePort = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

const secretsFileSchema = z.object({
  version: z.literal(1),
  sipPassword: z.base64(),
});

const iceCredentialsFileSchema = z.object({
  version: z.literal(1),
  iceCredentials: z.base64(),
});

// What the encrypted `iceCredentials` holds, checked again after decryption.
const iceCredentialListSchema = z.array(
  z.strictObject({ urls: z.union([z.string(), z.array(z.string())]), username: z.string(), credential: z.string().min(1) }),
);

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

export interface IceCredentialsLoad {
  credentials: IceCredential[];
  /** Only 'password-unreadable': whether the keyring protects them is said by loadPassword. */
  notices: SettingsNotice[];
}

export interface SecretStore {
  /** False when a saved password would not really be protected by the OS. */
  isProtected(): boolean;
  loadPassword(): Promise<PasswordLoad>;
  /** `null` forgets the saved password. */
  savePassword(password: string | null, options?: SavePasswordOptions): Promise<PasswordSave>;
  loadIceCredentials(): Promise<IceCredentialsLoad>;
  /** Same rules as savePassword; an empty list forgets the saved credentials. */
  saveIceCredentials(credentials: readonly IceCredential[], options?: SavePasswordOptions): Promise<PasswordSave>;
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

const ICE_UNREADABLE: SettingsNotice = {
  code: 'password-unreadable',
  message: 'Your saved TURN server credentials could not be decrypted (the system keyring may have changed): enter them again.',
};

export function createSecretStore({ directory, safeStorage, platform }: SecretStoreOptions): SecretStore {
  const passwordFile = path.join(directory, SECRETS_FILE_NAME);
  const iceFile = path.join(directory, ICE_CREDENTIALS_FILE_NAME);

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

  /** The decrypted content of `file`, null when there is none, or 'unreadable'. */
  async function readSealed(file: string, decode: (text: string) => string): Promise<string | null | 'unreadable'> {
    await removeStaleTemporaryFiles(file);
    const text = await readFileIfExists(file);
    if (text === null) return null;
    try {
      return safeStorage.decryptString(Buffer.from(decode(text), 'base64'));
    } catch {
      // Kept on disk: the keyring may only be locked or unavailable this session.
      return 'unreadable';
    }
  }

  /** Encrypts `plain` into `file` as `{ version: 1, [field]: base64 }`, if the rules allow. */
  async function writeSealed(file: string, field: string, plain: string | null, allowUnprotected: boolean): Promise<PasswordSave> {
    if (plain === null) {
      await removeFile(file);
      return { saved: false, notices: [] };
    }
    const refusal = protectionNotice();
    // Without encryption even consent leaves nothing to write but plain text.
    if (refusal === NO_ENCRYPTION || (refusal === UNPROTECTED && !allowUnprotected)) {
      // An older secret would now be stale (or kept against the user's wish): drop it too.
      await removeFile(file);
      return { saved: false, notices: [refusal] };
    }
    const encrypted = safeStorage.encryptString(plain);
    const content = JSON.stringify({ version: 1, [field]: encrypted.toString('base64') });
    await writeFileAtomic(file, `${content}\n`, { mode: 0o600 });
    return { saved: true, notices: [] };
  }

  async function loadPassword(): Promise<PasswordLoad> {
    const unprotected = protectionNotice();
    const notices = unprotected ? [unprotected] : [];
    const password = await readSealed(passwordFile, (text) => secretsFileSchema.parse(JSON.parse(text)).sipPassword);
    if (password === 'unreadable') return { password: null, notices: [...notices, UNREADABLE] };
    return { password, notices };
  }

  async function savePassword(password: string | null, { allowUnprotected = false }: SavePasswordOptions = {}): Promise<PasswordSave> {
    return writeSealed(passwordFile, 'sipPassword', password === '' ? null : password, allowUnprotected);
  }

  async function loadIceCredentials(): Promise<IceCredentialsLoad> {
    const plain = await readSealed(iceFile, (text) => iceCredentialsFileSchema.parse(JSON.parse(text)).iceCredentials);
    if (plain === null) return { credentials: [], notices: [] };
    const parsed = plain === 'unreadable' ? undefined : iceCredentialListSchema.safeParse(safeJson(plain));
    if (!parsed?.success) return { credentials: [], notices: [ICE_UNREADABLE] };
    return { credentials: parsed.data, notices: [] };
  }

  async function saveIceCredentials(
    credentials: readonly IceCredential[],
    { allowUnprotected = false }: SavePasswordOptions = {},
  ): Promise<PasswordSave> {
    const plain = credentials.length === 0 ? null : JSON.stringify(credentials);
    return writeSealed(iceFile, 'iceCredentials', plain, allowUnprotected);
  }

  return { isProtected, loadPassword, savePassword, loadIceCredentials, saveIceCredentials };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
