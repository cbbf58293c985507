// Finds and launches the built desktop app for the Playwright `_electron` suite. Whether an
// Electron binary exists is decided by looking at files only: requiring the `electron` package
// would try to download the binary, which these machines cannot do.
//
// The app is started as `electron dist/electron/main.cjs` with SOFTPHONE_E2E_HOOKS=1, which an
// unpackaged app (only) reads to serve the e2e build of the renderer (dist/e2e, or
// SOFTPHONE_E2E_DIST, as vite.config.ts and the web suite use) instead of dist/web: the specs
// read `window.__softphone`, which exists in that build alone (electron/app-lifecycle.ts,
// bundledAppPaths).

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN_ENTRY = path.join(root, 'dist', 'electron', 'main.cjs');
/** The e2e build of the renderer, the one the app serves under the suite (see above). */
export const E2E_BUILD = path.resolve(process.env.SOFTPHONE_E2E_DIST ?? path.join(root, 'dist', 'e2e'));
const ELECTRON_PACKAGE = path.join(root, 'node_modules', 'electron');

/** Where the app's windows live (electron/app-origin.ts and the popup/picker modules). */
export const MAIN_WINDOW_URL = /^app:\/\/softphone\/index\.html/;
export const POPUP_URL = /^app:\/\/softphone\/incoming-call\//;
export const PICKER_URL = /^app:\/\/softphone\/screen-share-picker\//;

export interface ElectronAvailability {
  available: boolean;
  executablePath: string | null;
  /** Why the suite cannot run, when it cannot. */
  reason: string;
}

/** The same lookup as node_modules/electron/index.js, minus its download. */
export function findElectron(env: NodeJS.ProcessEnv = process.env): ElectronAvailability {
  const pathFile = path.join(ELECTRON_PACKAGE, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  let executablePath: string | null = null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) executablePath = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
  else if (relative) executablePath = path.join(ELECTRON_PACKAGE, 'dist', relative);

  const missing: string[] = [];
  if (executablePath === null) missing.push('node_modules/electron/path.txt is absent and ELECTRON_OVERRIDE_DIST_PATH is not set');
  else if (!existsSync(executablePath)) missing.push(`${executablePath} does not exist`);
  if (!existsSync(MAIN_ENTRY)) missing.push('dist/electron/main.cjs is missing (npm run build:electron)');
  if (!existsSync(path.join(E2E_BUILD, 'index.html'))) missing.push(`${path.relative(root, E2E_BUILD) || E2E_BUILD}/index.html is missing (npm run build:e2e)`);
  return {
    available: missing.length === 0,
    executablePath: missing.length === 0 ? executablePath : null,
    reason: missing.join('; '),
  };
}

export interface LaunchedApp {
  app: ElectronApplication;
  close(): Promise<void>;
}

/**
 * Starts the app with its own profile, fake media devices, the basic password store and the
 * e2e build. On Linux it runs as an X11 client of the suite's X server (xvfb-run): Electron 38+
 * would otherwise join the developer's Wayland session, where the popup cannot be placed and
 * xdotool cannot press a global shortcut.
 */
export async function launchSoftphone(executablePath: string): Promise<LaunchedApp> {
  const userData = await mkdtemp(path.join(tmpdir(), 'softphone-electron-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env.SOFTPHONE_E2E_HOOKS = '1';
  env.SOFTPHONE_E2E_DIST = E2E_BUILD;
  const linux = process.platform === 'linux';
  if (linux) {
    delete env.WAYLAND_DISPLAY;
    env.XDG_SESSION_TYPE = 'x11';
  }
  const app = await _electron.launch({
    executablePath,
    args: [
      MAIN_ENTRY,
      `--user-data-dir=${userData}`,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      // The keyring of a CI session is absent or locked; 'basic' keeps start-up from blocking on it.
      '--password-store=basic',
      ...(linux ? ['--ozone-platform=x11'] : []),
    ],
    env,
  });
  return {
    app,
    async close() {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    },
  };
}

/**
 * The app's window whose page URL matches `url`, once it has one. A window is reported (the
 * 'window' event, `app.windows()`) as soon as it exists, before its page has committed, when its
 * URL is still empty or about:blank; so windows are told apart by waiting for their URL, never by
 * `page.url()` at the moment they appear.
 */
export async function windowAt(app: ElectronApplication, url: RegExp, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = app.windows().find((candidate) => !candidate.isClosed() && url.test(candidate.url()));
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`no window at ${url} within ${timeoutMs} ms (windows: ${app.windows().map((candidate) => candidate.url()).join(', ') || 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
