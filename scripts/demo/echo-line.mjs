// Starts the demo's echo test line: echo-page/echo-line.ts bundled with esbuild, loaded into a
// headless Chromium (scripts/testbed/chromium.mjs, minus the fake camera and microphone the tests
// use: the page captures nothing) and registered to the demo's Kamailio.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build, stop as stopEsbuild } from 'esbuild';
import { launchChromium } from '../testbed/chromium.mjs';

const ENTRY = fileURLToPath(new URL('./echo-page/echo-line.ts', import.meta.url));
const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Echo test line</title>' +
  '<script src="/echo-line.js"></script></head><body></body></html>';
const REGISTER_TIMEOUT_MS = 15_000;

/**
 * @typedef {import('./echo-page/echo-line').EchoLineEvent} EchoLineEvent
 * @typedef {import('./echo-page/echo-line').EchoLineConfig} EchoLineConfig
 */

/**
 * One JavaScript file (IIFE) with SIP.js inside, kept in memory.
 * @returns {Promise<string>}
 */
export async function bundleEchoPage() {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    // Less than half the size (260 KB), so the page is ready sooner on a busy machine.
    minify: true,
    logLevel: 'warning',
  });
  // esbuild keeps a helper process for further builds; the demo makes no other.
  await stopEsbuild();
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no echo page');
  return file.text;
}

/**
 * @typedef {object} EchoLine
 * @property {(config: EchoLineConfig) => Promise<void>} register signs the line in; resolves once registered
 * @property {() => Promise<void>} stop
 */

/**
 * Bundles the page and starts its browser (at the same time: both take a second or more on a
 * busy machine), then loads the page; the line registers later, once Kamailio is up, so the
 * demo starts Kamailio meanwhile.
 * @param {{ onEvent(event: EchoLineEvent): void, onExit(): void }} handlers `onExit` is called if
 *   the browser goes away without stop() (a crash, or it was killed).
 * @returns {Promise<EchoLine>}
 */
export async function openEchoLine({ onEvent, onExit }) {
  const [bundled, launched] = await Promise.allSettled([
    bundleEchoPage(),
    launchChromium({
      handleSignals: false,
      // The page's candidates are its real addresses, not mDNS names: the caller's browser may
      // have no mDNS resolver (a private network namespace, or no multicast).
      args: ['--disable-features=WebRtcHideLocalIpsWithMdns'],
    }),
  ]);
  if (launched.status === 'rejected') throw launched.reason;
  const browser = launched.value;
  let stopping = false;
  browser.once('disconnected', () => {
    if (!stopping) onExit();
  });
  /** @type {{ url: string, close(): Promise<void> } | null} */
  let server = null;
  const stop = async () => {
    stopping = true;
    try {
      await browser.close();
    } finally {
      await server?.close();
    }
  };
  try {
    if (bundled.status === 'rejected') throw bundled.reason;
    // The page comes from 127.0.0.1 like Kamailio: Chromium does not let a page it cannot place
    // on this machine (one served by Playwright's request interception, say) open WebSockets to
    // loopback addresses (Local Network Access).
    server = await servePage(bundled.value);
    const page = await browser.newPage();
    await page.exposeFunction('reportEchoLine', (/** @type {EchoLineEvent} */ event) => onEvent(event));
    await page.goto(server.url);
    return {
      register: (config) =>
        withTimeout(
          page.evaluate((startConfig) => window.echoLine.start(startConfig), config),
          REGISTER_TIMEOUT_MS,
          `the echo line did not register within ${REGISTER_TIMEOUT_MS / 1000} s`,
        ),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

/**
 * The page and its script from memory, on a free port of 127.0.0.1.
 * @param {string} script
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
async function servePage(script) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const body = path === '/' ? PAGE : path === '/echo-line.js' ? script : null;
    if (body === null) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': path === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} message
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, message) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}
