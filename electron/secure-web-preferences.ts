// Every window of the app gets the same hardened web preferences (Electron's security
// checklist): page code never reaches Node, runs in the OS sandbox and in its own JavaScript
// world, and talks to the main process only through our preload. One definition, so a new
// window cannot forget an item.

import type { WebPreferences } from 'electron';

/** `role` picks the preload's API (main window, popup, picker) through a command-line switch. */
export function secureWebPreferences(preloadPath: string, roleSwitch?: string): WebPreferences {
  return {
    preload: preloadPath,
    ...(roleSwitch ? { additionalArguments: [roleSwitch] } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // An incoming call must be heard even when nobody has touched the window since it opened
    // (started at login, hidden in the tray): the renderer's ringtone may start without a user
    // gesture. Electron's default today, spelled out so an upgrade cannot swallow the first ring.
    autoplayPolicy: 'no-user-gesture-required',
  };
}
