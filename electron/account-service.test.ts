import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountService } from './account-service';
import { createSecretStore } from './secret-store';
import { createSettingsStore, SETTINGS_FILE_NAME } from './settings-store';
import { app, resetElectronFake, safeStorage } from './test-support/electron-fake';

const account = {
  serverUrl: 'wss://pbx.example.com/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};

let directory: string;

function service() {
  return createAccountService(
    createSettingsStore({ directory }),
    createSecretStore({ directory, safeStorage, platform: 'linux' }),
  );
}

beforeEach(async () => {
  resetElectronFake();
  app.emitReady();
  directory = await mkdtemp(path.join(tmpdir(), 'account-service-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('account service', () => {
  it('joins the saved settings and the saved password', async () => {
    await expect(service().save({ ...account, password: 'ignored-here' }, 'pw')).resolves.toEqual({ ok: true, passwordSaved: true });
    await expect(service().load()).resolves.toEqual({ settings: account, password: 'pw', notices: [] });
  });

  it('saves the settings but not the password when the keyring is missing, and warns on load', async () => {
    safeStorage.backend = 'basic_text';
    await expect(service().save(account, 'pw')).resolves.toEqual({ ok: true, passwordSaved: false });
    const loaded = await service().load();
    expect(loaded).toMatchObject({ settings: account, password: null });
    expect(loaded.notices.map((notice) => notice.code)).toEqual(['secrets-unprotected']);
  });

  it('keeps the password on a keyring-less system only when the user agreed', async () => {
    safeStorage.backend = 'basic_text';
    await expect(service().save(account, 'pw', { allowUnprotectedPassword: false })).resolves.toEqual({ ok: true, passwordSaved: false });
    await expect(service().save(account, 'pw', { allowUnprotectedPassword: true })).resolves.toEqual({ ok: true, passwordSaved: true });
    const loaded = await service().load();
    expect(loaded).toMatchObject({ settings: account, password: 'pw' });
    expect(loaded.notices.map((notice) => notice.code)).toEqual(['secrets-unprotected']);
  });

  it('cannot keep the password without encryption, consent or not', async () => {
    safeStorage.available = false;
    await expect(service().save(account, 'pw', { allowUnprotectedPassword: true })).resolves.toEqual({ ok: true, passwordSaved: false });
    await expect(service().load()).resolves.toMatchObject({ settings: account, password: null });
  });

  it('warns about the keyring on first run too, before any password is typed', async () => {
    safeStorage.backend = 'basic_text';
    const loaded = await service().load();
    expect(loaded).toMatchObject({ settings: null, password: null });
    expect(loaded.notices.map((notice) => notice.code)).toEqual(['secrets-unprotected']);
  });

  const TURN_CREDENTIAL = 'turn-s3cret-9f2c';
  const withTurn = {
    ...account,
    iceServers: [
      { urls: 'stun:stun.example.com:3478' },
      { urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'], username: 'alice', credential: TURN_CREDENTIAL },
    ],
  };
  const settingsBytes = () => readFile(path.join(directory, SETTINGS_FILE_NAME));
  async function everyFileOnDisk(): Promise<Buffer> {
    const names = await readdir(directory);
    return Buffer.concat(await Promise.all(names.map((name) => readFile(path.join(directory, name)))));
  }

  it('keeps TURN credentials out of settings.json, encrypted with the password, and gives them back on load', async () => {
    await expect(service().save(withTurn, 'pw')).resolves.toEqual({ ok: true, passwordSaved: true });
    expect((await settingsBytes()).includes(Buffer.from(TURN_CREDENTIAL))).toBe(false);
    expect((await everyFileOnDisk()).includes(Buffer.from(TURN_CREDENTIAL))).toBe(false);
    await expect(service().load()).resolves.toEqual({ settings: withTurn, password: 'pw', notices: [] });
  });

  it('saves TURN credentials even when no SIP password is kept', async () => {
    await service().save(withTurn, null);
    await expect(service().load()).resolves.toEqual({ settings: withTurn, password: null, notices: [] });
  });

  it('keeps TURN credentials on a keyring-less system only with the same consent as the password', async () => {
    safeStorage.backend = 'basic_text';
    await service().save(withTurn, 'pw', { allowUnprotectedPassword: false });
    const refused = await service().load();
    // The server stays configured; only its credential is to be typed again.
    expect(refused.settings?.iceServers[1]).toEqual({ urls: withTurn.iceServers[1]!.urls, username: 'alice' });
    expect(refused.notices.map((notice) => notice.code)).toEqual(['secrets-unprotected']);

    await service().save(withTurn, 'pw', { allowUnprotectedPassword: true });
    expect((await everyFileOnDisk()).includes(Buffer.from(TURN_CREDENTIAL))).toBe(false);
    await expect(service().load()).resolves.toMatchObject({ settings: withTurn, password: 'pw' });
  });

  it('reports TURN credentials it cannot decrypt once, with the password', async () => {
    await service().save(withTurn, 'pw');
    safeStorage.changeKey();
    const loaded = await service().load();
    expect(loaded.settings?.iceServers[1]?.credential).toBeUndefined();
    expect(loaded.notices.map((notice) => notice.code)).toEqual(['password-unreadable']);
  });

  it('never gives a TURN credential to a server other than the one it was saved for', async () => {
    await service().save(withTurn, 'pw');
    // settings.json edited by hand (or written by another save): the TURN server is now elsewhere.
    const file = path.join(directory, SETTINGS_FILE_NAME);
    const stored = JSON.parse(await readFile(file, 'utf8'));
    stored.account.iceServers[1].urls = 'turn:evil.example.net:3478';
    await writeFile(file, JSON.stringify(stored));
    const loaded = await service().load();
    expect(loaded.settings?.iceServers[1]).toEqual({ urls: 'turn:evil.example.net:3478', username: 'alice' });
  });

  it('moves TURN credentials that an older version wrote in clear into the secret store', async () => {
    const file = path.join(directory, SETTINGS_FILE_NAME);
    await writeFile(file, JSON.stringify({ version: 1, account: withTurn }));
    await writeFile(`${file}.bak`, JSON.stringify({ version: 1, account: withTurn }));
    await expect(service().load()).resolves.toMatchObject({ settings: withTurn });
    // The backup copy of the old file goes too, not only the file itself.
    expect((await everyFileOnDisk()).includes(Buffer.from(TURN_CREDENTIAL))).toBe(false);
    await expect(service().load()).resolves.toMatchObject({ settings: withTurn });
  });

  it('reports a write failure as a readable result', async () => {
    // A folder where the settings file should be: fails for every user, root included.
    await mkdir(path.join(directory, 'settings.json', 'in-the-way'), { recursive: true });
    const result = await service().save(account, 'pw');
    expect(result).toMatchObject({ ok: false, passwordSaved: false, error: expect.stringContaining('could not be written') });
  });
});
