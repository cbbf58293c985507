import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-origin';
import { createMainWindow } from './main-window';
import { serveBlankAppPages } from './test-support/app-pages';
import { app, BrowserWindow, resetElectronFake } from './test-support/electron-fake';

beforeEach(() => {
  resetElectronFake();
  app.emitReady();
  serveBlankAppPages();
});

describe('main window', () => {
  it('isolates and sandboxes the page, without Node.js, webviews or relaxed web security', () => {
    const window = createMainWindow(BrowserWindow, '/app/dist/electron/preload.cjs');
    const preferences = window.options.webPreferences ?? {};
    expect(preferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('rings without a user gesture and keeps running while hidden or minimised', () => {
    const window = createMainWindow(BrowserWindow, '/preload.cjs');
    expect(window.options.webPreferences).toMatchObject({ autoplayPolicy: 'no-user-gesture-required', backgroundThrottling: false });
  });

  it('loads our page from the app scheme, never from file://', () => {
    const window = createMainWindow(BrowserWindow, '/preload.cjs');
    expect(window.webContents.getURL()).toBe(APP_ENTRY_URL);
  });

  it('stays hidden until the first paint is ready', () => {
    const window = createMainWindow(BrowserWindow, '/preload.cjs');
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });
});
