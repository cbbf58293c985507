// Runs sandboxed before the page, in an isolated world. Exposes exactly one object,
// `window.softphone`, and nothing else. Bundled to a single CommonJS file because a
// sandboxed preload can only require 'electron', 'events', 'timers' and 'url'.

import { contextBridge, ipcRenderer } from 'electron';
import { createSoftphoneBridge } from './softphone-bridge';

contextBridge.exposeInMainWorld('softphone', createSoftphoneBridge(ipcRenderer));
