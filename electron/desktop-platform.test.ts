// The renderer's desktop PlatformAdapter, end to end through the real preload and the real
// IPC router, with Electron itself played by the one shared fake.

import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AccountSettings } from '../shared/account-settings';
import { defaultAppPreferences, type AppPreferences } from '../shared/app-preferences';
import { CallSession } from '../shared/call-session';
import type { SoftphoneBridge } from '../shared/ipc-contract';
import type { PhoneCommand } from '../shared/platform';
import { createElectronPlatform } from '../renderer/platform/electron-platform';
import type { IpcRouter } from './ipc-router';
import type { BrowserWindow } from './test-support/electron-fake';
import { loadMainWindowPreload, mainRouterFor } from './test-support/main-window-preload';

vi.mock('electron', () => import('./test-support/electron-fake'));

const account: AccountSettings = {
  serverUrl: 'wss://pbx.example.com/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};

let window: BrowserWindow;
let bridge: SoftphoneBridge;
let main: IpcRouter;

beforeAll(async () => {
  ({ window, bridge } = await loadMainWindowPreload());
});

function routeToMain(): IpcRouter {
  main = mainRouterFor(window);
  return main;
}

afterEach(() => main?.dispose());

describe('desktop platform adapter', () => {
  it('saves the account with the user’s consent about an unprotected password', async () => {
    const saves: unknown[] = [];
    routeToMain().handle('account:save', (request) => {
      saves.push(request);
      return { ok: true, passwordSaved: request.allowUnprotectedPassword === true };
    });
    const platform = createElectronPlatform(bridge);
    expect(platform.kind).toBe('desktop');
    await expect(platform.saveAccount(account, 'pw', { allowUnprotectedPassword: true })).resolves.toEqual({ ok: true, passwordSaved: true });
    await expect(platform.saveAccount(account, 'pw')).resolves.toEqual({ ok: true, passwordSaved: false });
    expect(saves).toMatchObject([
      { settings: { username: '1001' }, password: 'pw', allowUnprotectedPassword: true },
      { settings: { username: '1001' }, password: 'pw', allowUnprotectedPassword: false },
    ]);
  });

  it('relays host commands until unsubscribed', () => {
    const router = routeToMain();
    const platform = createElectronPlatform(bridge);
    const received: PhoneCommand[] = [];
    const unsubscribe = platform.onCommand((command) => received.push(command));
    router.emit(window.webContents, 'phone:command', { kind: 'reject-busy', callId: 'c1' });
    unsubscribe();
    router.emit(window.webContents, 'phone:command', { kind: 'decline', callId: 'c2' });
    expect(received).toEqual([{ kind: 'reject-busy', callId: 'c1' }]);
  });

  it("publishes call snapshots with the INVITE's auto-answer request beside them", () => {
    const received: unknown[] = [];
    routeToMain().listen('phone:call-changed', (message) => received.push(message));
    const platform = createElectronPlatform(bridge);
    const session = new CallSession({ sipCallId: 'page@pbx', number: '1002', ringing: true, autoAnswer: true }).toJSON();
    const autoAnswerRequest = { requested: true, delaySeconds: 30, source: 'call-info' } as const;
    platform.publishCall(session, { autoAnswerRequest });
    platform.publishCall(session);
    expect(received).toEqual([{ session, autoAnswerRequest }, { session }]);
  });

  it('offers preferences and the shortcut status, and says an account is saved before it connects', async () => {
    const router = routeToMain();
    let stored: AppPreferences = defaultAppPreferences();
    router.handle('preferences:load', () => stored);
    router.handle('preferences:save', (next) => (stored = next));
    const status = { accelerator: 'CommandOrControl+Shift+A', registered: false, error: 'in-use' as const };
    router.handle('shortcuts:status', () => ({ answer: status, hangup: { ...status, registered: true, error: undefined }, toggleMute: { ...status, registered: true, error: undefined } }));
    const platform = createElectronPlatform(bridge);

    const next = { ...defaultAppPreferences(), doNotDisturb: true };
    await expect(platform.savePreferences(next)).resolves.toEqual(next);
    await expect(platform.loadPreferences()).resolves.toEqual(next);
    expect(platform.reachesOnlySavedServer).toBe(true);
    expect(platform).not.toHaveProperty('allowServer');
    expect((await platform.shortcutStatus()).answer).toMatchObject({ registered: false, error: 'in-use' });
  });

  it('explains itself when the page is not inside the desktop app', () => {
    expect(() => createElectronPlatform(undefined)).toThrow(/not running in the Softphone desktop app/);
  });
});
