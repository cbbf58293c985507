// Serves the built renderer (dist/web) under app://softphone/. A custom standard scheme gives
// the page a real, secure origin, unlike file://, which would let any page read any file.
// Only files inside the web root are served, and every HTML document carries our CSP.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { contentTypeOfExtension } from '../scripts/content-types.mjs';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** Must be registered before `ready`: Chromium fixes scheme privileges at start-up. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // standard: real origin and relative URLs; secure: counts as a secure context, which
  // getUserMedia and getDisplayMedia require; supportFetchAPI: fetch() of our own assets.
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export interface AppRequestHandlerOptions {
  /** Absolute path of the built renderer (the folder holding index.html). */
  webRoot: string;
  /** Further folders served under a first path segment, e.g. `incoming-call` -> dist/electron/incoming-call. */
  mounts?: Readonly<Record<string, string>>;
  /** The CSP for the next HTML response; asked each time so a settings change applies on reload. */
  contentSecurityPolicy: () => string;
  readFile?: (file: string) => Promise<Uint8Array>;
}

/**
 * Maps an app:// URL to a file inside `webRoot`, or null when the URL is not ours or would
 * escape the root (`..`, encoded slashes or backslashes, NUL bytes).
 */
export function resolveAppFile(webRoot: string, requestUrl: string, mounts: Readonly<Record<string, string>> = {}): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  const [first] = segments;
  const mounted = first !== undefined && Object.hasOwn(mounts, first) ? mounts[first] : undefined;
  if (mounted !== undefined) segments.shift();
  const relative = segments.length === 0 ? 'index.html' : segments.join(path.sep);
  const root = path.resolve(mounted ?? webRoot);
  const file = path.resolve(root, relative);
  return file.startsWith(root + path.sep) ? file : null;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function createAppRequestHandler(options: AppRequestHandlerOptions): (request: Request) => Promise<Response> {
  const read = options.readFile ?? readFile;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const file = resolveAppFile(options.webRoot, request.url, options.mounts);
    if (file === null) return textResponse(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      // Missing file or a directory: the same answer, without revealing which.
      return textResponse(404, 'Not found');
    }
    const extension = path.extname(file).toLowerCase();
    const headers = new Headers({
      'Content-Type': contentTypeOfExtension(extension),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    if (extension === '.html') headers.set('Content-Security-Policy', options.contentSecurityPolicy());
    return new Response(request.method === 'HEAD' ? null : Buffer.from(body), { status: 200, headers });
  };
}

export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, options: AppRequestHandlerOptions): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(options));
}
