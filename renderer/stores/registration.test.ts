import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, test } from 'vitest';
import type { AccountSettings } from '../../shared/account-settings';
import { defaultAppPreferences } from '../../shared/app-preferences';
import type { RegistrationSnapshot } from '../../shared/phone-status';
import type { PlatformAdapter, StoredAccount } from '../../shared/platform';
import { setAppContext } from '../app-context';
import type { ConnectOptions, PhoneApi } from '../sip/phone-api';
import { useRegistrationStore } from './registration';

const SAVED: AccountSettings = {
  serverUrl: 'wss://pbx.example.com:8089/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};
const DEMO: AccountSettings = {
  serverUrl: 'ws://127.0.0.1:41234',
  sipUri: 'sip:1000@127.0.0.1',
  username: '1000',
  password: 'k3v9-p2xq',
  displayName: 'Demo user',
  iceServers: [],
};

/** The phone records what it was asked to connect to: that is what would reach the network. */
function start(stored: StoredAccount, suggested: AccountSettings | null) {
  const connects: ConnectOptions[] = [];
  const registration: RegistrationSnapshot = { status: 'unregistered', aor: null, error: null };
  const phone = {
    registration,
    on: () => () => undefined,
    connect: async (options: ConnectOptions) => {
      connects.push(options);
      return { status: 'registered', aor: 'sip:x@y', error: null } satisfies RegistrationSnapshot;
    },
  } as unknown as PhoneApi;
  const platform: PlatformAdapter = {
    kind: 'web',
    loadAccount: async () => stored,
    saveAccount: async () => ({ ok: true, passwordSaved: false }),
    publishCall: () => undefined,
    publishRegistration: () => undefined,
    onCommand: () => () => undefined,
    loadPreferences: async () => defaultAppPreferences(),
    savePreferences: async (preferences) => preferences,
    onPreferencesChanged: () => () => undefined,
    suggestedAccount: async () => suggested,
  };
  setAppContext({ phone, platform });
  return { store: useRegistrationStore(), connects };
}

describe('registration store start', () => {
  beforeEach(() => setActivePinia(createPinia()));

  test('a saved account with its password connects at once (as before)', async () => {
    const { store, connects } = start({ settings: SAVED, password: 'hunter2', notices: [] }, null);
    await store.start();
    expect(connects.map((options) => options.account.serverUrl)).toEqual([SAVED.serverUrl]);
  });

  test("the demo's account fills the form, password included, over a saved one, and nothing connects", async () => {
    const { store, connects } = start({ settings: SAVED, password: 'hunter2', notices: [] }, DEMO);
    await store.start();
    expect(store.form).toEqual(DEMO);
    expect(connects).toEqual([]);

    await store.connect();
    expect(connects.map((options) => [options.account.serverUrl, options.password])).toEqual([[DEMO.serverUrl, DEMO.password]]);
  });
});
