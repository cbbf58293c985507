import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallSession } from '../shared/call-session';
import { APP_ENTRY_URL } from './app-origin';
import { startApp, type AppPaths } from './app-lifecycle';
import * as electron from './test-support/electron-fake';
import { app, BrowserWindow, ipcMain, protocol, resetElectronFake, senderAt } from './test-support/electron-fake';

const account = {
  serverUrl: 'wss://pbx.example.com:8089/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};

let base: string;
let paths: AppPaths;

beforeEach(async () => {
  resetElectronFake();
  base = await mkdtemp(path.join(tmpdir(), 'app-lifecycle-'));
  paths = { preload: path.join(base, 'preload.cjs'), webRoot: path.join(base, 'web') };
  await mkdir(paths.webRoot);
  await writeFile(path.join(paths.webRoot, 'index.html'), '<!doctype html>');
  app.setPath('userData', path.join(base, 'user-data'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function started(platform: NodeJS.Platform = 'linux') {
  const running = startApp(electron, paths, platform);
  if (!running) throw new Error('the app did not start');
  app.emitReady();
  await running.ready;
  const [window] = BrowserWindow.getAllWindows();
  if (!window) throw new Error('no window was opened');
  return { running, window, sender: senderAt(APP_ENTRY_URL, { contents: window.webContents }) };
}

describe('start-up order', () => {
  it('sandboxes, locks and registers the scheme before ready, and opens the window after', async () => {
    const { window } = await started();
    expect(app.calls.slice(0, 4)).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'registerSchemesAsPrivileged', 'ready']);
    expect(app.sandboxEnabled).toBe(true);
    expect(window.webContents.getURL()).toBe(APP_ENTRY_URL);
    expect(window.options.webPreferences?.preload).toBe(paths.preload);
  });

  it('quits at once when another instance already runs', () => {
    app.singleInstanceLockAvailable = false;
    expect(startApp(electron, paths, 'linux')).toBeNull();
    expect(app.quitCount).toBe(1);
    expect(protocol.privilegedSchemes).toEqual([]);
    app.emitReady();
    expect(BrowserWindow.getAllWindows()).toEqual([]);
  });
});

describe('running app', () => {
  it('serves the page with a CSP naming the saved server', async () => {
    await mkdir(path.join(base, 'user-data'));
    await writeFile(path.join(base, 'user-data', 'settings.json'), JSON.stringify({ version: 1, account }));
    await started();
    const response = await protocol.fetch(APP_ENTRY_URL);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' wss://pbx.example.com:8089;");
  });

  it('guards the web contents of every window', async () => {
    const { window } = await started();
    expect(window.webContents.attemptNavigation('https://evil.example/')).toBe(true);
    expect(window.webContents.attemptWindowOpen('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('saves the account and the encrypted password through IPC, then reloads for the new CSP', async () => {
    const { sender, window } = await started();
    await expect(ipcMain.invokeFrom(sender, 'account:save', { settings: account, password: 'pw-123' })).resolves.toEqual({
      ok: true,
      passwordSaved: true,
    });
    expect(await readFile(path.join(base, 'user-data', 'settings.json'), 'utf8')).toContain('wss://pbx.example.com:8089/ws');
    expect(await readFile(path.join(base, 'user-data', 'secrets.json'), 'utf8')).not.toContain('pw-123');
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.webContents.reloadCount).toBe(1);
    expect((await protocol.fetch(APP_ENTRY_URL)).headers.get('content-security-policy')).toContain('wss://pbx.example.com:8089');

    await expect(ipcMain.invokeFrom(sender, 'account:load', undefined)).resolves.toEqual({ settings: account, password: 'pw-123', notices: [] });
    await ipcMain.invokeFrom(sender, 'account:save', { settings: { ...account, displayName: 'Alice' }, password: 'pw-123' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(window.webContents.reloadCount).toBe(1);
  });

  it('ignores IPC from a page that is not ours', async () => {
    await started();
    const stranger = senderAt('https://evil.example/', { contents: new electron.FakeWebContents() });
    await expect(ipcMain.invokeFrom(stranger, 'account:load', undefined)).rejects.toThrow(/foreign-sender/);
  });

  it('mirrors call snapshots published by the renderer', async () => {
    const { running, sender } = await started();
    const call = new CallSession({ sipCallId: 'call-1@pbx', number: '1002' }).toJSON();
    ipcMain.sendFrom(sender, 'phone:call-changed', call);
    expect(running.phone.activeCalls()).toEqual([call]);
  });

  it('brings the window back when the app is launched a second time', async () => {
    const { window } = await started();
    window.minimized = true;
    window.focused = false;
    app.emit('second-instance', {}, [], base, {});
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('quits when the last window closes, except on macOS', async () => {
    const linux = await started('linux');
    linux.window.close();
    expect(app.quitCount).toBe(1);

    resetElectronFake();
    app.setPath('userData', path.join(base, 'user-data-mac'));
    const mac = await started('darwin');
    mac.window.close();
    expect(app.quitCount).toBe(0);
    app.emit('activate');
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
  });
});
