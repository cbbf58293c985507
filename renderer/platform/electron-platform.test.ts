import { describe, expect, it } from 'vitest';
import type { AccountSettings } from '../../shared/account-settings';
import { type AppPreferences, defaultAppPreferences } from '../../shared/app-preferences';
import type { PhoneCommand, StoredAccount } from '../../shared/platform';
import { createElectronPlatform } from './electron-platform';
import type { SoftphoneBridge } from './softphone-bridge';

const account: AccountSettings = {
  serverUrl: 'wss://pbx.example.com/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};

/** A stand-in for the preload's bridge that behaves like the main process would. */
function bridgeLike() {
  const published: unknown[] = [];
  const saveOptions: unknown[] = [];
  const listeners = new Set<(command: PhoneCommand) => void>();
  let saved: StoredAccount = { settings: null, password: null, notices: [] };
  let preferences: AppPreferences = defaultAppPreferences();
  const preferenceListeners = new Set<(preferences: AppPreferences) => void>();
  const bridge: SoftphoneBridge = {
    loadAccount: async () => saved,
    saveAccount: async (settings, password, options) => {
      saveOptions.push(options);
      saved = { settings, password, notices: [] };
      return { ok: true, passwordSaved: password !== null };
    },
    publishCall: (snapshot) => published.push(snapshot),
    publishRegistration: (snapshot) => published.push(snapshot),
    onCommand: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openExternal: async () => true,
    allowServer: async (serverUrl) => {
      published.push({ allowed: serverUrl });
      return true;
    },
    loadPreferences: async () => preferences,
    savePreferences: async (next) => {
      preferences = next;
      preferenceListeners.forEach((listener) => listener(next));
      return next;
    },
    onPreferencesChanged: (listener) => {
      preferenceListeners.add(listener);
      return () => preferenceListeners.delete(listener);
    },
    shortcutStatus: async () => {
      const status = { accelerator: 'F9', registered: true };
      return { answer: status, hangup: status, toggleMute: status };
    },
  };
  const command = (value: PhoneCommand) => listeners.forEach((listener) => listener(value));
  return { bridge, published, command, saveOptions };
}

describe('electron platform', () => {
  it('is the desktop platform and round-trips the account through the bridge', async () => {
    const { bridge } = bridgeLike();
    const platform = createElectronPlatform(bridge);
    expect(platform.kind).toBe('desktop');
    await expect(platform.saveAccount(account, 'pw')).resolves.toEqual({ ok: true, passwordSaved: true });
    await expect(platform.loadAccount()).resolves.toEqual({ settings: account, password: 'pw', notices: [] });
  });

  it("hands the user's consent to keep an unprotected password to the bridge", async () => {
    const { bridge, saveOptions } = bridgeLike();
    const platform = createElectronPlatform(bridge);
    await platform.saveAccount(account, 'pw', { allowUnprotectedPassword: true });
    await platform.saveAccount(account, 'pw');
    expect(saveOptions).toEqual([{ allowUnprotectedPassword: true }, undefined]);
  });

  it('publishes snapshots and relays commands until unsubscribed', () => {
    const { bridge, published, command } = bridgeLike();
    const platform = createElectronPlatform(bridge);
    platform.publishRegistration({ status: 'registered', aor: 'sip:1001@pbx.example.com', error: null });
    expect(published).toEqual([{ status: 'registered', aor: 'sip:1001@pbx.example.com', error: null }]);
    const received: PhoneCommand[] = [];
    const unsubscribe = platform.onCommand((value) => received.push(value));
    command({ kind: 'decline', callId: 'c1' });
    unsubscribe();
    command({ kind: 'decline', callId: 'c2' });
    expect(received).toEqual([{ kind: 'decline', callId: 'c1' }]);
  });

  it('explains itself when the page is not inside the desktop app', () => {
    expect(() => createElectronPlatform(undefined)).toThrow(/not running in the Softphone desktop app/);
  });

  it('offers the desktop-only preferences, server allow-list and shortcut status', async () => {
    const { bridge, published } = bridgeLike();
    const platform = createElectronPlatform(bridge);
    const changes: AppPreferences[] = [];
    const unsubscribe = platform.onPreferencesChanged((next) => changes.push(next));
    const next = { ...defaultAppPreferences(), doNotDisturb: true };
    await expect(platform.savePreferences(next)).resolves.toEqual(next);
    unsubscribe();
    await expect(platform.loadPreferences()).resolves.toEqual(next);
    expect(changes).toEqual([next]);
    await expect(platform.allowServer('wss://pbx.example.com/ws')).resolves.toBe(true);
    expect(published).toEqual([{ allowed: 'wss://pbx.example.com/ws' }]);
    expect((await platform.shortcutStatus()).answer.registered).toBe(true);
  });
});
