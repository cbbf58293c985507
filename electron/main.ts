// Entry point of the main process (bundled to dist/electron/main.cjs). Everything else lives
// in small modules; this file only supplies the real Electron objects and the file layout.

import {
  app,
  BrowserWindow,
  desktopCapturer,
  globalShortcut,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
} from 'electron';
import { bundledAppPaths, startApp } from './app-lifecycle';

// Bundled as CommonJS, so __dirname is dist/electron (inside app.asar once packaged).
const running = startApp(
  { app, BrowserWindow, desktopCapturer, ipcMain, protocol, safeStorage, session, shell, Tray, Menu, Notification, globalShortcut, screen },
  bundledAppPaths(__dirname),
);

// The Playwright _electron suite reads the tray through `electronApp.evaluate`, since no
// test can see the OS tray. Only when the suite asks for it; nothing else reads this.
if (running && process.env.SOFTPHONE_E2E_HOOKS === '1') {
  Object.assign(globalThis, { __softphoneApp: running });
}
