// Entry point of the main process (bundled to dist/electron/main.cjs). Everything else lives
// in small modules; this file only supplies the real Electron objects and the file layout.

import {
  app,
  BrowserWindow,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
} from 'electron';
import { bundledAppPaths, e2eRun, startApp } from './app-lifecycle';

// Bundled as CommonJS, so __dirname is dist/electron (inside app.asar once packaged).
const running = startApp(
  { app, BrowserWindow, desktopCapturer, dialog, ipcMain, protocol, safeStorage, session, shell, systemPreferences, Tray, Menu, Notification, globalShortcut, screen },
  bundledAppPaths(__dirname, { packaged: app.isPackaged, env: process.env }),
);

// The Playwright _electron suite reads the tray through `electronApp.evaluate`, since no
// test can see the OS tray. Only when the suite asks for it, and never in an installed app.
if (running && e2eRun(app.isPackaged, process.env)) {
  Object.assign(globalThis, { __softphoneApp: running });
}
