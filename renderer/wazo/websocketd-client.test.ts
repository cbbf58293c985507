import { describe, expect, test } from 'vitest';
import type { Timers } from './token-refresh';
import { CLOSE_AUTH_EXPIRED, decodeFrame, WebsocketdClient, type BusMessage, type SocketLike } from './websocketd-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | undefined;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  /** The server side: open, then one frame. */
  serverSends(frame: unknown): void {
    this.readyState = 1;
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  serverCloses(code: number): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function setUp() {
  const sockets: FakeSocket[] = [];
  const events: BusMessage[] = [];
  const timers: Array<{ ms: number; run: () => void }> = [];
  const fakeTimers: Timers = {
    setTimeout: (run, ms) => timers.push({ ms, run }),
    clearTimeout: () => undefined,
    now: () => 0,
  };
  const client = new WebsocketdClient({
    url: (token) => `wss://wazo/api/websocketd/?token=${token}&version=2`,
    events: ['call_created', 'call_updated'],
    onEvent: (event) => events.push(event),
    socketFactory: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    timers: fakeTimers,
  });
  return { client, sockets, events, timers };
}

const callCreated = { op: 'event', code: 0, data: { name: 'call_created', origin_uuid: 'o', required_acl: 'events.calls.u', data: { call_id: '1.2' } } };

describe('decodeFrame', () => {
  test('reads websocketd v2 frames and ignores anything else', () => {
    expect(decodeFrame(JSON.stringify(callCreated))).toEqual({ op: 'event', event: { name: 'call_created', data: { call_id: '1.2' } } });
    expect(decodeFrame('{"op":"init","code":0,"data":{"version":2}}')).toEqual({ op: 'init' });
    expect(decodeFrame('not json')).toBeNull();
    expect(decodeFrame('{"op":"event","data":{}}')).toBeNull();
    expect(decodeFrame('{"op":"bogus"}')).toBeNull();
    expect(decodeFrame(new ArrayBuffer(2))).toBeNull();
  });
});

describe('WebsocketdClient', () => {
  test('subscribes to each event after init, starts, then delivers events', () => {
    const { client, sockets, events } = setUp();
    client.start('tok-1');
    const socket = sockets[0]!;
    expect(socket.url).toBe('wss://wazo/api/websocketd/?token=tok-1&version=2');
    socket.serverSends(callCreated); // before start: not ours yet
    socket.serverSends({ op: 'init', code: 0, data: { version: 2 } });
    expect(socket.sent).toEqual([
      { op: 'subscribe', data: { event_name: 'call_created' } },
      { op: 'subscribe', data: { event_name: 'call_updated' } },
      { op: 'start' },
    ]);
    socket.serverSends({ op: 'start', code: 0, data: null });
    socket.serverSends(callCreated);
    expect(events).toEqual([{ name: 'call_created', data: { call_id: '1.2' } }]);
  });

  test('a refreshed token goes over the open connection; no new connection', () => {
    const { client, sockets } = setUp();
    client.start('tok-1');
    sockets[0]!.serverSends({ op: 'init' });
    sockets[0]!.serverSends({ op: 'start' });
    client.updateToken('tok-2');
    expect(sockets[0]!.sent.at(-1)).toEqual({ op: 'token', data: { token: 'tok-2' } });
    expect(sockets).toHaveLength(1);
  });

  test('closed for an expired token (4003): reconnects with the latest token after a pause', () => {
    const { client, sockets, timers } = setUp();
    client.start('tok-1');
    sockets[0]!.serverSends({ op: 'init' });
    sockets[0]!.serverSends({ op: 'start' });
    client.updateToken('tok-2');
    sockets[0]!.serverCloses(CLOSE_AUTH_EXPIRED);
    expect(timers.map((t) => t.ms)).toEqual([1_000]);
    timers[0]!.run();
    expect(sockets[1]!.url).toContain('token=tok-2');
  });

  test('stop closes and never reconnects', () => {
    const { client, sockets, timers } = setUp();
    client.start('tok-1');
    client.stop();
    expect(sockets[0]!.closedWith).toBe(1000);
    sockets[0]!.serverCloses(1006);
    expect(timers).toEqual([]);
  });
});
