// The softphone's main window. Every security-relevant web preference is spelled out here,
// even where it matches Electron's default, so a reader (or an upgrade that changes a
// default) can see at once that the page has no Node.js, runs sandboxed and isolated from
// the preload, and keeps web security on.

import type { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import type { WindowOptions } from './window-options';
import { secureWebPreferences } from './secure-web-preferences';

export function mainWindowOptions(preloadPath: string): WindowOptions {
  return {
    width: 420,
    height: 720,
    minWidth: 360,
    minHeight: 560,
    title: 'Softphone',
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      ...secureWebPreferences(preloadPath),
      // An incoming call must ring and its timers run while the window is hidden in the tray or
      // minimised: throttled timers would delay the call's events, and so the ringtone.
      backgroundThrottling: false,
    },
  };
}

type WindowConstructor<W> = new (options: WindowOptions) => W;

/** What this module needs of a BrowserWindow; the real class and the test fake both fit. */
export interface MainWindowLike {
  loadURL: BrowserWindow['loadURL'];
  show(): void;
  isDestroyed(): boolean;
  once(event: 'ready-to-show', listener: () => void): unknown;
}

export function createMainWindow<W extends MainWindowLike>(BrowserWindowClass: WindowConstructor<W>, preloadPath: string): W {
  const window = new BrowserWindowClass(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    // A window closed while loading rejects its load; only a real failure is worth a word.
    if (!window.isDestroyed()) console.error(`[window] could not load ${APP_ENTRY_URL}:`, error);
  });
  return window;
}
