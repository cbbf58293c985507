// The main-process end of the IPC contract. Every handler is registered through here, so no
// handler can forget the two checks Electron's security guide asks for: the message must come
// from our own page in one of our own windows, and its payload must match the contract's
// schema. A message that fails either check is logged and dropped before the handler runs.

import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  checkIpcArgs,
  checkIpcResult,
  type EventChannel,
  type InvokeChannel,
  type IpcArgs,
  type IpcChannel,
  type IpcResult,
  type SendChannel,
} from '../shared/ipc-contract';
import { isAppUrl } from './app-origin';

export type IpcRejectionReason = 'foreign-sender' | 'invalid-payload' | 'invalid-result';

export class IpcRejection extends Error {
  override readonly name = 'IpcRejection';
  constructor(
    readonly channel: IpcChannel,
    readonly reason: IpcRejectionReason,
    detail: string,
  ) {
    super(`${channel}: ${reason}: ${detail}`);
  }
}

/** The part of `ipcMain` the router uses (listener registration returns are not relied on). */
export interface IpcMainPort {
  handle: IpcMain['handle'];
  removeHandler: IpcMain['removeHandler'];
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
}
type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>;

export interface IpcRouterOptions {
  ipcMain: IpcMainPort;
  /** Whether these web contents belong to one of our windows (see window-registry). */
  isOwnWebContents: (contents: WebContents) => boolean;
  log?: (rejection: IpcRejection) => void;
}

export interface SenderContext {
  sender: WebContents;
}

export interface IpcRouter {
  handle<C extends InvokeChannel>(
    channel: C,
    handler: (args: IpcArgs<C>, context: SenderContext) => IpcResult<C> | Promise<IpcResult<C>>,
  ): void;
  listen<C extends SendChannel>(channel: C, listener: (args: IpcArgs<C>, context: SenderContext) => void): void;
  /** Sends a main-to-renderer event, checked against the contract like any other payload. */
  emit<C extends EventChannel>(target: Pick<WebContents, 'send' | 'isDestroyed'>, channel: C, args: IpcArgs<C>): void;
  /** Removes every handler and listener this router registered. */
  dispose(): void;
}

export function createIpcRouter({ ipcMain, isOwnWebContents, log = defaultLog }: IpcRouterOptions): IpcRouter {
  const cleanups: Array<() => void> = [];

  function senderProblem(event: SenderEvent): string | null {
    const frame = event.senderFrame;
    // A null frame means the frame navigated away or was destroyed since it sent the message.
    if (!frame) return 'the sending frame is gone';
    if (frame.parent !== null) return `sent from a subframe (${frame.url})`;
    if (!isAppUrl(frame.url)) return `sent from a foreign origin (${frame.url})`;
    if (!isOwnWebContents(event.sender)) return 'sent from web contents that are not one of our windows';
    return null;
  }

  function admit<C extends IpcChannel>(channel: C, event: SenderEvent, payload: unknown): IpcArgs<C> {
    const problem = senderProblem(event);
    if (problem) throw new IpcRejection(channel, 'foreign-sender', problem);
    const args = checkIpcArgs(channel, payload);
    if (!args.ok) throw new IpcRejection(channel, 'invalid-payload', args.issues);
    return args.value;
  }

  return {
    handle(channel, handler) {
      ipcMain.handle(channel, async (event, payload: unknown) => {
        try {
          const args = admit(channel, event, payload);
          const result = checkIpcResult(channel, await handler(args, { sender: event.sender }));
          if (!result.ok) throw new IpcRejection(channel, 'invalid-result', result.issues);
          return result.value;
        } catch (error) {
          if (error instanceof IpcRejection) log(error);
          throw error;
        }
      });
      cleanups.push(() => ipcMain.removeHandler(channel));
    },

    listen(channel, listener) {
      const onMessage = (event: IpcMainEvent, payload: unknown) => {
        let args: IpcArgs<typeof channel>;
        try {
          args = admit(channel, event, payload);
        } catch (error) {
          if (error instanceof IpcRejection) return log(error);
          throw error;
        }
        listener(args, { sender: event.sender });
      };
      ipcMain.on(channel, onMessage);
      cleanups.push(() => ipcMain.removeListener(channel, onMessage));
    },

    emit(target, channel, args) {
      const checked = checkIpcArgs(channel, args);
      if (!checked.ok) return log(new IpcRejection(channel, 'invalid-payload', checked.issues));
      if (!target.isDestroyed()) target.send(channel, checked.value);
    },

    dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

function defaultLog(rejection: IpcRejection): void {
  console.warn(`[ipc] rejected ${rejection.message}`);
}
