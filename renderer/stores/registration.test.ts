import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import type { AccountSettings } from '../../shared/account-settings';
import type { RegistrationSnapshot } from '../../shared/phone-status';
import type { PlatformAdapter, SaveAccountOptions, SettingsNotice, StoredAccount } from '../../shared/platform';
import { setAppContext } from '../app-context';
import type { PhoneApi } from '../sip/phone-api';
import { useRegistrationStore } from './registration';

const ACCOUNT: AccountSettings = {
  serverUrl: 'wss://pbx.example.com/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};

const UNPROTECTED: SettingsNotice = { code: 'secrets-unprotected', message: 'no keyring' };

/** A host that answers loadAccount with `stored` and records every save. */
function hostWith(stored: StoredAccount) {
  const saves: Array<{ password: string | null; options: SaveAccountOptions | undefined }> = [];
  const platform = {
    kind: 'desktop',
    loadAccount: async () => stored,
    saveAccount: async (_settings: AccountSettings, password: string | null, options?: SaveAccountOptions) => {
      saves.push({ password, options });
      return { ok: true, passwordSaved: options?.allowUnprotectedPassword === true };
    },
    publishRegistration: () => {},
  } as unknown as PlatformAdapter;
  return { platform, saves };
}

// The store only registers, disconnects and listens for registration changes.
function phoneThatRegisters(): PhoneApi {
  const registered: RegistrationSnapshot = { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null };
  return {
    registration: { status: 'unregistered', aor: null, error: null },
    connect: async () => registered,
    disconnect: async () => {},
    on: () => () => {},
  } as unknown as PhoneApi;
}

function storeFor(stored: StoredAccount) {
  const host = hostWith(stored);
  setAppContext({ phone: phoneThatRegisters(), platform: host.platform });
  return { registration: useRegistrationStore(), saves: host.saves };
}

describe('registration store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  test('a protected host asks nothing and saves without consent', async () => {
    const { registration, saves } = storeFor({ settings: ACCOUNT, password: null, notices: [] });
    await registration.start();
    expect(registration.secretsUnprotected).toBe(false);
    await registration.connect({ ...ACCOUNT, password: 'pw' });
    expect(saves).toEqual([{ password: 'pw', options: { allowUnprotectedPassword: false } }]);
  });

  test('a keyring-less host asks, and the password is kept only once the user agrees', async () => {
    const { registration, saves } = storeFor({ settings: ACCOUNT, password: null, notices: [UNPROTECTED] });
    await registration.start();
    expect(registration.secretsUnprotected).toBe(true);
    expect(registration.rememberUnprotected).toBe(false);
    await registration.connect({ ...ACCOUNT, password: 'pw' });
    expect(registration.passwordSaved).toBe(false);
    registration.rememberUnprotected = true;
    await registration.connect({ ...ACCOUNT, password: 'pw' });
    expect(registration.passwordSaved).toBe(true);
    expect(saves.map((save) => save.options)).toEqual([{ allowUnprotectedPassword: false }, { allowUnprotectedPassword: true }]);
  });

  test('a password already kept on a keyring-less host shows the earlier consent, so reconnecting keeps it', async () => {
    const { registration, saves } = storeFor({ settings: ACCOUNT, password: 'pw', notices: [UNPROTECTED] });
    await registration.start();
    expect(registration.rememberUnprotected).toBe(true);
    // start() connected with the saved password and saved the account again.
    expect(saves).toEqual([{ password: 'pw', options: { allowUnprotectedPassword: true } }]);
  });
});
