// The fake itself, held to what Electron 45's sources and docs say (the file is named in each
// test). Each of these failed against the earlier fake, which was kinder than Electron.

import { beforeEach, describe, expect, it } from 'vitest';
import {
  app,
  BrowserWindow,
  collectGarbage,
  contextBridge,
  fakeSystem,
  FakeNotification,
  FakeTray,
  globalShortcut,
  Menu,
  Notification,
  protocol,
  resetElectronFake,
  safeStorage,
} from './electron-fake';

beforeEach(() => resetElectronFake());

describe('contextBridge (shell/renderer/api/electron_api_context_bridge.cc)', () => {
  it('copies plain objects and freezes the copy', () => {
    const settings = { server: 'wss://pbx', nested: { port: 8089 } };
    contextBridge.exposeInMainWorld('api', { settings, read: () => settings });
    const exposed = contextBridge.mainWorld.api as { settings: typeof settings; read(): typeof settings };
    expect(exposed.settings).toEqual(settings);
    expect(exposed.settings).not.toBe(settings);
    expect(Object.isFrozen(exposed.settings.nested)).toBe(true);
    // Results of a bridged function are copies too: page code cannot mutate the preload's object.
    const read = exposed.read();
    read.server = 'changed';
    expect(settings.server).toBe('wss://pbx');
  });

  it('drops a class instance’s prototype, so its methods do not cross', () => {
    class Session {
      constructor(readonly id: string) {}
      hangUp() {
        return 'bye';
      }
    }
    contextBridge.exposeInMainWorld('api', { session: new Session('c1') });
    const { session } = contextBridge.mainWorld.api as { session: Session };
    expect(session.id).toBe('c1');
    expect(typeof session.hangUp).toBe('undefined');
  });

  it('refuses a Proxy (a Vue reactive object) as a value or as an argument', () => {
    expect(() => contextBridge.exposeInMainWorld('api', { state: new Proxy({ a: 1 }, {}) })).toThrow(/could not be cloned/);
    contextBridge.exposeInMainWorld('bridge', { save: (value: unknown) => value });
    const { save } = contextBridge.mainWorld.bridge as { save(value: unknown): unknown };
    expect(() => save(new Proxy({ a: 1 }, {}))).toThrow(/could not be cloned/);
    expect(save({ a: 1 })).toEqual({ a: 1 });
  });

  it('keeps only the message of an error thrown across the bridge, and proxies promises', async () => {
    class CodedError extends Error {
      code = 'E42';
    }
    contextBridge.exposeInMainWorld('api', {
      fail: () => {
        throw new CodedError('nope');
      },
      later: () => Promise.resolve({ ok: true }),
    });
    const api = contextBridge.mainWorld.api as { fail(): void; later(): Promise<unknown> };
    try {
      api.fail();
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toBe('nope');
    }
    await expect(api.later()).resolves.toEqual({ ok: true });
  });
});

describe('webContents.loadURL (lib/browser/api/web-contents.ts, _awaitNextLoad)', () => {
  beforeEach(() => app.emitReady());

  it('goes through the handler registered with protocol.handle and resolves after did-finish-load', async () => {
    const requested: string[] = [];
    protocol.handle('app', (request) => {
      requested.push(request.url);
      return new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    });
    const window = new BrowserWindow();
    const events: string[] = [];
    for (const name of ['did-start-loading', 'did-finish-load', 'did-stop-loading']) window.webContents.on(name, () => events.push(name));
    await window.loadURL('app://softphone/index.html');
    expect(requested).toEqual(['app://softphone/index.html']);
    expect(events).toEqual(['did-start-loading', 'did-finish-load', 'did-stop-loading']);
  });

  it('rejects an unhandled scheme and a handler that throws, with Chromium’s error', async () => {
    const window = new BrowserWindow();
    await expect(window.loadURL('app://softphone/index.html')).rejects.toThrow("ERR_UNKNOWN_URL_SCHEME (-302) loading 'app://softphone/index.html'");
    protocol.handle('app', () => {
      throw new Error('disk gone');
    });
    await expect(window.loadURL('app://softphone/index.html')).rejects.toThrow(/ERR_FAILED \(-2\)/);
  });

  it('rejects a load that another load replaces (ERR_ABORTED)', async () => {
    const window = new BrowserWindow();
    const first = window.loadURL('https://example.org/a');
    const second = window.loadURL('https://example.org/b');
    await expect(first).rejects.toThrow(/ERR_ABORTED/);
    await expect(second).resolves.toBeUndefined();
  });
});

