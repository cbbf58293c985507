// Runs sandboxed before the page, in an isolated world. Exposes exactly one object and nothing
// else: `window.softphone` in the main window, or, in the incoming-call popup and the
// screen-share picker (which the main process marks with an extra command-line switch), the
// much smaller `window.incomingCall` or `window.screenSharePicker`, so those pages can never
// reach the account, preferences or dialling. Bundled to a single
// CommonJS file because a sandboxed preload can only require 'electron', 'events', 'timers'
// and 'url'.

import { contextBridge, ipcRenderer } from 'electron';
import { INCOMING_CALL_VIEW_SWITCH, SCREEN_SHARE_PICKER_VIEW_SWITCH } from './preload-roles';
import { createIncomingCallBridge, createScreenSharePickerBridge, createSoftphoneBridge } from './softphone-bridge';

if (process.argv.includes(INCOMING_CALL_VIEW_SWITCH)) {
  contextBridge.exposeInMainWorld('incomingCall', createIncomingCallBridge(ipcRenderer));
} else if (process.argv.includes(SCREEN_SHARE_PICKER_VIEW_SWITCH)) {
  contextBridge.exposeInMainWorld('screenSharePicker', createScreenSharePickerBridge(ipcRenderer));
} else {
  contextBridge.exposeInMainWorld('softphone', createSoftphoneBridge(ipcRenderer));
}
