// The small always-on-top window that shows an incoming call with Answer and Decline, on every
// OS (incoming-call-alerts.ts says why a notification alone is not enough anywhere). It is
// created with `focusable: false` and shown with showInactive(), so a call arriving while the
// user types never takes their keystrokes; on Wayland the compositor decides where it goes and
// whether it is on top, and its page focuses no button, so even a focused popup cannot be
// answered by a stray Enter. Its page (app://softphone/incoming-call/) gets a preload API of three functions
// only (see preload.ts), and its IPC goes through its own router that accepts nothing from
// any other window, and nothing but `popup:action` from this one.

import type { WebContents } from 'electron';
import type { IpcArgs } from '../shared/ipc-contract';
import type { CallSessionJSON } from '../shared/call-session';
import { APP_ORIGIN } from './app-origin';
import { createIpcRouter, type IpcMainPort } from './ipc-router';
import { partyIdentity, partyLabel } from './phone-calls';
import { INCOMING_CALL_VIEW_SWITCH } from './preload-roles';
import type { WindowOptions } from './window-options';
import { secureWebPreferences } from './secure-web-preferences';

export const INCOMING_CALL_PAGE_URL = `${APP_ORIGIN}/incoming-call/index.html`;
export const POPUP_SIZE = { width: 340, height: 128 };
const SCREEN_MARGIN = 16;

interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Window options: bottom-right of the work area, on top, unfocusable, and as locked down as the main window. */
export function incomingCallPopupOptions(preloadPath: string, workArea: WorkArea): WindowOptions {
  return {
    ...POPUP_SIZE,
    x: workArea.x + workArea.width - POPUP_SIZE.width - SCREEN_MARGIN,
    y: workArea.y + workArea.height - POPUP_SIZE.height - SCREEN_MARGIN,
    title: 'Incoming call',
    show: false,
    frame: false,
    resizable: false,
    movable: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    focusable: false,
    webPreferences: secureWebPreferences(preloadPath, INCOMING_CALL_VIEW_SWITCH),
  };
}

/** What the popup says about `call`. */
export function incomingCallView(call: CallSessionJSON): IpcArgs<'popup:show-call'> {
  const { name, number } = partyIdentity(call);
  return {
    callId: call.sipCallId,
    title: name || partyLabel(call),
    // First-strong isolate (U+2068…U+2069): a right-to-left number cannot reorder the sentence.
    detail: name && number ? `\u2068${number}\u2069 is calling` : 'Incoming call',
  };
}

export interface PopupWindowLike {
  readonly webContents: Pick<WebContents, 'send' | 'isDestroyed'> & {
    once(event: 'did-finish-load', listener: () => void): unknown;
  };
  loadURL(url: string): Promise<void>;
  showInactive(): void;
  destroy(): void;
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
}

export interface IncomingCallPopupPorts<W extends PopupWindowLike> {
  BrowserWindow: new (options: WindowOptions) => W;
  ipcMain: IpcMainPort;
  screen: { getPrimaryDisplay(): { workArea: WorkArea } };
  preloadPath: string;
}

export interface IncomingCallPopup {
  show(call: CallSessionJSON): void;
  /** Closes the popup if it shows `callId` (or whatever it shows, without an id). */
  close(callId?: string): void;
  dispose(): void;
}

export function createIncomingCallPopup<W extends PopupWindowLike>(
  ports: IncomingCallPopupPorts<W>,
  onAction: (action: IpcArgs<'popup:action'>) => void,
): IncomingCallPopup {
  let window: W | null = null;
  let shownCallId: string | null = null;

  const router = createIpcRouter({
    ipcMain: ports.ipcMain,
    isOwnWebContents: (contents) => window !== null && !window.isDestroyed() && window.webContents === contents,
  });
  router.listen('popup:action', (action) => {
    // A click on a popup that has moved on to another call must not act on that other call.
    if (action.callId !== shownCallId) return;
    close();
    onAction(action);
  });

  function close(callId?: string) {
    if (callId !== undefined && callId !== shownCallId) return;
    shownCallId = null;
    if (window && !window.isDestroyed()) window.destroy();
    window = null;
  }

  return {
    show(call) {
      close();
      const view = incomingCallView(call);
      const popup = new ports.BrowserWindow(incomingCallPopupOptions(ports.preloadPath, ports.screen.getPrimaryDisplay().workArea));
      window = popup;
      shownCallId = call.sipCallId;
      popup.once('closed', () => {
        if (window === popup) {
          window = null;
          shownCallId = null;
        }
      });
      popup.webContents.once('did-finish-load', () => {
        if (window !== popup) return;
        router.emit(popup.webContents, 'popup:show-call', view);
        popup.showInactive();
      });
      popup.loadURL(INCOMING_CALL_PAGE_URL).catch((error: unknown) => {
        // A popup closed or replaced while loading rejects its load (ERR_FAILED / ERR_ABORTED).
        if (window === popup && !popup.isDestroyed()) console.error('[popup] could not load the incoming-call page:', error);
      });
    },
    close,
    dispose() {
      close();
      router.dispose();
    },
  };
}
