import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { constructAdopting } from './adopted-connection';

/** Stands for the browser's constructor: counts the connections made. */
class CountingConnection {
  static made = 0;
  constructor(readonly configuration?: RTCConfiguration) {
    CountingConnection.made++;
  }
}

const scope = globalThis as unknown as { RTCPeerConnection?: unknown };
let saved: unknown;

beforeEach(() => {
  saved = scope.RTCPeerConnection;
  CountingConnection.made = 0;
  scope.RTCPeerConnection = CountingConnection;
});
afterEach(() => {
  scope.RTCPeerConnection = saved;
});

/** What SIP.js's handler constructor does: one `new RTCPeerConnection(configuration)`. */
function makeHandler(): { connection: unknown } {
  return { connection: new RTCPeerConnection({ bundlePolicy: 'balanced' }) };
}

describe('constructAdopting', () => {
  it('hands the adopted connection to the constructor call and makes none', () => {
    const adopted = new CountingConnection() as unknown as RTCPeerConnection;
    CountingConnection.made = 0;
    const handler = constructAdopting(adopted, makeHandler);
    expect(handler.connection).toBe(adopted);
    expect(CountingConnection.made).toBe(0);
    expect(scope.RTCPeerConnection).toBe(CountingConnection);
  });

  it('gives a real connection to any second construction in the same call', () => {
    const adopted = new CountingConnection() as unknown as RTCPeerConnection;
    CountingConnection.made = 0;
    const [first, second] = constructAdopting(adopted, () => [makeHandler().connection, makeHandler().connection]);
    expect(first).toBe(adopted);
    expect(second).toBeInstanceOf(CountingConnection);
    expect(second).not.toBe(adopted);
    expect(CountingConnection.made).toBe(1);
  });

  it('puts the real constructor back when the constructor call throws', () => {
    const adopted = new CountingConnection() as unknown as RTCPeerConnection;
    expect(() =>
      constructAdopting(adopted, () => {
        throw new Error('handler failed');
      }),
    ).toThrow('handler failed');
    expect(scope.RTCPeerConnection).toBe(CountingConnection);
  });

  it('without a connection to adopt, the constructor makes its own as usual', () => {
    const handler = constructAdopting(undefined, makeHandler);
    expect(handler.connection).toBeInstanceOf(CountingConnection);
    expect((handler.connection as CountingConnection).configuration).toEqual({ bundlePolicy: 'balanced' });
    expect(CountingConnection.made).toBe(1);
  });
});