describe('the application menu (lib/browser/default-menu.ts, lib/browser/api/menu.ts)', () => {
  it('is Electron’s default, with Reload and Toggle DevTools, unless the app sets one', () => {
    app.emitReady();
    const window = new BrowserWindow();
    expect(Menu.getApplicationMenu()).not.toBeNull();
    expect(window.pressAccelerator('CmdOrCtrl+R')).toBe('reload');
    expect(window.webContents.reloadCount).toBe(1);
    expect(window.pressAccelerator('Ctrl+Shift+I')).toBe('toggledevtools');
    expect(window.webContents.isDevToolsOpened()).toBe(true);
  });

  it('is not installed when the app set its own before ready; null removes it on Linux and Windows', () => {
    Menu.setApplicationMenu(null);
    app.emitReady();
    const window = new BrowserWindow();
    expect(window.pressAccelerator('Ctrl+R')).toBeNull();
    // Chromium still copies and pastes in the page itself.
    expect(window.pressAccelerator('Ctrl+C')).toBe('copy');
  });

  it('on macOS, null after ready leaves the default on screen, and copy needs an Edit menu', () => {
    fakeSystem.platform = 'darwin';
    app.emitReady();
    Menu.setApplicationMenu(null);
    const window = new BrowserWindow();
    expect(window.pressAccelerator('Cmd+R')).toBe('reload');

    resetElectronFake();
    fakeSystem.platform = 'darwin';
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }]));
    app.emitReady();
    const bare = new BrowserWindow();
    expect(bare.pressAccelerator('Cmd+C')).toBeNull();
    expect(bare.webContents.editCommands).toEqual([]);
  });

  it('rejects a template item with neither label, role nor type', () => {
    expect(() => Menu.buildFromTemplate([{ id: 'x' }])).toThrow(/must have at least one of label, role or type/);
  });
});

describe('notifications (shell/browser/notifications, electron_api_notification.cc)', () => {
  beforeEach(() => app.emitReady());

  it('cannot be created before ready', () => {
    resetElectronFake();
    expect(() => new Notification({ title: 'x' })).toThrow('Cannot create Notification before app is ready');
  });

  it('emits close on close() on macOS and Windows, and not on Linux', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      fakeSystem.platform = platform;
      const notification = new Notification({ title: platform });
      const closed: string[] = [];
      notification.on('close', () => closed.push(platform));
      notification.show();
      notification.close();
      expect(closed).toEqual(platform === 'linux' ? [] : [platform]);
    }
  });

  it('fails every notification of an unsigned macOS build (Electron 42+), after the current task', async () => {
    fakeSystem.platform = 'darwin';
    FakeNotification.signed = false;
    const notification = new Notification({ title: 'x' });
    const failures: string[] = [];
    notification.on('failed', (_event: unknown, error: string) => failures.push(error));
    notification.show();
    expect(failures).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual(['Notifications are not allowed for this application']);
  });

  it('fails on Linux when no daemon answers, although isSupported() says yes', () => {
    FakeNotification.daemonRunning = false;
    expect(Notification.isSupported()).toBe(true);
    const notification = new Notification({ title: 'x' });
    let failed = false;
    notification.on('failed', () => (failed = true));
    notification.show();
    expect(failed).toBe(true);
  });

  it('turns macOS’s closeButtonText into a button that dismisses (close), not an action', () => {
    fakeSystem.platform = 'darwin';
    const notification = new Notification({ title: 'x', actions: [{ type: 'button', text: 'Answer' }], closeButtonText: 'Decline' });
    const events: string[] = [];
    notification.on('action', () => events.push('action'));
    notification.on('close', () => events.push('close'));
    notification.show();
    expect(notification.buttons()).toEqual(['Answer', 'Decline']);
    notification.pressButton(1);
    expect(events).toEqual(['close']);
  });

  it('reports the action index in the event details, as Electron 45 does', () => {
    fakeSystem.platform = 'win32';
    const notification = new Notification({ title: 'x', actions: [{ type: 'button', text: 'A' }, { type: 'button', text: 'B' }] });
    const seen: unknown[] = [];
    notification.on('action', (details: { actionIndex: number }, index: number) => seen.push([details.actionIndex, index]));
    notification.show();
    notification.pressAction(1);
    expect(seen).toEqual([[1, 1]]);
  });

  it('is garbage-collected when nothing references it (electron/electron#16922)', async () => {
    const show = () => new Notification({ title: 'forgotten' }).show();
    show();
    expect(FakeNotification.shown()).toHaveLength(1);
    await collectGarbage();
    expect(FakeNotification.shown()).toHaveLength(0);
  });
});

