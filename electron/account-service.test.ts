import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountService } from './account-service';
import { createSecretStore } from './secret-store';
import { createSettingsStore } from './settings-store';
import { resetElectronFake, safeStorage } from './test-support/electron-fake';

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

  it('reports a write failure as a readable result', async () => {
    // A folder where the settings file should be: fails for every user, root included.
    await mkdir(path.join(directory, 'settings.json', 'in-the-way'), { recursive: true });
    const result = await service().save(account, 'pw');
    expect(result).toMatchObject({ ok: false, passwordSaved: false, error: expect.stringContaining('could not be written') });
  });
});
