// Runs sandboxed before the page, in an isolated world. Exposes exactly one object and nothing
// else: `window.softphone` in the main window, or, in the incoming-call popup (which the main
// process marks with an extra command-line switch), the much smaller `window.incomingCall`,
// so a popup page can never reach the account, preferences or dialling. Bundled to a single
// CommonJS file because a sandboxed preload can only require 'electron', 'events', 'timers'
// and 'url'.

import { contextBridge, ipcRenderer } from 'electron';
import { INCOMING_CALL_VIEW_SWITCH } from './preload-roles';
import { createIncomingCallBridge, createSoftphoneBridge } from './softphone-bridge';

if (process.argv.includes(INCOMING_CALL_VIEW_SWITCH)) {
  contextBridge.exposeInMainWorld('incomingCall', createIncomingCallBridge(ipcRenderer));
} else {
  contextBridge.exposeInMainWorld('softphone', createSoftphoneBridge(ipcRenderer));
}
