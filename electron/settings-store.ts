// The account settings on disk (userData/settings.json), without the password, which the
// secret store keeps apart. Writes are atomic and keep the previous version as `.bak`. A file
// that cannot be read or fails validation is never silently overwritten: it is renamed to
// `settings.corrupt-<time>.json` for the user (or support) to inspect, the backup or the
// defaults are loaded, and a 'settings-corrupt' notice tells the renderer what happened.

import { rename } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type AccountSettings, accountSettingsSchema } from '../shared/account-settings';
import type { SettingsNotice } from '../shared/platform';
import { readFileIfExists, removeStaleTemporaryFiles, writeFileAtomic } from './atomic-file';

export const SETTINGS_FILE_NAME = 'settings.json';

// Versioned so a later release can migrate; later settings (tray, shortcuts, auto-answer)
// become further optional keys of this object.
const settingsFileSchema = z.object({
  version: z.literal(1),
  account: accountSettingsSchema.nullable(),
});

export interface SettingsState {
  account: AccountSettings | null;
  notices: SettingsNotice[];
}

export interface SettingsStore {
  /** Reads the file once; later calls return the same state (with any notice) from memory. */
  load(): Promise<SettingsState>;
  /** The loaded account, or null before `load` or on first run; synchronous for the CSP. */
  currentAccount(): AccountSettings | null;
  /** Saves `settings` with an empty password field (secrets live in the secret store). */
  saveAccount(settings: AccountSettings): Promise<void>;
}

export interface SettingsStoreOptions {
  directory: string;
  now?: () => Date;
}

function parseSettings(text: string | null): AccountSettings | null | undefined {
  if (text === null) return undefined;
  try {
    const parsed = settingsFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.account : undefined;
  } catch {
    return undefined;
  }
}

function serialise(account: AccountSettings | null): string {
  const stored = account === null ? null : { ...account, password: '' };
  return `${JSON.stringify({ version: 1, account: stored }, null, 2)}\n`;
}

export function createSettingsStore({ directory, now = () => new Date() }: SettingsStoreOptions): SettingsStore {
  const file = path.join(directory, SETTINGS_FILE_NAME);
  let state: SettingsState | null = null;
  let loading: Promise<SettingsState> | null = null;

  async function recoverFromCorruptFile(): Promise<SettingsState> {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const asideName = `settings.corrupt-${stamp}.json`;
    await rename(file, path.join(directory, asideName));
    const backup = parseSettings(await readFileIfExists(`${file}.bak`));
    if (backup !== undefined) {
      // Written back at once, so the next start does not find the file missing and reset.
      await writeFileAtomic(file, serialise(backup));
      return {
        account: backup,
        notices: [{ code: 'settings-corrupt', message: `The settings file was damaged and has been kept as ${asideName}; the previous saved settings were restored.` }],
      };
    }
    return {
      account: null,
      notices: [{ code: 'settings-corrupt', message: `The settings file was damaged and has been kept as ${asideName}; enter your account again.` }],
    };
  }

  async function readState(): Promise<SettingsState> {
    await removeStaleTemporaryFiles(file);
    const text = await readFileIfExists(file);
    if (text === null) return { account: null, notices: [] };
    const account = parseSettings(text);
    if (account === undefined) return recoverFromCorruptFile();
    return { account, notices: [] };
  }

  async function load(): Promise<SettingsState> {
    if (state) return state;
    loading ??= readState().then(
      (loaded) => (state = loaded),
      (error: unknown) => {
        loading = null; // let the next call try again rather than fail forever
        throw error;
      },
    );
    return loading;
  }

  return {
    load,
    currentAccount: () => state?.account ?? null,
    async saveAccount(settings) {
      const previous = await load();
      const account = { ...settings, password: '' };
      await writeFileAtomic(file, serialise(account), { backup: true, mode: 0o600 });
      // The user has now saved good settings, so the corruption notice has been dealt with.
      state = { account, notices: previous.notices.filter((notice) => notice.code !== 'settings-corrupt') };
    },
  };
}
