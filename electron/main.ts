// Entry point of the main process (bundled to dist/electron/main.cjs). Everything else lives
// in small modules; this file only supplies the real Electron objects and the file layout.

import path from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { startApp } from './app-lifecycle';

// Bundled as CommonJS, so __dirname is dist/electron (inside app.asar once packaged).
startApp(
  { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell },
  { preload: path.join(__dirname, 'preload.cjs'), webRoot: path.join(__dirname, '..', 'web') },
);
