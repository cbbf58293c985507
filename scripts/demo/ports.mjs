// Ports for the demo: the ones the user fixed are tried before anything starts, so a conflict
// costs one line and no half-started demo; the others are ports the system says are free.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { freePort } from '../testbed/kamailio.mjs';

const LOOPBACK = '127.0.0.1';

/**
 * @param {number} port
 * @param {'tcp' | 'udp'} protocol
 * @returns {Promise<unknown>} what listen() or bind() failed with, or null when the port is free
 */
export function probePort(port, protocol) {
  return new Promise((settle) => {
    if (protocol === 'udp') {
      const socket = createSocket('udp4');
      socket.once('error', (error) => {
        socket.close();
        settle(error);
      });
      socket.bind(port, LOOPBACK, () => socket.close(() => settle(null)));
      return;
    }
    const server = createServer();
    server.once('error', settle);
    server.listen(port, LOOPBACK, () => server.close(() => settle(null)));
  });
}

/**
 * The first error among `protocols` on `port`, or null when all of them are free.
 * @param {number} port
 * @param {Array<'tcp' | 'udp'>} protocols
 */
export async function portProblem(port, protocols) {
  for (const protocol of protocols) {
    const error = await probePort(port, protocol);
    if (error !== null) return error;
  }
  return null;
}

/**
 * A port free for both TCP and UDP on 127.0.0.1 (Kamailio listens on both for SIP), not in `taken`.
 * @param {ReadonlyArray<number | null>} taken
 */
export async function pickFreePort(taken) {
  for (;;) {
    const port = await freePort();
    if (!taken.includes(port) && (await probePort(port, 'udp')) === null) return port;
  }
}
