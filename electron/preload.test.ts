import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SoftphoneBridge } from '../shared/ipc-contract';
import type { PhoneCommand, StoredAccount } from '../shared/platform';
import type { IpcRouter } from './ipc-router';
import { contextBridge, ipcRenderer, type BrowserWindow } from './test-support/electron-fake';
import { loadMainWindowPreload, mainRouterFor } from './test-support/main-window-preload';

// The preload imports 'electron'; it gets the same fake instance this test drives.
vi.mock('electron', () => import('./test-support/electron-fake'));

let window: BrowserWindow;
let bridge: SoftphoneBridge;
let router: IpcRouter;

beforeAll(async () => {
  ({ window, bridge } = await loadMainWindowPreload());
});

function routeToMain(): IpcRouter {
  router = mainRouterFor(window);
  return router;
}

afterEach(() => router?.dispose());

describe('preload', () => {
  it('exposes exactly one object, window.softphone, made of intent-level functions', () => {
    expect(Object.keys(contextBridge.mainWorld)).toEqual(['softphone']);
    expect(Object.keys(bridge).sort()).toEqual([
      'loadAccount', 'loadPreferences', 'onCommand', 'onPreferencesChanged', 'openExternal', 'publishCall',
      'publishMissedCalls', 'publishRegistration', 'saveAccount', 'savePreferences', 'shortcutStatus',
    ]);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('reaches the main-process handler and returns its answer', async () => {
    const stored: StoredAccount = { settings: null, password: null, notices: [] };
    routeToMain().handle('account:load', () => stored);
    await expect(bridge.loadAccount()).resolves.toEqual(stored);
  });

  it('surfaces a main-process rejection as a rejected promise', async () => {
    routeToMain().handle('shell:open-external', () => true);
    await expect(bridge.openExternal(42 as unknown as string)).rejects.toThrow(/invalid-payload/);
  });

  it('publishes registration snapshots to the main process', () => {
    const received: unknown[] = [];
    routeToMain().listen('phone:registration-changed', (snapshot) => received.push(snapshot));
    bridge.publishRegistration({ status: 'registering', aor: 'sip:1001@pbx.example.com', error: null });
    expect(received).toEqual([{ status: 'registering', aor: 'sip:1001@pbx.example.com', error: null }]);
  });

  it('delivers commands without the IPC event, and stops after unsubscribe', () => {
    const main = routeToMain();
    const calls: unknown[][] = [];
    const unsubscribe = bridge.onCommand((...args: unknown[]) => calls.push(args));
    const command: PhoneCommand = { kind: 'answer', callId: 'c1', video: false };
    main.emit(window.webContents, 'phone:command', command);
    unsubscribe();
    main.emit(window.webContents, 'phone:command', { kind: 'hangup', callId: 'c1' });
    expect(calls).toEqual([[command]]);
    expect(ipcRenderer.listenerCount('phone:command')).toBe(0);
  });
});
