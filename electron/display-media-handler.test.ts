import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-origin';
import { displayMediaRequestProblem, installDisplayMediaHandler } from './display-media-handler';
import { createScreenSharePicker, SCREEN_SHARE_PICKER_PAGE_URL, type ScreenSharePicker } from './screen-share-picker';
import { serveBlankAppPages } from './test-support/app-pages';
import { app, BrowserWindow, desktopCapturer, FakeWebFrameMain, ipcMain, resetElectronFake, senderAt, session } from './test-support/electron-fake';

const nextTask = () => new Promise((resolve) => setImmediate(resolve));

let mainWindow: BrowserWindow;
let picker: ScreenSharePicker;
let logged: string[];
let timers: Array<{ callback: () => void; delayMs: number; cleared: boolean }>;

const DESKTOP = [
  { id: 'window:21:0', name: 'Mail' },
  { id: 'screen:0:0', name: 'Entire Screen' },
  { id: 'window:22:0', name: 'Editor' },
];

beforeEach(async () => {
  resetElectronFake();
  app.emitReady();
  serveBlankAppPages();
  logged = [];
  timers = [];
  mainWindow = new BrowserWindow();
  await mainWindow.loadURL(APP_ENTRY_URL);
  desktopCapturer.sources = DESKTOP;
  picker = createScreenSharePicker({
    BrowserWindow,
    ipcMain,
    preloadPath: '/app/preload.cjs',
    parent: () => mainWindow,
    setTimer: (callback, delayMs) => {
      const timer = { callback, delayMs, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => {
      (timer as (typeof timers)[number]).cleared = true;
    },
    log: (message) => logged.push(message),
  });
  installDisplayMediaHandler(session.defaultSession, { desktopCapturer, picker, log: (message) => logged.push(message) });
});

/** getDisplayMedia() from the main window's page. */
const shareFromMainWindow = () => session.defaultSession.requestDisplayMedia(mainWindow.webContents.mainFrame);

/** Waits for the picker window to have loaded and been shown. */
async function openPicker(): Promise<BrowserWindow> {
  for (let i = 0; i < 5; i += 1) {
    await nextTask();
    const window = BrowserWindow.getAllWindows().find((candidate) => candidate.webContents.getURL() === SCREEN_SHARE_PICKER_PAGE_URL);
    if (window?.visible) return window;
  }
  throw new Error('no picker window was shown');
}

const pickerSender = (window: BrowserWindow) => senderAt(SCREEN_SHARE_PICKER_PAGE_URL, { contents: window.webContents });
const offered = (window: BrowserWindow) => window.webContents.sent.filter((message) => message.channel === 'screen-picker:sources').map((message) => message.args[0]);

describe('which requests are answered', () => {
  it('refuses a foreign page, a subframe and a frame that is gone, without listing the desktop', async () => {
    const foreign = new BrowserWindow();
    await foreign.loadURL('https://evil.example/share');
    expect(await session.defaultSession.requestDisplayMedia(foreign.webContents.mainFrame)).toEqual({ granted: false, error: 'AbortError', message: 'Invalid capture constraints' });
    const subframe = new FakeWebFrameMain('app://softphone/embedded.html', mainWindow.webContents.mainFrame);
    expect((await session.defaultSession.requestDisplayMedia(subframe)).granted).toBe(false);
    expect((await session.defaultSession.requestDisplayMedia(null, { securityOrigin: 'app://softphone' })).granted).toBe(false);
    // Our own frame URL with a foreign security origin (a data: or blob: document inside it).
    expect((await session.defaultSession.requestDisplayMedia(mainWindow.webContents.mainFrame, { securityOrigin: 'https://evil.example' })).granted).toBe(false);
    expect(desktopCapturer.requests).toEqual([]);
    expect(BrowserWindow.getAllWindows()).toHaveLength(2);
  });

  it('refuses with null, never with an empty object that Electron would throw on', async () => {
    const foreign = new FakeWebFrameMain('https://evil.example/');
    await session.defaultSession.requestDisplayMedia(foreign);
    expect(session.defaultSession.displayMediaCallbackErrors).toEqual([]);
  });

  it('names the reason a request is refused', () => {
    const frame = { url: APP_ENTRY_URL, parent: null };
    expect(displayMediaRequestProblem({ frame, securityOrigin: 'app://softphone', videoRequested: true })).toBeNull();
    expect(displayMediaRequestProblem({ frame, securityOrigin: 'app://softphone', videoRequested: false })).toBe('no-video-requested');
    expect(displayMediaRequestProblem({ frame: { url: 'file:///etc/passwd', parent: null }, securityOrigin: 'file://', videoRequested: true })).toBe('foreign-frame');
  });
});

describe('choosing a source', () => {
  it('asks for screens and windows with thumbnails and window icons', async () => {
    const request = shareFromMainWindow();
    await openPicker();
    expect(desktopCapturer.requests).toEqual([{ types: ['screen', 'window'], thumbnailSize: { width: 320, height: 180 }, fetchWindowIcons: true }]);
    ipcMain.sendFrom(pickerSender(BrowserWindow.getAllWindows()[1]!), 'screen-picker:cancel', undefined);
    await request;
  });

  it('uses a lone source at once, without a picker (Wayland: the system dialog already chose)', async () => {
    desktopCapturer.sources = [{ id: 'screen:54:0', name: 'Entire Screen' }];
    expect(await shareFromMainWindow()).toEqual({ granted: true, video: { id: 'screen:54:0', name: 'Entire Screen' } });
    expect(BrowserWindow.getAllWindows()).toEqual([mainWindow]);
  });

  it('refuses when there is nothing to share, or the desktop cannot be listed', async () => {
    desktopCapturer.sources = [];
    expect((await shareFromMainWindow()).granted).toBe(false);
    desktopCapturer.sources = DESKTOP;
    desktopCapturer.failure = new Error('Failed to get sources.');
    expect((await shareFromMainWindow()).granted).toBe(false);
    expect(logged.some((line) => line.includes('Failed to get sources.'))).toBe(true);
    // Not left busy by the failure.
    desktopCapturer.failure = null;
    const request = shareFromMainWindow();
    ipcMain.sendFrom(pickerSender(await openPicker()), 'screen-picker:choose', { sourceId: 'window:22:0' });
    expect((await request).granted).toBe(true);
  });

  it('shows the picker as a modal child of the main window, screens first', async () => {
    const request = shareFromMainWindow();
    const window = await openPicker();
    expect(window.getParentWindow()).toBe(mainWindow);
    expect(window.options.modal).toBe(true);
    expect(window.focused).toBe(true);
    expect(offered(window)).toEqual([
      [
        expect.objectContaining({ id: 'screen:0:0', name: 'Entire screen', kind: 'screen' }),
        expect.objectContaining({ id: 'window:21:0', name: 'Mail', kind: 'window' }),
        expect.objectContaining({ id: 'window:22:0', name: 'Editor', kind: 'window' }),
      ],
    ]);
    ipcMain.sendFrom(pickerSender(window), 'screen-picker:cancel', undefined);
    await request;
  });

  it('grants the chosen source and closes the picker', async () => {
    const request = shareFromMainWindow();
    const window = await openPicker();
    ipcMain.sendFrom(pickerSender(window), 'screen-picker:choose', { sourceId: 'screen:0:0' });
    expect(await request).toEqual({ granted: true, video: { id: 'screen:0:0', name: 'Entire Screen' } });
    expect(window.isDestroyed()).toBe(true);
    expect(timers[0]?.cleared).toBe(true);
  });

  it('refuses on Cancel, on closing the window and on the timeout', async () => {
    let request = shareFromMainWindow();
    ipcMain.sendFrom(pickerSender(await openPicker()), 'screen-picker:cancel', undefined);
    expect(await request).toEqual({ granted: false, error: 'AbortError', message: 'Invalid capture constraints' });

    request = shareFromMainWindow();
    (await openPicker()).close();
    expect((await request).granted).toBe(false);

    request = shareFromMainWindow();
    const window = await openPicker();
    const timer = timers.at(-1)!;
    expect(timer.delayMs).toBe(120_000);
    timer.callback();
    expect((await request).granted).toBe(false);
    expect(window.isDestroyed()).toBe(true);
    expect(session.defaultSession.displayMediaCallbackErrors).toEqual([]);
  });

  it('ignores an id it did not offer, and still takes a real choice after', async () => {
    let settled = false;
    const request = shareFromMainWindow().finally(() => (settled = true));
    const window = await openPicker();
    ipcMain.sendFrom(pickerSender(window), 'screen-picker:choose', { sourceId: 'screen:9:0' });
    await nextTask();
    expect(settled).toBe(false);
    expect(window.isDestroyed()).toBe(false);
    expect(picker.isOpen()).toBe(true);
    expect(logged.some((line) => line.includes('did not offer: screen:9:0'))).toBe(true);
    ipcMain.sendFrom(pickerSender(window), 'screen-picker:choose', { sourceId: 'window:21:0' });
    expect(await request).toEqual({ granted: true, video: { id: 'window:21:0', name: 'Mail' } });
  });

  it('takes a choice only from the picker window itself', async () => {
    let settled = false;
    const request = shareFromMainWindow().finally(() => (settled = true));
    const window = await openPicker();
    ipcMain.sendFrom(senderAt(SCREEN_SHARE_PICKER_PAGE_URL, { contents: mainWindow.webContents }), 'screen-picker:choose', { sourceId: 'screen:0:0' });
    ipcMain.sendFrom(senderAt('https://evil.example/', { contents: window.webContents }), 'screen-picker:choose', { sourceId: 'screen:0:0' });
    await nextTask();
    expect(settled).toBe(false);
    expect(logged.filter((line) => line.startsWith('rejected screen-picker:choose: foreign-sender'))).toHaveLength(2);
    window.close();
    expect((await request).granted).toBe(false);
  });

  it('refuses a second request while the picker is open, and keeps the first one going', async () => {
    const first = shareFromMainWindow();
    const window = await openPicker();
    expect(await shareFromMainWindow()).toEqual({ granted: false, error: 'AbortError', message: 'Invalid capture constraints' });
    expect(BrowserWindow.getAllWindows()).toHaveLength(2);
    // Refused before the desktop is listed again.
    expect(desktopCapturer.requests).toHaveLength(1);
    ipcMain.sendFrom(pickerSender(window), 'screen-picker:choose', { sourceId: 'window:22:0' });
    expect(await first).toEqual({ granted: true, video: { id: 'window:22:0', name: 'Editor' } });
  });

  it('closes with the main window, which refuses the request', async () => {
    const request = shareFromMainWindow();
    const window = await openPicker();
    mainWindow.destroy();
    expect(window.isDestroyed()).toBe(true);
    expect((await request).granted).toBe(false);
  });
});
