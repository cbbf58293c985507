// What `npm start` decides, kept apart from start.mjs (which only runs processes) so each
// decision is unit-tested: whether this Node can run the build and Electron's installer, how
// Electron is launched on every OS, why the installer failed, and what to tell a Linux user
// whose kernel blocks the sandbox. Nothing here falls back silently: every fallback says why.

/**
 * The Node versions the project runs on. Vite 8 and Electron 45's installer (node_modules/
 * electron/install.js) load ES-only packages (@electron/get 5) with require(), which Node
 * supports without a flag from 20.19 and from 22.12 (22.0–22.11 need --experimental-require-module).
 * package.json's `engines` says the same.
 */
export const SUPPORTED_NODE = '^20.19.0 || >=22.12.0';

/** @param {string} version e.g. 'v20.18.1' or '20.18.1' */
export function parseNodeVersion(version) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

/** @param {string} version */
export function nodeIsSupported(version) {
  const parsed = parseNodeVersion(version);
  if (!parsed) return false;
  const { major, minor } = parsed;
  if (major === 20) return minor >= 19;
  if (major === 22) return minor >= 12;
  return major >= 23;
}

/** The message for a Node that cannot run `npm start`, or null. @param {string} version */
export function unsupportedNodeMessage(version) {
  if (nodeIsSupported(version)) return null;
  return (
    `Node ${version} cannot run this project: it needs Node ${SUPPORTED_NODE}.\n` +
    'Vite and Electron\'s installer load ES modules with require(), which older Node versions refuse ' +
    '(ERR_REQUIRE_ESM). Install a current Node 20 or 22 LTS, then run `npm start` again.'
  );
}

/**
 * How Electron's CLI is started: this Node running electron/cli.js, with no shell. On Windows
 * a `.cmd` (node_modules/.bin/electron.cmd) cannot be spawned without a shell since Node
 * 18.20.2/20.12.2 (CVE-2024-27980, `spawn EINVAL`), and a shell would re-parse the arguments.
 * @param {{ execPath: string, cliPath: string, appDir: string, args?: string[] }} host
 */
export function electronCommand({ execPath, cliPath, appDir, args = [] }) {
  return { command: execPath, args: [cliPath, appDir, ...args], shell: false };
}

/**
 * Why Electron's installer (node_modules/electron/install.js) did not leave a binary, in one
 * line, from what spawnSync returned; null when it succeeded.
 * @param {{ status: number | null, signal?: string | null, error?: Error | null, stderr?: string, nodeVersion: string, timeoutMs: number }} result
 */
export function installerFailure({ status, signal = null, error = null, stderr = '', nodeVersion, timeoutMs }) {
  if (error && /** @type {NodeJS.ErrnoException} */ (error).code !== 'ETIMEDOUT') return `the installer could not be run: ${error.message}`;
  if (status === 0) return null;
  if (/ERR_REQUIRE_ESM|ERR_REQUIRE_ASYNC_MODULE|require\(\) of ES Module/.test(stderr)) {
    return `Node ${nodeVersion} cannot run Electron's installer: it needs Node ${SUPPORTED_NODE} (require() of the ES module @electron/get)`;
  }
  if (signal === 'SIGTERM' || (error && /** @type {NodeJS.ErrnoException} */ (error).code === 'ETIMEDOUT')) {
    return `the download did not finish within ${Math.round(timeoutMs / 1000)} s`;
  }
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('at '));
  const reason = lines.find((line) => /error/i.test(line)) ?? lines[0] ?? `exit code ${status}`;
  const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/.test(stderr);
  return `${reason}${offline ? ' (the download server could not be reached: no internet here?)' : ''}`;
}

/**
 * The target `npm start` runs.
 * @param {{ binaryPresent: boolean, installerError: string | null }} state
 * @returns {{ target: 'electron' } | { target: 'web', reason: string }}
 */
export function chooseStart({ binaryPresent, installerError }) {
  if (binaryPresent) return { target: 'electron' };
  return { target: 'web', reason: installerError ?? 'the Electron binary is missing and was not downloaded' };
}

/** What is printed when the web target is served instead. @param {string} reason */
export function webFallbackMessage(reason) {
  return (
    '\nThe desktop app cannot start: Electron\'s binary is not available.\n' +
    `Why: ${reason}\n` +
    'Starting the web target instead: the same phone, in your browser.\n' +
    'Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run the desktop app.\n'
  );
}

/**
 * Ubuntu 24.04+ (kernel.apparmor_restrict_unprivileged_userns = 1) lets no unconfined program
 * create the user namespace Chromium's sandbox uses; Electron then needs its SUID helper
 * (chrome-sandbox owned by root, mode 4755), which an npm install never sets up, and aborts
 * (electron/electron#42510). The installed deb ships an AppArmor profile instead
 * (build/linux/apparmor-profile). The app is never started with --no-sandbox.
 * @param {{ platform: string, usernsRestricted: boolean, helper: { path: string, uid: number, mode: number } | null, electronBinary: string }} system
 */
export function sandboxAdvice({ platform, usernsRestricted, helper, electronBinary }) {
  if (platform !== 'linux' || !usernsRestricted) return null;
  if (helper && helper.uid === 0 && (helper.mode & 0o4000) !== 0) return null;
  const helperPath = helper?.path ?? 'node_modules/electron/dist/chrome-sandbox';
  return (
    'This system (Ubuntu 24.04 or later) blocks the user namespaces Electron\'s sandbox needs, so `electron .` would abort\n' +
    '("The SUID sandbox helper binary was found, but is not configured correctly"). Either:\n' +
    `  - make the sandbox helper setuid root:  sudo chown root:root ${helperPath} && sudo chmod 4755 ${helperPath}\n` +
    `  - or allow user namespaces for this Electron only with an AppArmor profile for ${electronBinary} (see the README, "Ubuntu 24.04 and later").\n` +
    'The app is never started with --no-sandbox.'
  );
}

/**
 * What is said when a child process could not be started at all (spawn's 'error' event).
 * @param {string} what e.g. 'Electron'
 * @param {NodeJS.ErrnoException} error
 * @param {string} command
 */
export function spawnFailureMessage(what, error, command) {
  return `Could not start ${what} (${command}): ${error.code ? `${error.code}: ` : ''}${error.message}`;
}

/**
 * What is said when Electron exits with a failure.
 * @param {{ code: number | null, signal: string | null, sandboxAdvice: string | null }} exit
 */
export function electronExitMessage({ code, signal, sandboxAdvice: advice }) {
  if (code === 0) return null;
  const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
  return `Electron ${how}.${advice ? `\n${advice}` : ''}`;
}
