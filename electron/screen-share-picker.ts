// The window in which the user chooses the screen or window to share. It is a small modal child
// of the main window, as locked down as the main window, and its page
// (app://softphone/screen-share-picker/) gets a preload API of three functions only. Its IPC
// goes through its own router that accepts nothing from any other window; a chosen id is
// acted on only if this picker offered it, so a forged id can never start a capture of
// something the user was not shown.

import type { WebContents } from 'electron';
import type { ScreenShareSource } from '../shared/ipc-contract';
import { APP_ORIGIN } from './app-origin';
import { createIpcRouter, type IpcMainPort, type IpcRejection } from './ipc-router';
import { SCREEN_SHARE_PICKER_VIEW_SWITCH } from './preload-roles';
import type { WindowOptions } from './window-options';
import { secureWebPreferences } from './secure-web-preferences';

export const SCREEN_SHARE_PICKER_PAGE_URL = `${APP_ORIGIN}/screen-share-picker/index.html`;
export const PICKER_SIZE = { width: 760, height: 560 };
/** A picker nobody answers gives up, so a forgotten window does not hold getDisplayMedia forever. */
export const PICKER_TIMEOUT_MS = 120_000;

/** Window options: modal over `parent`, sandboxed and isolated like every window of ours. */
export function screenSharePickerOptions<P>(preloadPath: string, parent: P | null): WindowOptions<P> {
  return {
    ...PICKER_SIZE,
    minWidth: 480,
    minHeight: 360,
    title: 'Choose what to share',
    ...(parent === null ? {} : { parent, modal: true }),
    show: false,
    resizable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, SCREEN_SHARE_PICKER_VIEW_SWITCH),
  };
}

export interface PickerWindowLike {
  readonly webContents: Pick<WebContents, 'send' | 'isDestroyed'> & {
    once(event: 'did-finish-load', listener: () => void): unknown;
  };
  loadURL(url: string): Promise<void>;
  show(): void;
  destroy(): void;
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
}

export interface ScreenSharePickerPorts<W extends PickerWindowLike, P> {
  BrowserWindow: new (options: WindowOptions<P>) => W;
  ipcMain: IpcMainPort;
  preloadPath: string;
  /** The window the picker is modal to (the main window), or null when there is none. */
  parent: () => P | null;
  timeoutMs?: number;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  log?: (message: string) => void;
}

export interface ScreenSharePicker {
  /**
   * Shows `sources` and resolves with the id the user chose, or null on Cancel, Escape,
   * closing the window or the timeout. Resolves null at once if a picker is already open.
   */
  choose(sources: readonly ScreenShareSource[]): Promise<string | null>;
  isOpen(): boolean;
  /** Closes an open picker (its choice resolves null) and stops listening. */
  dispose(): void;
}

export function createScreenSharePicker<W extends PickerWindowLike, P>(ports: ScreenSharePickerPorts<W, P>): ScreenSharePicker {
  const setTimer = ports.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
  const clearTimer = ports.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  const log = ports.log ?? ((message) => console.warn(`[screen-share] ${message}`));

  let open: { window: W; offered: ReadonlySet<string>; timer: unknown; resolve: (id: string | null) => void } | null = null;

  const router = createIpcRouter({
    ipcMain: ports.ipcMain,
    isOwnWebContents: (contents) => open !== null && !open.window.isDestroyed() && open.window.webContents === contents,
    log: (rejection: IpcRejection) => log(`rejected ${rejection.message}`),
  });
  router.listen('screen-picker:choose', ({ sourceId }) => {
    if (!open) return;
    // Ignored, not treated as a cancel: the picker stays up for a real choice.
    if (!open.offered.has(sourceId)) return log(`ignored a source the picker did not offer: ${sourceId.slice(0, 80)}`);
    finish(sourceId);
  });
  router.listen('screen-picker:cancel', () => finish(null));

  function finish(choice: string | null) {
    const current = open;
    if (!current) return;
    open = null;
    clearTimer(current.timer);
    if (!current.window.isDestroyed()) current.window.destroy();
    current.resolve(choice);
  }

  return {
    choose(sources) {
      if (open) return Promise.resolve(null);
      return new Promise((resolve) => {
        const window = new ports.BrowserWindow(screenSharePickerOptions(ports.preloadPath, ports.parent()));
        const timer = setTimer(() => finish(null), ports.timeoutMs ?? PICKER_TIMEOUT_MS);
        const current = { window, offered: new Set(sources.map((source) => source.id)), timer, resolve };
        open = current;
        window.once('closed', () => {
          if (open === current) finish(null);
        });
        window.webContents.once('did-finish-load', () => {
          if (open !== current) return;
          router.emit(window.webContents, 'screen-picker:sources', [...sources]);
          // Shown (and focused) only once it has something to show, so keys go to the choices.
          window.show();
        });
        window.loadURL(SCREEN_SHARE_PICKER_PAGE_URL).catch((error: unknown) => {
          log(`could not load the picker page: ${String(error)}`);
          if (open === current) finish(null);
        });
      });
    },
    isOpen: () => open !== null,
    dispose() {
      finish(null);
      router.dispose();
    },
  };
}
