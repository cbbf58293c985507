import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { pickFreePort, portProblem } from './ports.mjs';

describe('demo ports', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  async function occupy(): Promise<number> {
    const listening = createServer();
    server = listening;
    await new Promise<void>((done) => listening.listen(0, '127.0.0.1', done));
    const address = listening.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  test('a port another program listens on is reported with its error code; a free one is not', async () => {
    const busy = await occupy();
    expect(await portProblem(busy, ['udp', 'tcp'])).toMatchObject({ code: 'EADDRINUSE' });
    const free = await pickFreePort([]);
    expect(await portProblem(free, ['udp', 'tcp'])).toBeNull();
  });

  test('a picked port is none of those already taken', async () => {
    const taken = [await pickFreePort([])];
    for (let round = 0; round < 5; round += 1) taken.push(await pickFreePort(taken));
    expect(new Set(taken).size).toBe(taken.length);
  });
});
