import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IncomingCallBridge } from '../shared/ipc-contract';
import { APP_ORIGIN } from './app-origin';
import { createIpcRouter } from './ipc-router';
import { INCOMING_CALL_VIEW_SWITCH } from './preload-roles';
import { serveBlankAppPages } from './test-support/app-pages';
import { app, BrowserWindow, contextBridge, ipcMain, ipcRenderer, resetElectronFake } from './test-support/electron-fake';

vi.mock('electron', () => import('./test-support/electron-fake'));

let popup: BrowserWindow;
let bridge: IncomingCallBridge;

beforeAll(async () => {
  resetElectronFake();
  app.emitReady();
  serveBlankAppPages();
  // What Electron does with webPreferences.additionalArguments in a sandboxed renderer.
  process.argv.push(INCOMING_CALL_VIEW_SWITCH);
  popup = new BrowserWindow();
  await popup.loadURL(`${APP_ORIGIN}/incoming-call/index.html`);
  ipcRenderer.bind(popup.webContents);
  await import('./preload');
  bridge = contextBridge.mainWorld.incomingCall as IncomingCallBridge;
});

afterAll(() => {
  process.argv.splice(process.argv.indexOf(INCOMING_CALL_VIEW_SWITCH), 1);
});

describe('preload in the incoming-call popup', () => {
  it('exposes only window.incomingCall, with no account, preference or dialling function', () => {
    expect(Object.keys(contextBridge.mainWorld)).toEqual(['incomingCall']);
    expect(Object.keys(bridge).sort()).toEqual(['answer', 'decline', 'onShowCall']);
  });

  it('sends the button presses and receives what to show', () => {
    const router = createIpcRouter({ ipcMain, isOwnWebContents: (contents) => (contents as unknown) === popup.webContents, log: () => {} });
    const actions: unknown[] = [];
    router.listen('popup:action', (action) => actions.push(action));
    const shown: unknown[] = [];
    bridge.onShowCall((view) => shown.push(view));
    router.emit(popup.webContents, 'popup:show-call', { callId: 'c1', title: 'Alice', detail: '1002' });
    bridge.answer('c1');
    bridge.decline('c1');
    expect(shown).toEqual([{ callId: 'c1', title: 'Alice', detail: '1002' }]);
    expect(actions).toEqual([
      { callId: 'c1', action: 'answer' },
      { callId: 'c1', action: 'decline' },
    ]);
    router.dispose();
  });
});
