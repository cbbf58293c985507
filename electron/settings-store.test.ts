import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSettings } from '../shared/account-settings';
import { DEFAULT_APP_PREFERENCES, defaultAppPreferences } from '../shared/app-preferences';
import { temporaryFilePrefix } from './atomic-file';
import { createSettingsStore, SETTINGS_FILE_NAME } from './settings-store';

const account: AccountSettings = {
  serverUrl: 'wss://pbx.example.com:8089/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  displayName: 'Alice',
  iceServers: [{ urls: 'stun:stun.example.com:3478' }],
};
const fixedNow = () => new Date('2025-01-02T03:04:05.678Z');

let directory: string;
let file: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'settings-store-'));
  file = path.join(directory, SETTINGS_FILE_NAME);
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('settings store', () => {
  it('starts empty on first run, without notices', async () => {
    const store = createSettingsStore({ directory });
    await expect(store.load()).resolves.toEqual({ account: null, preferences: DEFAULT_APP_PREFERENCES, notices: [] });
    expect(store.currentAccount()).toBeNull();
  });

  it('saves and reloads the account, never with a password in it', async () => {
    await createSettingsStore({ directory }).saveAccount({ ...account, password: 'hunter2' });
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
    const reloaded = createSettingsStore({ directory });
    await expect(reloaded.load()).resolves.toEqual({ account, preferences: DEFAULT_APP_PREFERENCES, notices: [] });
    expect(reloaded.currentAccount()).toEqual(account);
  });

  it('never writes a TURN credential, and reloads the server without it', async () => {
    const turn = { urls: 'turns:turn.example.com:5349', username: 'alice', credential: 'turn-s3cret' };
    const store = createSettingsStore({ directory });
    await store.saveAccount({ ...account, iceServers: [...account.iceServers, turn] });
    await store.saveAccount({ ...account, displayName: 'Alice B', iceServers: [...account.iceServers, turn] });
    for (const name of await readdir(directory)) {
      expect((await readFile(path.join(directory, name))).includes(Buffer.from('turn-s3cret'))).toBe(false);
    }
    expect(store.currentAccount()?.iceServers[1]).toEqual({ urls: turn.urls, username: 'alice' });
    const reloaded = await createSettingsStore({ directory }).load();
    expect(reloaded).toMatchObject({ notices: [] });
    expect(reloaded.account?.iceServers[1]).toEqual({ urls: turn.urls, username: 'alice' });
  });

  it('ignores a temporary file left by a crashed write and keeps the good file', async () => {
    await createSettingsStore({ directory }).saveAccount(account);
    const crashed = path.join(directory, `${temporaryFilePrefix(file)}deadbeef`);
    await writeFile(crashed, '{"version":1,"account":{"serverUrl":"wss://ev');
    const reloaded = createSettingsStore({ directory });
    await expect(reloaded.load()).resolves.toEqual({ account, preferences: DEFAULT_APP_PREFERENCES, notices: [] });
    expect(await readdir(directory)).not.toContain(path.basename(crashed));
  });

  it('keeps a corrupt file aside, falls back to defaults and says so', async () => {
    await writeFile(file, '{"version":1,"account":');
    const store = createSettingsStore({ directory, now: fixedNow });
    const state = await store.load();
    expect(state.account).toBeNull();
    expect(state.notices).toEqual([{ code: 'settings-corrupt', message: expect.stringContaining('settings.corrupt-2025-01-02T03-04-05-678Z.json') }]);
    expect(await readFile(path.join(directory, 'settings.corrupt-2025-01-02T03-04-05-678Z.json'), 'utf8')).toBe('{"version":1,"account":');
    expect(await readdir(directory)).not.toContain(SETTINGS_FILE_NAME);
  });

  it('treats a file that fails validation like a corrupt one', async () => {
    await writeFile(file, JSON.stringify({ version: 1, account: { ...account, serverUrl: 'javascript:alert(1)' } }));
    const state = await createSettingsStore({ directory, now: fixedNow }).load();
    expect(state).toMatchObject({ account: null, notices: [{ code: 'settings-corrupt' }] });
  });

  it('restores the previous version from .bak when the file is corrupt, and writes it back', async () => {
    const store = createSettingsStore({ directory });
    await store.saveAccount(account);
    await store.saveAccount({ ...account, displayName: 'Bob' });
    await writeFile(file, 'garbage');
    const recovered = await createSettingsStore({ directory, now: fixedNow }).load();
    expect(recovered.account).toEqual(account);
    expect(recovered.notices).toEqual([{ code: 'settings-corrupt', message: expect.stringContaining('previous saved settings were restored') }]);
    await expect(createSettingsStore({ directory }).load()).resolves.toEqual({ account, preferences: DEFAULT_APP_PREFERENCES, notices: [] });
  });

  it('keeps reporting the corruption until the user saves again', async () => {
    await writeFile(file, 'garbage');
    const store = createSettingsStore({ directory, now: fixedNow });
    await store.load();
    expect((await store.load()).notices).toHaveLength(1);
    await store.saveAccount(account);
    await expect(store.load()).resolves.toEqual({ account, preferences: DEFAULT_APP_PREFERENCES, notices: [] });
  });

  it('keeps preferences beside the account, each save preserving the other', async () => {
    const store = createSettingsStore({ directory });
    const preferences = { ...defaultAppPreferences(), autoAnswer: 'always' as const, doNotDisturb: true };
    await Promise.all([store.saveAccount(account), store.savePreferences(preferences)]);
    expect(store.currentPreferences()).toEqual(preferences);
    const reloaded = createSettingsStore({ directory });
    await expect(reloaded.load()).resolves.toEqual({ account, preferences, notices: [] });
  });

  it('loads a file written before preferences existed, and defaults a damaged preference alone', async () => {
    await writeFile(file, JSON.stringify({ version: 1, account, preferences: { autoAnswer: 'maybe', closeToTray: false } }));
    const state = await createSettingsStore({ directory }).load();
    expect(state.account).toEqual(account);
    expect(state.preferences).toEqual({ ...DEFAULT_APP_PREFERENCES, closeToTray: false });
    expect(state.notices).toEqual([]);
  });
});
