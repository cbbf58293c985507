import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScreenSharePickerBridge } from '../shared/ipc-contract';
import { createIpcRouter } from './ipc-router';
import { SCREEN_SHARE_PICKER_VIEW_SWITCH } from './preload-roles';
import { SCREEN_SHARE_PICKER_PAGE_URL } from './screen-share-picker';
import { serveBlankAppPages } from './test-support/app-pages';
import { app, BrowserWindow, contextBridge, ipcMain, ipcRenderer, resetElectronFake } from './test-support/electron-fake';

vi.mock('electron', () => import('./test-support/electron-fake'));

let picker: BrowserWindow;
let bridge: ScreenSharePickerBridge;

beforeAll(async () => {
  resetElectronFake();
  app.emitReady();
  serveBlankAppPages();
  // What Electron does with webPreferences.additionalArguments in a sandboxed renderer.
  process.argv.push(SCREEN_SHARE_PICKER_VIEW_SWITCH);
  picker = new BrowserWindow();
  await picker.loadURL(SCREEN_SHARE_PICKER_PAGE_URL);
  ipcRenderer.bind(picker.webContents);
  await import('./preload');
  bridge = contextBridge.mainWorld.screenSharePicker as ScreenSharePickerBridge;
});

afterAll(() => {
  process.argv.splice(process.argv.indexOf(SCREEN_SHARE_PICKER_VIEW_SWITCH), 1);
});

describe('preload in the screen-share picker', () => {
  it('exposes only window.screenSharePicker, with nothing of the phone', () => {
    expect(Object.keys(contextBridge.mainWorld)).toEqual(['screenSharePicker']);
    expect(Object.keys(bridge).sort()).toEqual(['cancel', 'choose', 'onSources']);
  });

  it('receives the sources and sends the choice or the cancel, without handing out IPC events', () => {
    const router = createIpcRouter({ ipcMain, isOwnWebContents: (contents) => (contents as unknown) === picker.webContents, log: () => {} });
    const answers: unknown[] = [];
    router.listen('screen-picker:choose', (choice) => answers.push(choice));
    router.listen('screen-picker:cancel', () => answers.push('cancel'));
    const received: unknown[][] = [];
    const unsubscribe = bridge.onSources((...args) => received.push(args));
    const source = { id: 'screen:0:0', name: 'Entire screen', kind: 'screen' as const, thumbnailDataUrl: null, iconDataUrl: null };
    router.emit(picker.webContents, 'screen-picker:sources', [source]);
    bridge.choose('screen:0:0');
    bridge.cancel();
    unsubscribe();
    router.emit(picker.webContents, 'screen-picker:sources', [source]);
    expect(received).toEqual([[[source]]]);
    expect(answers).toEqual([{ sourceId: 'screen:0:0' }, 'cancel']);
    router.dispose();
  });
});
