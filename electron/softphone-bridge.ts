// Builds the `window.softphone` object from the IPC contract, inside the sandboxed preload.
// Page code gets intent-level functions only: never `ipcRenderer` itself (which would let it
// send on any channel) and never an IPC event object (whose `sender` is `ipcRenderer`).
// The payloads are validated in the main process; only types are imported here, which keeps
// the preload bundle free of zod and of the schemas.

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type {
  EventChannel,
  IncomingCallBridge,
  InvokeChannel,
  IpcArgs,
  IpcResult,
  ScreenSharePickerBridge,
  SendChannel,
  SoftphoneBridge,
} from '../shared/ipc-contract';

export type IpcRendererPort = Pick<IpcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>;

function typedIpc(ipc: IpcRendererPort) {
  // Typed front doors: a channel name or payload that is not in the contract fails to compile.
  const invoke = <C extends InvokeChannel>(channel: C, args: IpcArgs<C>): Promise<IpcResult<C>> =>
    ipc.invoke(channel, args);
  const send = <C extends SendChannel>(channel: C, args: IpcArgs<C>): void => ipc.send(channel, args);
  const subscribe = <C extends EventChannel>(channel: C, listener: (args: IpcArgs<C>) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, args: IpcArgs<C>) => listener(args);
    ipc.on(channel, forward);
    return () => {
      ipc.removeListener(channel, forward);
    };
  };
  return { invoke, send, subscribe };
}

export function createSoftphoneBridge(ipc: IpcRendererPort): SoftphoneBridge {
  const { invoke, send, subscribe } = typedIpc(ipc);
  return {
    loadAccount: () => invoke('account:load', undefined),
    saveAccount: (settings, password, options) =>
      invoke('account:save', { settings, password, allowUnprotectedPassword: options?.allowUnprotectedPassword === true }),
    publishCall: (session, details) =>
      send('phone:call-changed', details?.autoAnswerRequest ? { session, autoAnswerRequest: details.autoAnswerRequest } : { session }),
    publishRegistration: (snapshot) => send('phone:registration-changed', snapshot),
    publishMissedCalls: (count) => send('phone:missed-calls', count),
    onCommand: (listener) => subscribe('phone:command', listener),
    openExternal: (url) => invoke('shell:open-external', url),
    loadPreferences: () => invoke('preferences:load', undefined),
    savePreferences: (preferences) => invoke('preferences:save', preferences),
    onPreferencesChanged: (listener) => subscribe('preferences:changed', listener),
    shortcutStatus: () => invoke('shortcuts:status', undefined),
  };
}

/** The incoming-call popup's whole API: show what rings, answer it or decline it. */
export function createIncomingCallBridge(ipc: IpcRendererPort): IncomingCallBridge {
  const { send, subscribe } = typedIpc(ipc);
  return {
    onShowCall: (listener) => subscribe('popup:show-call', listener),
    answer: (callId) => send('popup:action', { callId, action: 'answer' }),
    decline: (callId) => send('popup:action', { callId, action: 'decline' }),
  };
}

/** The screen-share picker's whole API: what to offer, the user's choice or their Cancel. */
export function createScreenSharePickerBridge(ipc: IpcRendererPort): ScreenSharePickerBridge {
  const { send, subscribe } = typedIpc(ipc);
  return {
    onSources: (listener) => subscribe('screen-picker:sources', listener),
    choose: (sourceId) => send('screen-picker:choose', { sourceId }),
    cancel: () => send('screen-picker:cancel', undefined),
  };
}
