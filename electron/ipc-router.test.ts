import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-origin';
import { createIpcRouter, type IpcRejection } from './ipc-router';
import { serveBlankAppPages } from './test-support/app-pages';
import { app, BrowserWindow, FakeWebContents, ipcMain, resetElectronFake, senderAt } from './test-support/electron-fake';
import { createWindowRegistry } from './window-registry';

const account = {
  serverUrl: 'wss://pbx.example.com/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};

function setup() {
  const windows = createWindowRegistry<BrowserWindow>();
  const window = windows.add(new BrowserWindow());
  void window.loadURL(APP_ENTRY_URL);
  const rejections: IpcRejection[] = [];
  const router = createIpcRouter({
    ipcMain,
    isOwnWebContents: (contents) => windows.has(contents),
    log: (rejection) => rejections.push(rejection),
  });
  const saved: unknown[] = [];
  router.handle('account:save', (args) => {
    saved.push(args);
    return { ok: true, passwordSaved: args.password !== null };
  });
  const published: unknown[] = [];
  router.listen('phone:registration-changed', (snapshot) => published.push(snapshot));
  const ours = senderAt(APP_ENTRY_URL, { contents: window.webContents });
  return { window, router, rejections, saved, published, ours };
}

beforeEach(() => {
  resetElectronFake();
  app.emitReady();
  serveBlankAppPages();
});

describe('ipc router', () => {
  it('runs the handler for a valid payload from our page and returns its result', async () => {
    const { ours, saved, rejections } = setup();
    await expect(ipcMain.invokeFrom(ours, 'account:save', { settings: account, password: 'pw' })).resolves.toEqual({
      ok: true,
      passwordSaved: true,
    });
    expect(saved).toHaveLength(1);
    expect(rejections).toEqual([]);
  });

  it('rejects a malformed payload before the handler runs', async () => {
    const { ours, saved, rejections } = setup();
    await expect(ipcMain.invokeFrom(ours, 'account:save', { settings: { ...account, serverUrl: 'file:///etc' }, password: 'pw' })).rejects.toThrow(
      /invalid-payload/,
    );
    await expect(ipcMain.invokeFrom(ours, 'account:save', 'not an object')).rejects.toThrow(/invalid-payload/);
    expect(saved).toEqual([]);
    expect(rejections.map((rejection) => [rejection.channel, rejection.reason])).toEqual([
      ['account:save', 'invalid-payload'],
      ['account:save', 'invalid-payload'],
    ]);
  });

  it('rejects a foreign origin, a subframe, a dead frame and contents that are not our window', async () => {
    const { window, saved, rejections } = setup();
    const payload = { settings: account, password: 'pw' };
    const senders = [
      senderAt('https://evil.example/', { contents: window.webContents }),
      senderAt(APP_ENTRY_URL, { contents: window.webContents, subframeOf: APP_ENTRY_URL }),
      { webContents: window.webContents, frame: null },
      senderAt(APP_ENTRY_URL, { contents: new FakeWebContents() }),
      senderAt('app://evil/index.html', { contents: window.webContents }),
    ];
    for (const sender of senders) {
      await expect(ipcMain.invokeFrom(sender, 'account:save', payload)).rejects.toThrow(/foreign-sender/);
    }
    expect(saved).toEqual([]);
    expect(rejections.map((rejection) => rejection.reason)).toEqual(Array(senders.length).fill('foreign-sender'));
  });

  it('stops trusting a window once it is closed', async () => {
    const { window, ours, saved } = setup();
    window.close();
    await expect(ipcMain.invokeFrom(ours, 'account:save', { settings: account, password: null })).rejects.toThrow(/foreign-sender/);
    expect(saved).toEqual([]);
  });

  it('drops bad fire-and-forget messages without calling the listener', () => {
    const { window, ours, published, rejections } = setup();
    const snapshot = { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null };
    ipcMain.sendFrom(ours, 'phone:registration-changed', snapshot);
    ipcMain.sendFrom(ours, 'phone:registration-changed', { ...snapshot, status: 'hacked' });
    ipcMain.sendFrom(senderAt('https://evil.example/', { contents: window.webContents }), 'phone:registration-changed', snapshot);
    expect(published).toEqual([snapshot]);
    expect(rejections.map((rejection) => rejection.reason)).toEqual(['invalid-payload', 'foreign-sender']);
  });

  it('refuses to return a result that breaks the contract', async () => {
    const { router, ours, rejections } = setup();
    // @ts-expect-error: the handler's result type is checked statically too; this one lies.
    router.handle('shell:open-external', () => 'opened');
    await expect(ipcMain.invokeFrom(ours, 'shell:open-external', 'https://example.com/')).rejects.toThrow(/invalid-result/);
    expect(rejections.map((rejection) => rejection.reason)).toEqual(['invalid-result']);
  });

  it('sends only contract-valid events, and not to destroyed contents', () => {
    const { router, window, rejections } = setup();
    router.emit(window.webContents, 'phone:command', { kind: 'hangup', callId: 'c1' });
    // @ts-expect-error: an unknown command kind is a type error as well as a runtime rejection.
    router.emit(window.webContents, 'phone:command', { kind: 'self-destruct', callId: 'c1' });
    expect(window.webContents.sent).toEqual([{ channel: 'phone:command', args: [{ kind: 'hangup', callId: 'c1' }] }]);
    expect(rejections.map((rejection) => rejection.reason)).toEqual(['invalid-payload']);
    window.close();
    expect(() => router.emit(window.webContents, 'phone:command', { kind: 'hangup', callId: 'c1' })).not.toThrow();
  });

  it('removes everything it registered on dispose', async () => {
    const { router, ours, published } = setup();
    router.dispose();
    expect(ipcMain.hasHandler('account:save')).toBe(false);
    ipcMain.sendFrom(ours, 'phone:registration-changed', { status: 'registered', aor: null, error: null });
    expect(published).toEqual([]);
    await expect(ipcMain.invokeFrom(ours, 'account:save', { settings: account, password: null })).rejects.toThrow(/No handler/);
  });
});
