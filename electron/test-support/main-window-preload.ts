// The main window's real preload, loaded into a window of the shared Electron fake, and the
// real IPC router on the main side: what tests of the bridge and of the renderer's desktop
// adapter both stand on. The calling test file must `vi.mock('electron', ...)` with the fake.

import type { SoftphoneBridge } from '../../shared/ipc-contract';
import { APP_ENTRY_URL } from '../app-origin';
import { createIpcRouter, type IpcRouter } from '../ipc-router';
import { createWindowRegistry } from '../window-registry';
import { serveBlankAppPages } from './app-pages';
import { app, BrowserWindow, contextBridge, ipcMain, ipcRenderer, resetElectronFake } from './electron-fake';

export async function loadMainWindowPreload(): Promise<{ window: BrowserWindow; bridge: SoftphoneBridge }> {
  resetElectronFake();
  app.emitReady();
  serveBlankAppPages();
  const window = new BrowserWindow();
  await window.loadURL(APP_ENTRY_URL);
  ipcRenderer.bind(window.webContents);
  await import('../preload');
  return { window, bridge: contextBridge.mainWorld.softphone as SoftphoneBridge };
}

/** The main process's router, accepting messages from `window` only. */
export function mainRouterFor(window: BrowserWindow): IpcRouter {
  const windows = createWindowRegistry<BrowserWindow>();
  windows.add(window);
  return createIpcRouter({ ipcMain, isOwnWebContents: (contents) => windows.has(contents), log: () => {} });
}
