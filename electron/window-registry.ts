// The windows that host our own UI. IPC is trusted only from these web contents, and
// main-to-renderer events (tray, notifications, links later) are delivered to them.

import type { BrowserWindow } from 'electron';

export type RegisteredWindow = Pick<BrowserWindow, 'isDestroyed'> & {
  readonly webContents: object;
  once(event: 'closed', listener: () => void): unknown;
};

export interface WindowRegistry<W extends RegisteredWindow> {
  /** Tracks `window` until it is closed. */
  add(window: W): W;
  /** Whether `contents` belong to one of our open windows. */
  has(contents: object): boolean;
  all(): W[];
}

export function createWindowRegistry<W extends RegisteredWindow>(): WindowRegistry<W> {
  const windows = new Set<W>();
  return {
    add(window) {
      windows.add(window);
      window.once('closed', () => windows.delete(window));
      return window;
    },
    has(contents) {
      for (const window of windows) {
        if (!window.isDestroyed() && window.webContents === contents) return true;
      }
      return false;
    },
    all() {
      return [...windows].filter((window) => !window.isDestroyed());
    },
  };
}
