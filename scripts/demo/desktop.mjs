// Where an Electron binary exists, the demo opens the desktop app, with a profile of its own
// (--user-data-dir in the demo's run folder) whose settings already hold the demo account, so the
// user's own profile and account are never touched. The desktop app keeps passwords only in the
// OS keychain, which the demo cannot write to: the password is printed for the user to type.
// No Electron binary can be downloaded on our CI machines, so this path is unit tested for its
// pure parts only (desktop.test.ts).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The Electron executable, looked up as node_modules/electron/index.js does minus its download
 * (which would hang here), or null.
 * @param {string} root the repository
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {string | null}
 */
export function findElectron(root, env) {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  let executable = null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) executable = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
  else if (relative) executable = join(pkg, 'dist', relative);
  return executable !== null && existsSync(executable) ? executable : null;
}

/**
 * The desktop app's settings.json (electron/settings-store.ts, version 1) holding the account,
 * without its password as the app stores it.
 * @param {{ password: string }} account
 */
export function desktopSettingsFile(account) {
  return { version: 1, account: { ...account, password: '' } };
}

/**
 * @param {{ executable: string, mainEntry: string, profileDir: string, account: { password: string } }} options
 * @returns {Promise<import('node:child_process').ChildProcess>}
 */
export async function startDesktopApp(options) {
  await mkdir(options.profileDir, { recursive: true });
  await writeFile(join(options.profileDir, 'settings.json'), `${JSON.stringify(desktopSettingsFile(options.account), null, 2)}\n`);
  return spawn(options.executable, [options.mainEntry, `--user-data-dir=${options.profileDir}`], { stdio: 'ignore' });
}
