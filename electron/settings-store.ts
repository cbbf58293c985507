// The account settings and the app preferences on disk (userData/settings.json), without the
// password and the TURN credentials, which the secret store keeps apart. Writes are atomic and
// keep the previous version as `.bak`. A file that cannot be read or fails validation is never
// silently overwritten: it is kept as `settings.corrupt-<time>.json` for the user (or
// support) to inspect, the backup or the defaults are loaded, and a 'settings-corrupt' notice
// tells the renderer what happened.

import { constants } from 'node:fs';
import { copyFile, link } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { AccountSettings } from '../shared/account-settings';
import { type AppPreferences, defaultAppPreferences, readStoredPreferences } from '../shared/app-preferences';
import { storedAccountSettingsSchema } from '../shared/ipc-contract';
import type { SettingsNotice } from '../shared/platform';
import { readFileIfExists, removeFile, removeStaleTemporaryFiles, writeFileAtomic } from './atomic-file';
import { iceCredentialsOf, withoutIceCredentials } from './ice-credentials';

export const SETTINGS_FILE_NAME = 'settings.json';

// Versioned so a later release can migrate. `preferences` is read key by key (see
// readStoredPreferences): an outdated or damaged preference falls back to its default without
// marking the whole file corrupt, and files written before preferences existed still load.
const settingsFileSchema = z.object({
  version: z.literal(1),
  account: storedAccountSettingsSchema.nullable(),
  preferences: z.unknown().optional(),
});

interface StoredSettings {
  account: AccountSettings | null;
  preferences: AppPreferences;
}

export interface SettingsState extends StoredSettings {
  notices: SettingsNotice[];
}

export interface SettingsStore {
  /** Reads the file once; later calls return the same state (with any notice) from memory. */
  load(): Promise<SettingsState>;
  /** The loaded account, or null before `load` or on first run; synchronous for the CSP. */
  currentAccount(): AccountSettings | null;
  /**
   * Saves `settings` with an empty password field and no ICE credentials (secrets live in the
   * secret store). A file written before that rule may still hold ICE credentials: they are
   * returned by `load` until the next save, so they can be moved to the secret store.
   */
  saveAccount(settings: AccountSettings): Promise<void>;
  /** The loaded preferences, or the defaults before `load`; synchronous for start-up wiring. */
  currentPreferences(): AppPreferences;
  /** Saves already-validated preferences beside the account. */
  savePreferences(preferences: AppPreferences): Promise<void>;
}

export interface SettingsStoreOptions {
  directory: string;
  now?: () => Date;
}

function parseSettings(text: string | null): StoredSettings | undefined {
  if (text === null) return undefined;
  try {
    const parsed = settingsFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    return { account: parsed.data.account, preferences: readStoredPreferences(parsed.data.preferences) };
  } catch {
    return undefined;
  }
}

/** What of an account may be written to settings.json. */
function storedForm(account: AccountSettings): AccountSettings {
  return { ...withoutIceCredentials(account), password: '' };
}

/** `aside` becomes a second name of `file` (a copy where the file system has no hard links). */
async function keepAside(file: string, aside: string): Promise<void> {
  await link(file, aside).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') return; // kept already, by a recovery that stopped half-way
    if (error.code === 'ENOENT') throw error;
    await copyFile(file, aside, constants.COPYFILE_EXCL);
  });
}

function serialise({ account, preferences }: StoredSettings): string {
  const stored = account === null ? null : storedForm(account);
  return `${JSON.stringify({ version: 1, account: stored, preferences }, null, 2)}\n`;
}

export function createSettingsStore({ directory, now = () => new Date() }: SettingsStoreOptions): SettingsStore {
  const file = path.join(directory, SETTINGS_FILE_NAME);
  let state: SettingsState | null = null;
  let loading: Promise<SettingsState> | null = null;
  // An older version wrote TURN credentials in clear, in the file and in its `.bak` copy: the
  // next write then replaces the backup with the stripped state instead of copying the file.
  let clearTextOnDisk = false;
  const noteClearText = (stored: StoredSettings) => {
    if (stored.account && iceCredentialsOf(stored.account).length > 0) clearTextOnDisk = true;
    return stored;
  };

  async function recoverFromCorruptFile(): Promise<SettingsState> {
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const asideName = `settings.corrupt-${stamp}.json`;
    // A second name for the damaged file first, then the file is replaced (or removed): a
    // crash in between leaves the damaged file where it was, so the next start recovers
    // again instead of finding no file and starting empty.
    await keepAside(file, path.join(directory, asideName));
    const backup = parseSettings(await readFileIfExists(`${file}.bak`));
    if (backup !== undefined) {
      noteClearText(backup);
      // Written back at once, so the next start does not find the file missing and reset.
      await writeFileAtomic(file, serialise(backup));
      return {
        ...backup,
        notices: [{ code: 'settings-corrupt', message: `The settings file was damaged and has been kept as ${asideName}; the previous saved settings were restored.` }],
      };
    }
    await removeFile(file);
    return {
      account: null,
      preferences: defaultAppPreferences(),
      notices: [{ code: 'settings-corrupt', message: `The settings file was damaged and has been kept as ${asideName}; enter your account again.` }],
    };
  }

  async function readState(): Promise<SettingsState> {
    await removeStaleTemporaryFiles(file);
    const text = await readFileIfExists(file);
    if (text === null) return { account: null, preferences: defaultAppPreferences(), notices: [] };
    const stored = parseSettings(text);
    if (stored === undefined) return recoverFromCorruptFile();
    return { ...noteClearText(stored), notices: [] };
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

  // Account and preferences share one file, so changes are queued and each one is applied to
  // the state left by the previous one: two saves in flight can neither interleave their
  // renames nor write back a stale copy of each other's part.
  let queue: Promise<unknown> = Promise.resolve();
  function update(change: (current: SettingsState) => SettingsState): Promise<void> {
    const done = queue.then(async () => {
      const current = await load();
      const next = change(current);
      if (clearTextOnDisk) await writeFileAtomic(`${file}.bak`, serialise(current), { mode: 0o600 });
      await writeFileAtomic(file, serialise(next), { backup: !clearTextOnDisk, mode: 0o600 });
      clearTextOnDisk = false;
      state = next;
    });
    queue = done.catch(() => undefined);
    return done;
  }

  return {
    load,
    currentAccount: () => state?.account ?? null,
    currentPreferences: () => state?.preferences ?? defaultAppPreferences(),
    saveAccount: (settings) =>
      update((current) => ({
        ...current,
        account: storedForm(settings),
        // The user has now saved good settings, so the corruption notice has been dealt with.
        notices: current.notices.filter((notice) => notice.code !== 'settings-corrupt'),
      })),
    savePreferences: (preferences) => update((current) => ({ ...current, preferences: structuredClone(preferences) })),
  };
}
