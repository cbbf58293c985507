// Finds and launches the built desktop app for the Playwright `_electron` suite. Whether an
// Electron binary exists is decided by looking at files only: requiring the `electron` package
// would try to download the binary, which these machines cannot do.

import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN_ENTRY = path.join(root, 'dist', 'electron', 'main.cjs');
const WEB_ENTRY = path.join(root, 'dist', 'web', 'index.html');
const ELECTRON_PACKAGE = path.join(root, 'node_modules', 'electron');

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
  if (!existsSync(WEB_ENTRY)) missing.push('dist/web/index.html is missing (npm run build:web)');
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

/** Starts the app with its own profile, fake media devices and the basic password store. */
export async function launchSoftphone(executablePath: string): Promise<LaunchedApp> {
  const userData = await mkdtemp(path.join(tmpdir(), 'softphone-electron-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  env.SOFTPHONE_E2E_HOOKS = '1';
  const app = await _electron.launch({
    executablePath,
    args: [
      MAIN_ENTRY,
      `--user-data-dir=${userData}`,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      // The keyring of a CI session is absent or locked; 'basic' keeps start-up from blocking on it.
      '--password-store=basic',
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