describe('tray (shell/browser/ui/tray_icon_cocoa.mm)', () => {
  beforeEach(() => app.emitReady());

  it('on macOS, a click on an icon with a menu emits click and opens the menu', () => {
    fakeSystem.platform = 'darwin';
    const tray = new FakeTray('/icon.png');
    tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Quit' }]));
    let clicks = 0;
    tray.on('click', () => (clicks += 1));
    tray.click();
    expect([clicks, tray.menuOpenCount]).toEqual([1, 1]);
  });

  it('on Windows, a left click does not open the menu', () => {
    fakeSystem.platform = 'win32';
    const tray = new FakeTray('/icon.png');
    tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Quit' }]));
    tray.click();
    expect(tray.menuOpenCount).toBe(0);
  });
});

describe('objects that need ready', () => {
  it('BrowserWindow, Tray and globalShortcut throw before ready', () => {
    expect(() => new BrowserWindow()).toThrow('Cannot create BrowserWindow before app is ready');
    expect(() => new FakeTray('/icon.png')).toThrow('Cannot create Tray before app is ready');
    expect(() => globalShortcut.register('F8', () => {})).toThrow('globalShortcut cannot be used before the app is ready');
    expect(() => globalShortcut.unregisterAll()).toThrow('globalShortcut cannot be used before the app is ready');
  });

  it('safeStorage is unavailable before ready (electron_api_safe_storage.cc), on Windows and Linux alike', () => {
    for (const platform of ['win32', 'linux'] as const) {
      fakeSystem.platform = platform;
      expect(safeStorage.isEncryptionAvailable()).toBe(false);
      expect(safeStorage.getSelectedStorageBackend()).toBe('unknown');
      expect(() => safeStorage.encryptString('pw')).toThrow('safeStorage cannot be used before app is ready');
    }
    app.emitReady();
    expect(safeStorage.isEncryptionAvailable()).toBe(true);
  });
});

describe('globalShortcut on the Wayland portal (electron_api_global_shortcut.cc)', () => {
  beforeEach(() => {
    app.emitReady();
    globalShortcut.portal = true;
  });

  it('says yes to every register(), even for a key another app holds', () => {
    globalShortcut.ownedByOtherApps.add('f8');
    expect(globalShortcut.register('F8', () => {})).toBe(true);
  });

  it('ignores unregister(); only unregisterAll() releases a binding', () => {
    globalShortcut.register('F8', () => {});
    globalShortcut.unregister('F8');
    expect(globalShortcut.press('F8')).toBe(true);
    globalShortcut.unregisterAll();
    expect(globalShortcut.press('F8')).toBe(false);
  });
});

describe('protocol.registerSchemesAsPrivileged (electron_api_protocol.cc)', () => {
  it('keeps only the last call’s secure/fetch privileges, so it must be called once', () => {
    protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    protocol.registerSchemesAsPrivileged([{ scheme: 'other', privileges: { secure: true } }]);
    expect(protocol.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true } },
      { scheme: 'other', privileges: { secure: true } },
    ]);
    expect(protocol.privilegedRegistrations).toBe(2);
  });
});

describe("second-instance (docs/api/app.md)", () => {
  it('puts Chromium’s switches, its own included, before the link, and waits for ready', () => {
    const seen: string[][] = [];
    app.on('second-instance', (_event: unknown, argv: string[]) => seen.push(argv));
    app.launchSecondInstance(['/opt/Softphone/softphone', 'sip:1002@pbx', '--enable-logging']);
    expect(seen).toEqual([]);
    app.emitReady();
    expect(seen).toEqual([['/opt/Softphone/softphone', '--enable-logging', '--original-process-start-time=13400000000000000', 'sip:1002@pbx']]);
  });
});

describe('windows on Wayland (docs/api/browser-window.md)', () => {
  it('cannot be positioned or kept on top', () => {
    fakeSystem.displayServer = 'wayland';
    app.emitReady();
    const popup = new BrowserWindow({ x: 10, y: 10, alwaysOnTop: true });
    expect(popup.position).toBeNull();
    expect(popup.isAlwaysOnTop()).toBe(false);
  });

  it('on Windows, a minimised window is not visible', () => {
    fakeSystem.platform = 'win32';
    app.emitReady();
    const window = new BrowserWindow();
    window.show();
    window.minimize();
    expect(window.isVisible()).toBe(false);
  });
});
