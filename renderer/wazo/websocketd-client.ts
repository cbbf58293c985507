// wazo-websocketd, protocol version 2 (`wazo_websocketd/session.py`, `protocol.py`): the server
// sends `init`, we `subscribe` to each event name and `start`; events then arrive as
// `{ op: 'event', code: 0, data: <bus message> }`, the bus message being
// `{ name, origin_uuid, timestamp, required_acl, data: <payload> }`.
//
// A refreshed token is handed over in place (`{ op: 'token', data: { token } }`), so the
// connection outlives every token; websocketd closes a connection whose token expired with
// 4003, which then reconnects with the latest token. Any other close reconnects with backoff.

import { RETRY_DELAYS_MS, realTimers, type Timers } from './token-refresh';

export interface BusMessage {
  name: string;
  data: unknown;
}

export type WebsocketdFrame =
  | { op: 'init' | 'subscribe' | 'start' | 'token' | 'pong' }
  | { op: 'event'; event: BusMessage };

/** One text frame from websocketd, or null for anything we do not understand (ignored). */
export function decodeFrame(text: unknown): WebsocketdFrame | null {
  if (typeof text !== 'string') return null;
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { op, data } = message as { op?: unknown; data?: unknown };
  if (op === 'event') {
    if (typeof data !== 'object' || data === null) return null;
    const name = (data as { name?: unknown }).name;
    if (typeof name !== 'string') return null;
    return { op: 'event', event: { name, data: (data as { data?: unknown }).data } };
  }
  if (op === 'init' || op === 'subscribe' || op === 'start' || op === 'token' || op === 'pong') return { op };
  return null;
}

/** Close codes websocketd uses (session.py). */
export const CLOSE_AUTH_FAILED = 4002;
export const CLOSE_AUTH_EXPIRED = 4003;

/** The part of a browser WebSocket this client uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

export type WebsocketdState = 'connecting' | 'ready' | 'reconnecting' | 'stopped';

export interface WebsocketdOptions {
  url: (token: string) => string;
  events: readonly string[];
  onEvent: (event: BusMessage) => void;
  onStateChange?: (state: WebsocketdState) => void;
  socketFactory?: (url: string) => SocketLike;
  timers?: Timers;
}

export class WebsocketdClient {
  private socket: SocketLike | null = null;
  private token = '';
  private started = false;
  private stopped = true;
  private failures = 0;
  private retryTimer: unknown = null;
  private readonly timers: Timers;
  private readonly socketFactory: (url: string) => SocketLike;

  constructor(private readonly options: WebsocketdOptions) {
    this.timers = options.timers ?? realTimers;
    this.socketFactory = options.socketFactory ?? ((url) => new WebSocket(url) as unknown as SocketLike);
  }

  start(token: string): void {
    this.token = token;
    this.stopped = false;
    this.open();
  }

  /** The token was refreshed: websocketd switches to it without a new connection. */
  updateToken(token: string): void {
    this.token = token;
    const socket = this.socket;
    if (socket && socket.readyState === OPEN && this.started) socket.send(JSON.stringify({ op: 'token', data: { token } }));
    // Not connected: the next connection uses the new token in its URL.
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000);
    }
    this.setState('stopped');
  }

  private open(): void {
    this.started = false;
    this.setState(this.failures === 0 ? 'connecting' : 'reconnecting');
    let socket: SocketLike;
    try {
      socket = this.socketFactory(this.options.url(this.token));
    } catch {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => this.onFrame(socket, decodeFrame(event.data));
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.retry();
    };
    socket.onerror = () => undefined;
  }

  private onFrame(socket: SocketLike, frame: WebsocketdFrame | null): void {
    if (!frame || this.socket !== socket) return;
    switch (frame.op) {
      case 'init':
        for (const name of this.options.events) socket.send(JSON.stringify({ op: 'subscribe', data: { event_name: name } }));
        socket.send(JSON.stringify({ op: 'start' }));
        return;
      case 'start':
        this.started = true;
        this.failures = 0;
        this.setState('ready');
        return;
      case 'event':
        if (this.started) this.options.onEvent(frame.event);
        return;
      default:
        return;
    }
  }

  private retry(): void {
    if (this.stopped) return;
    this.failures += 1;
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length) - 1]!;
    this.setState('reconnecting');
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.open();
    }, delay);
  }

  private setState(state: WebsocketdState): void {
    this.options.onStateChange?.(state);
  }
}
