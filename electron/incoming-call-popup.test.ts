import { beforeEach, describe, expect, it } from 'vitest';
import type { IpcArgs } from '../shared/ipc-contract';
import {
  createIncomingCallPopup,
  INCOMING_CALL_PAGE_URL,
  incomingCallPopupOptions,
  incomingCallView,
} from './incoming-call-popup';
import { INCOMING_CALL_VIEW_SWITCH } from './preload-roles';
import { incomingRinging } from './test-support/calls';
import { serveBlankAppPages } from './test-support/app-pages';
import { app, BrowserWindow, ipcMain, resetElectronFake, screen, senderAt } from './test-support/electron-fake';

const nextTask = () => new Promise((resolve) => setImmediate(resolve));

let actions: Array<IpcArgs<'popup:action'>>;
beforeEach(() => {
  resetElectronFake();
  app.emitReady();
  serveBlankAppPages();
  actions = [];
});

function popup() {
  return createIncomingCallPopup({ BrowserWindow, ipcMain, screen, preloadPath: '/app/preload.cjs' }, (action) => actions.push(action));
}

describe('incoming-call popup content', () => {
  it('shows the name large and the number under it', () => {
    expect(incomingCallView(incomingRinging('c1@pbx', { displayName: 'Alice', number: '1002' }))).toEqual({
      callId: 'c1@pbx',
      title: 'Alice',
      detail: '\u20681002\u2069 is calling',
    });
    expect(incomingCallView(incomingRinging('c2@pbx', { displayName: '1003', number: '1003' }))).toEqual({
      callId: 'c2@pbx',
      title: '1003',
      detail: 'Incoming call',
    });
  });

  it('shows a hostile caller without bidi or invisible characters, the number isolated', () => {
    const view = incomingCallView(incomingRinging('c3@pbx', { displayName: '\u202Elive\u200B', number: '10\u202E02' }));
    expect(view.title).toBe('live');
    // First-strong isolate around the number, so a right-to-left name or number cannot reorder the sentence.
    expect(view.detail).toBe('\u20681002\u2069 is calling');
    const blank = incomingCallView(incomingRinging('c4@pbx', { displayName: '\u2066\u2069', number: '1004' }));
    expect(blank).toMatchObject({ title: '1004', detail: 'Incoming call' });
  });

  it('is an unfocusable, always-on-top, sandboxed window in the bottom-right corner', () => {
    const options = incomingCallPopupOptions('/app/preload.cjs', { x: 0, y: 0, width: 1920, height: 1040 });
    expect(options).toMatchObject({ focusable: false, alwaysOnTop: true, skipTaskbar: true, frame: false, show: false, x: 1564, y: 896 });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      additionalArguments: [INCOMING_CALL_VIEW_SWITCH],
    });
  });
});

describe('incoming-call popup window', () => {
  it('loads its page, sends the call and shows without taking focus', async () => {
    popup().show(incomingRinging('c1@pbx'));
    const [window] = BrowserWindow.getAllWindows();
    expect(window?.webContents.getURL()).toBe(INCOMING_CALL_PAGE_URL);
    expect(window?.visible).toBe(false);
    await nextTask();
    expect(window?.visible).toBe(true);
    expect(window?.focused).toBe(false);
    expect(window?.webContents.sent).toEqual([{ channel: 'popup:show-call', args: [{ callId: 'c1@pbx', title: 'Alice', detail: '\u20681002\u2069 is calling' }] }]);
  });

  it('answers from its button and closes', async () => {
    popup().show(incomingRinging('c1@pbx'));
    const window = BrowserWindow.getAllWindows()[0]!;
    await nextTask();
    ipcMain.sendFrom(senderAt(INCOMING_CALL_PAGE_URL, { contents: window.webContents }), 'popup:action', { callId: 'c1@pbx', action: 'answer' });
    expect(actions).toEqual([{ callId: 'c1@pbx', action: 'answer' }]);
    expect(window.isDestroyed()).toBe(true);
  });

  it('ignores actions from other windows and for calls it does not show', async () => {
    popup().show(incomingRinging('c1@pbx'));
    const window = BrowserWindow.getAllWindows()[0]!;
    const other = new BrowserWindow();
    ipcMain.sendFrom(senderAt(INCOMING_CALL_PAGE_URL, { contents: other.webContents }), 'popup:action', { callId: 'c1@pbx', action: 'answer' });
    ipcMain.sendFrom(senderAt(INCOMING_CALL_PAGE_URL, { contents: window.webContents }), 'popup:action', { callId: 'c9@pbx', action: 'decline' });
    expect(actions).toEqual([]);
    expect(window.isDestroyed()).toBe(false);
  });

  it('closes when its call stops ringing, and not for another call', () => {
    const calls = popup();
    calls.show(incomingRinging('c1@pbx'));
    const window = BrowserWindow.getAllWindows()[0]!;
    calls.close('c2@pbx');
    expect(window.isDestroyed()).toBe(false);
    calls.close('c1@pbx');
    expect(window.isDestroyed()).toBe(true);
  });

  it('replaces the popup when another call rings', () => {
    const calls = popup();
    calls.show(incomingRinging('c1@pbx'));
    calls.show(incomingRinging('c2@pbx'));
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
  });
});
