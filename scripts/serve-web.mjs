#!/usr/bin/env node
// Static file server for the built web app (`npm run web`) and for the end-to-end tests
// (e2e/support/web-server.ts imports this file). Node's http module only: no dependency.
// The page must come from http://127.0.0.1, a secure context, for getUserMedia to exist.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentTypeOfExtension } from './content-types.mjs';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Vue's style bindings write inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  // As narrow as a web page can be: the user types the SIP server (or the Wazo Platform server,
  // whose APIs are https:) into the page, after this header was sent, so the server cannot be
  // named here and any ws:/wss:/https: origin is allowed (the desktop app does better: its main
  // process lets through only the saved account's server). Plain http: only to this machine,
  // as the Wazo client accepts http:// only for a loopback server (the test stand-in).
  "connect-src 'self' ws: wss: https: http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  // The page has no form that posts anywhere; injected markup cannot post one either.
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** @param {string} file */
export function mimeTypeOf(file) {
  return contentTypeOfExtension(extname(file).toLowerCase());
}

/**
 * Maps a request target to a path inside `root`, or null when it is malformed or would leave
 * `root` (`..`, encoded slashes or backslashes, NUL bytes).
 * @param {string} root absolute folder
 * @param {string} requestTarget the request line's target, e.g. `/assets/app.js?v=1`
 * @returns {string | null}
 */
export function resolveInsideRoot(root, requestTarget) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestTarget, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const candidate = resolve(root, `.${pathname}`);
  if (candidate !== root && !candidate.startsWith(root + sep)) return null;
  return candidate;
}

/** @param {string} file */
async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * The file to send: the file itself, a folder's index.html, or the app's index.html for a
 * route without a file extension (history-mode URLs). Missing assets stay 404.
 * @param {string} root
 * @param {string} target
 * @returns {Promise<string | null>}
 */
async function fileToServe(root, target) {
  if (await isFile(target)) return target;
  const folderIndex = join(target, 'index.html');
  if (await isFile(folderIndex)) return folderIndex;
  const appIndex = join(root, 'index.html');
  if (extname(target) === '' && (await isFile(appIndex))) return appIndex;
  return null;
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {string} text
 */
function sendText(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
  response.end(text);
}

/**
 * Serves `root` on http://host:port (port 0 lets the system choose).
 * @param {string} root
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startStaticServer(root, options = {}) {
  const absoluteRoot = resolve(root);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void handle(request, response);
  });

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:http').ServerResponse} response
   */
  async function handle(request, response) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      sendText(response, 405, 'Method Not Allowed');
      return;
    }
    const target = resolveInsideRoot(absoluteRoot, request.url ?? '/');
    if (target === null) {
      sendText(response, 400, 'Bad Request');
      return;
    }
    const file = await fileToServe(absoluteRoot, target);
    if (file === null) {
      sendText(response, 404, 'Not Found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': mimeTypeOf(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // Rebuilt between runs: a cached bundle would test yesterday's code.
      'Cache-Control': 'no-store',
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => resolveListen(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the static server has no TCP address');
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose(undefined)));
        server.closeAllConnections();
      }),
  };
}

/**
 * The command the user typed, for a hint they can copy: `npm start`, `npm run web`, or the script.
 * @param {string | undefined} lifecycleEvent npm's `npm_lifecycle_event`
 */
export function commandName(lifecycleEvent) {
  if (lifecycleEvent === 'start') return 'npm start';
  if (lifecycleEvent) return `npm run ${lifecycleEvent}`;
  return 'node scripts/serve-web.mjs';
}

/**
 * One line that says why the server cannot listen and how to choose another port, instead of
 * Node's stack trace; null for an error that is not about the port.
 * @param {unknown} error
 * @param {number} port
 * @param {string} command
 * @returns {string | null}
 */
export function listenFailureMessage(error, port, command) {
  const code = /** @type {{ code?: unknown } | null} */ (error)?.code;
  const other = port === 8081 ? 8082 : 8081;
  if (code === 'EADDRINUSE') return `Port ${port} is already in use (another Softphone, or another program). Choose another port: PORT=${other} ${command}`;
  if (code === 'EACCES') return `Port ${port} needs administrator rights. Choose a port above 1023: PORT=${other} ${command}`;
  return null;
}

/** @param {string[]} argv */
function parseArguments(argv) {
  let root = 'dist/web';
  let port = Number(process.env.PORT ?? 8080);
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--port') port = Number(argv[++index]);
    else if (argument !== undefined) root = argument;
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) return { root, port, error: `"${process.env.PORT ?? port}" is not a port number: use a whole number from 1 to 65535, e.g. PORT=8081` };
  return { root, port, error: null };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const { root, port, error } = parseArguments(process.argv.slice(2));
  if (error) {
    console.error(error);
    process.exit(1);
  }
  if (!(await isFile(join(root, 'index.html')))) {
    console.error(`${root}/index.html not found: build the web app first (npm run build:web)`);
    process.exit(1);
  }
  try {
    const { url } = await startStaticServer(root, { port });
    console.log(`Softphone web app: ${url}/  (serving ${resolve(root)}; Ctrl+C to stop)`);
  } catch (listenError) {
    const message = listenFailureMessage(listenError, port, commandName(process.env.npm_lifecycle_event));
    if (!message) throw listenError;
    console.error(message);
    process.exit(1);
  }
}
