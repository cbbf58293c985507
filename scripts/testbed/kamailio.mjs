// Starts and stops the test bed's Kamailio (registrar + proxy, SIP over WebSocket) from the
// config template beside this file, on the ports and in the run folder given. Shared by the
// end-to-end suite (e2e/support/kamailio.ts), the benchmark and `npm run demo`, so there is one
// way to run it. Plain JavaScript with JSDoc types (kamailio.d.mts for TypeScript callers):
// `npm run demo` runs it with Node as it is, no build step.
import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

// Written as if from two folders below the repository (it is: scripts/testbed/): the benchmark
// bundles this module into dist/bench/run-bench.mjs, also two folders down, where a plain
// './kamailio.cfg.template' would point into dist/.
const TEMPLATE_PATH = fileURLToPath(new URL('../../scripts/testbed/kamailio.cfg.template', import.meta.url));
const LOOPBACK = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
// Kamailio takes 1-2 s to shut its children down after SIGTERM.
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

/**
 * @typedef {object} KamailioOptions
 * @property {number} sipPort
 * @property {number} wsPort
 * @property {string} runDir Folder for the config, pid file, control socket and log; created when missing.
 * @property {boolean} [auth] Digest auth for REGISTER (401) and for new requests from WebSocket phones (407).
 * @property {string} [password] Password accepted for every user when auth is on.
 * @property {number} [registrarUasPort] UDP port of a SIPp registrar that takes the REGISTERs of users named `reg503…`; 0 (default): none.
 */

/**
 * @typedef {object} KamailioHandle
 * @property {string} wsUrl
 * @property {number} sipPort
 * @property {string} domain
 * @property {string} logFile
 * @property {number} pid
 * @property {() => Promise<void>} stop
 * @property {() => Promise<string>} contacts `kamcmd ul.dump`: the registered contacts, as Kamailio prints them.
 */

/**
 * Debian installs Kamailio's programs in /usr/sbin, which is not on an ordinary user's PATH
 * (root's only): look there too, so `npm run demo` works without root.
 * @param {'kamailio' | 'kamcmd'} name
 * @returns {string}
 */
export function sbinProgram(name) {
  const folders = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin'];
  return folders.map((folder) => join(folder, name)).find((path) => existsSync(path)) ?? name;
}

/**
 * A TCP port that was free on 127.0.0.1 a moment ago (the kernel picks it).
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

/**
 * @param {string} template
 * @param {{ runDir: string, sipPort: number, wsPort: number, password: string, registrarUasPort?: number }} opts
 * @returns {string}
 */
export function renderKamailioConfig(template, opts) {
  /** @type {Record<string, string>} */
  const values = {
    RUN_DIR: opts.runDir,
    SIP_PORT: String(opts.sipPort),
    WS_PORT: String(opts.wsPort),
    PASSWORD: opts.password,
    REGISTRAR_UAS_PORT: String(opts.registrarUasPort ?? 0),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (match, /** @type {string} */ name) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown placeholder ${match} in the Kamailio template`);
    return value;
  });
}

/**
 * @param {KamailioOptions} opts
 * @returns {Promise<KamailioHandle>}
 */
export async function startKamailio(opts) {
  const password = opts.password ?? 'secret';
  if (/["\\\n]/.test(password)) throw new Error('the test-bed password must not contain quotes, backslashes or newlines');
  await mkdir(opts.runDir, { recursive: true });
  const configFile = `${opts.runDir}/kamailio.cfg`;
  const pidFile = `${opts.runDir}/kamailio.pid`;
  const logFile = `${opts.runDir}/kamailio.log`;
  const template = await readFile(TEMPLATE_PATH, 'utf8');
  await writeFile(configFile, renderKamailioConfig(template, { ...opts, password }));

  const args = ['-f', configFile, '-P', pidFile, '-Y', opts.runDir, '-m', '64', '-M', '8', '-E'];
  if (opts.auth) args.push('-A', 'WITH_AUTH');
  await runDaemonStarter(args, logFile);

  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`Kamailio wrote no usable pid to ${pidFile}${await logTail(logFile)}`);
  try {
    await waitForTcp(opts.wsPort, START_TIMEOUT_MS);
  } catch (error) {
    await stopPid(pid);
    throw new Error(`Kamailio did not accept connections on ${LOOPBACK}:${opts.wsPort}: ${String(error)}${await logTail(logFile)}`);
  }

  const controlSocket = `unix:${opts.runDir}/kamailio_ctl`;
  return {
    wsUrl: `ws://${LOOPBACK}:${opts.wsPort}`,
    sipPort: opts.sipPort,
    domain: LOOPBACK,
    logFile,
    pid,
    stop: () => stopPid(pid),
    contacts: async () => (await execFileAsync(sbinProgram('kamcmd'), ['-s', controlSocket, 'ul.dump'])).stdout,
  };
}

/**
 * With fork=yes the process we spawn daemonizes: it exits once the daemon is up, and the
 * daemon keeps writing to the stderr it inherited, which is the log file.
 * @param {string[]} args
 * @param {string} logFile
 */
async function runDaemonStarter(args, logFile) {
  const logFd = openSync(logFile, 'a');
  try {
    const exitCode = await new Promise((resolve, reject) => {
      const child = spawn(sbinProgram('kamailio'), args, { stdio: ['ignore', logFd, logFd] });
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    });
    if (exitCode !== 0) throw new Error(`kamailio ${args.join(' ')} exited with ${String(exitCode)}${await logTail(logFile)}`);
  } finally {
    closeSync(logFd);
  }
}

/**
 * @param {number} port
 * @param {number} timeoutMs
 * @returns {Promise<void>}
 */
function waitForTcp(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ host: LOOPBACK, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', (error) => {
        socket.destroy();
        if (Date.now() > deadline) reject(error);
        else setTimeout(attempt, POLL_MS);
      });
    };
    attempt();
  });
}

/**
 * @param {number} pid
 * @returns {boolean}
 */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/**
 * @param {number} pid
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
async function waitForExit(pid, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

/** @param {number} pid */
async function stopPid(pid) {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  process.kill(pid, 'SIGKILL');
  if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) throw new Error(`Kamailio (pid ${pid}) survived SIGKILL`);
}

/**
 * @param {string} logFile
 * @param {number} [lines]
 */
export async function logTail(logFile, lines = 30) {
  try {
    const text = await readFile(logFile, 'utf8');
    return `\n--- last lines of ${logFile} ---\n${text.trimEnd().split('\n').slice(-lines).join('\n')}`;
  } catch {
    return `\n(no log at ${logFile})`;
  }
}
