// `npm start`: build, then run the desktop app. Electron downloads its binary on first run;
// where that is impossible (no internet, as on our CI machines) the same renderer is served as
// the web target instead, and we say why (the installer's own error), rather than fail with a
// download stack trace or fall back in silence. The decisions live in start-decisions.mjs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmCommand } from './npm-command.mjs';
import {
  chooseStart,
  electronCommand,
  electronExitMessage,
  installerFailure,
  sandboxAdvice,
  spawnFailureMessage,
  unsupportedNodeMessage,
  webFallbackMessage,
} from './start-decisions.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const INSTALL_TIMEOUT_MS = 120_000;

const tooOld = unsupportedNodeMessage(process.version);
if (tooOld) {
  console.error(tooOld);
  process.exit(1);
}

function runNpm(args) {
  const { command, args: commandArgs, shell } = npmCommand(args, { execPath: process.execPath, env: process.env, platform: process.platform });
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell });
  if (result.error) {
    console.error(spawnFailureMessage('npm', result.error, command));
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const pkgDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(pkgDir, 'path.txt');
const binaryPath = () => {
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
  return relative ? join(pkgDir, 'dist', relative) : null;
};

/** Whether the binary is there, after one bounded attempt to fetch it; the installer's error otherwise. */
function ensureElectronBinary() {
  const present = () => {
    const binary = binaryPath();
    return binary !== null && existsSync(binary);
  };
  if (present()) return { binaryPresent: true, installerError: null };
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { binaryPresent: false, installerError: `ELECTRON_OVERRIDE_DIST_PATH names ${binaryPath()}, which does not exist` };
  }
  // Electron 45 fetches its binary lazily; try once, with a bounded wait, keeping what it says.
  const result = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
    cwd: pkgDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  const installerError = installerFailure({ ...result, nodeVersion: process.version, timeoutMs: INSTALL_TIMEOUT_MS });
  return { binaryPresent: present(), installerError };
}

function linuxSandboxAdvice() {
  if (process.platform !== 'linux') return null;
  let usernsRestricted = false;
  try {
    usernsRestricted = readFileSync('/proc/sys/kernel/apparmor_restrict_unprivileged_userns', 'utf8').trim() === '1';
  } catch {
    // No such sysctl: an older kernel or no AppArmor, nothing restricts the sandbox.
  }
  const electronBinary = binaryPath() ?? join(pkgDir, 'dist', 'electron');
  const helperPath = join(dirname(electronBinary), 'chrome-sandbox');
  let helper = null;
  try {
    const stat = statSync(helperPath);
    helper = { path: helperPath, uid: stat.uid, mode: stat.mode };
  } catch {
    // Missing helper: the advice names where it should be.
  }
  return sandboxAdvice({ platform: process.platform, usernsRestricted, helper, electronBinary });
}

runNpm(['run', '--silent', 'build']);

const decision = chooseStart(ensureElectronBinary());
if (decision.target === 'electron') {
  const advice = linuxSandboxAdvice();
  if (advice) console.warn(`\n${advice}\n`);
  const { command, args, shell } = electronCommand({ execPath: process.execPath, cliPath: require.resolve('electron/cli.js'), appDir: '.' });
  const electron = spawn(command, args, { cwd: root, stdio: 'inherit', shell });
  electron.on('error', (error) => {
    console.error(spawnFailureMessage('Electron', error, command));
    process.exit(1);
  });
  electron.on('exit', (code, signal) => {
    const message = electronExitMessage({ code, signal, sandboxAdvice: advice });
    if (message) console.error(message);
    process.exit(code ?? 1);
  });
} else {
  console.warn(webFallbackMessage(decision.reason));
  const web = spawn(process.execPath, [join(root, 'scripts/serve-web.mjs')], { cwd: root, stdio: 'inherit' });
  web.on('error', (error) => {
    console.error(spawnFailureMessage('the web server', error, process.execPath));
    process.exit(1);
  });
  web.on('exit', (code) => process.exit(code ?? 0));
}
