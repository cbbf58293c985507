import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore, ICE_CREDENTIALS_FILE_NAME, SECRETS_FILE_NAME } from './secret-store';
import { app, resetElectronFake, safeStorage } from './test-support/electron-fake';

const PASSWORD = 'correct horse battery staple';
let directory: string;
let file: string;

function store(platform: NodeJS.Platform = 'linux') {
  return createSecretStore({ directory, safeStorage, platform });
}

async function filesOnDisk(): Promise<Buffer> {
  const names = await readdir(directory);
  return Buffer.concat(await Promise.all(names.map((name) => readFile(path.join(directory, name)))));
}

beforeEach(async () => {
  resetElectronFake();
  app.emitReady();
  directory = await mkdtemp(path.join(tmpdir(), 'secret-store-'));
  file = path.join(directory, SECRETS_FILE_NAME);
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('secret store', () => {
  it('saves the password encrypted, never in plain text, and reads it back', async () => {
    await expect(store().savePassword(PASSWORD)).resolves.toEqual({ saved: true, notices: [] });
    const bytes = await filesOnDisk();
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from(PASSWORD).toString('base64')))).toBe(false);
    await expect(store().loadPassword()).resolves.toEqual({ password: PASSWORD, notices: [] });
  });

  it('refuses to save under the basic_text backend and tells why', async () => {
    safeStorage.backend = 'basic_text';
    const result = await store().savePassword(PASSWORD);
    expect(result.saved).toBe(false);
    expect(result.notices.map((notice) => notice.code)).toEqual(['secrets-unprotected']);
    expect(await readdir(directory)).toEqual([]);
    expect((await store().loadPassword()).notices.map((notice) => notice.code)).toEqual(['secrets-unprotected']);
  });

  it('saves under the basic_text backend once the user agreed, still not as plain text', async () => {
    safeStorage.backend = 'basic_text';
    await expect(store().savePassword(PASSWORD, { allowUnprotected: true })).resolves.toEqual({ saved: true, notices: [] });
    const bytes = await filesOnDisk();
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from(Buffer.from(PASSWORD).toString('base64')))).toBe(false);
    const loaded = await store().loadPassword();
    expect(loaded.password).toBe(PASSWORD);
    // Still said on every load: the UI keeps showing the choice, ticked, so it can be undone.
    expect(loaded.notices.map((notice) => notice.code)).toEqual(['secrets-unprotected']);
  });

  it('forgets a password kept with consent once the consent is withdrawn', async () => {
    safeStorage.backend = 'basic_text';
    await store().savePassword(PASSWORD, { allowUnprotected: true });
    await expect(store().savePassword(PASSWORD, { allowUnprotected: false })).resolves.toMatchObject({ saved: false });
    expect(await readdir(directory)).toEqual([]);
  });

  it('refuses to save without encryption even with consent, and says consent cannot help', async () => {
    safeStorage.available = false;
    const result = await store().savePassword(PASSWORD, { allowUnprotected: true });
    expect(result.saved).toBe(false);
    expect(result.notices).toEqual([{ code: 'secrets-unprotected', message: expect.stringContaining('even with your consent') }]);
    expect(await readdir(directory)).toEqual([]);
  });

  it('refuses to save when encryption is unavailable, on any platform', async () => {
    safeStorage.available = false;
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      await expect(store(platform).savePassword(PASSWORD)).resolves.toMatchObject({ saved: false, notices: [{ code: 'secrets-unprotected' }] });
    }
    expect(await readdir(directory)).toEqual([]);
  });

  it('does not ask for a Linux keyring backend elsewhere', async () => {
    safeStorage.backend = 'basic_text';
    await expect(store('darwin').savePassword(PASSWORD)).resolves.toEqual({ saved: true, notices: [] });
  });

  it('drops an older password when the new one cannot be protected', async () => {
    await store().savePassword('old password');
    safeStorage.backend = 'basic_text';
    await store().savePassword(PASSWORD);
    expect(await readdir(directory)).toEqual([]);
  });

  it('forgets the password on null', async () => {
    await store().savePassword(PASSWORD);
    await expect(store().savePassword(null)).resolves.toEqual({ saved: false, notices: [] });
    await expect(store().loadPassword()).resolves.toEqual({ password: null, notices: [] });
  });

  it('reports a password it cannot decrypt, and keeps the file', async () => {
    await store().savePassword(PASSWORD);
    safeStorage.changeKey();
    await expect(store().loadPassword()).resolves.toMatchObject({ password: null, notices: [{ code: 'password-unreadable' }] });
    expect(await readdir(directory)).toEqual([SECRETS_FILE_NAME]);
  });

  it('reports a damaged secrets file as unreadable', async () => {
    await writeFile(file, '{"version":1,"sipPassword":"***"}');
    await expect(store().loadPassword()).resolves.toMatchObject({ password: null, notices: [{ code: 'password-unreadable' }] });
  });

  const ICE = [{ urls: ['turn:turn.example.com:3478'], username: 'alice', credential: 'turn-s3cret' }];

  it('keeps TURN credentials encrypted beside the password, each forgotten on its own', async () => {
    await store().savePassword(PASSWORD);
    await expect(store().saveIceCredentials(ICE)).resolves.toEqual({ saved: true, notices: [] });
    const bytes = await filesOnDisk();
    expect(bytes.includes(Buffer.from('turn-s3cret'))).toBe(false);
    expect(bytes.includes(Buffer.from('turn.example.com'))).toBe(false);
    await expect(store().loadIceCredentials()).resolves.toEqual({ credentials: ICE, notices: [] });
    await store().savePassword(null);
    await expect(store().loadIceCredentials()).resolves.toEqual({ credentials: ICE, notices: [] });
    await store().saveIceCredentials([]);
    expect(await readdir(directory)).toEqual([]);
  });

  it('applies the password rules to TURN credentials: consent on basic_text, never without encryption', async () => {
    safeStorage.backend = 'basic_text';
    await expect(store().saveIceCredentials(ICE)).resolves.toMatchObject({ saved: false, notices: [{ code: 'secrets-unprotected' }] });
    await expect(store().saveIceCredentials(ICE, { allowUnprotected: true })).resolves.toEqual({ saved: true, notices: [] });
    safeStorage.available = false;
    await expect(store().saveIceCredentials(ICE, { allowUnprotected: true })).resolves.toMatchObject({ saved: false });
    expect(await readdir(directory)).toEqual([]);
  });

  it('reports TURN credentials it cannot decrypt, and keeps the file', async () => {
    await store().saveIceCredentials(ICE);
    safeStorage.changeKey();
    await expect(store().loadIceCredentials()).resolves.toMatchObject({ credentials: [], notices: [{ code: 'password-unreadable' }] });
    expect(await readdir(directory)).toEqual([ICE_CREDENTIALS_FILE_NAME]);
  });
});
