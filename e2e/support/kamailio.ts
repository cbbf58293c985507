import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const TEMPLATE_PATH = fileURLToPath(new URL('../../scripts/testbed/kamailio.cfg.template', import.meta.url));
const LOOPBACK = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
// Kamailio takes 1-2 s to shut its children down after SIGTERM.
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

export interface KamailioOptions {
  sipPort: number;
  wsPort: number;
  /** Folder for the config, pid file, control socket and log; created when missing. */
  runDir: string;
  /** Digest auth for REGISTER (401) and for new requests from WebSocket phones (407). */
  auth?: boolean;
  /** Password accepted for every user when auth is on. */
  password?: string;
  /** UDP port of a SIPp registrar that takes the REGISTERs of users named `reg503…`; 0 (default): none. */
  registrarUasPort?: number;
}

export interface KamailioHandle {
  wsUrl: string;
  sipPort: number;
  domain: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
  /** `kamcmd ul.dump`: the registered contacts, as Kamailio prints them. */
  contacts(): Promise<string>;
}

/** A TCP port that was free on 127.0.0.1 a moment ago (the kernel picks it). */
export function freePort(): Promise<number> {
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

export function renderKamailioConfig(
  template: string,
  opts: Required<Omit<KamailioOptions, 'auth' | 'registrarUasPort'>> & Pick<KamailioOptions, 'registrarUasPort'>,
): string {
  const values: Record<string, string> = {
    RUN_DIR: opts.runDir,
    SIP_PORT: String(opts.sipPort),
    WS_PORT: String(opts.wsPort),
    PASSWORD: opts.password,
    REGISTRAR_UAS_PORT: String(opts.registrarUasPort ?? 0),
  };
  const rendered = template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown placeholder ${match} in the Kamailio template`);
    return value;
  });
  return rendered;
}

export async function startKamailio(opts: KamailioOptions): Promise<KamailioHandle> {
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
    contacts: async () => (await execFileAsync('kamcmd', ['-s', controlSocket, 'ul.dump'])).stdout,
  };
}

// With fork=yes the process we spawn daemonizes: it exits once the daemon is up, and the
// daemon keeps writing to the stderr it inherited, which is the log file.
async function runDaemonStarter(args: string[], logFile: string): Promise<void> {
  const logFd = openSync(logFile, 'a');
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('kamailio', args, { stdio: ['ignore', logFd, logFd] });
      child.once('error', reject);
      child.once('exit', (code) => resolve(code));
    });
    if (exitCode !== 0) throw new Error(`kamailio ${args.join(' ')} exited with ${String(exitCode)}${await logTail(logFile)}`);
  } finally {
    closeSync(logFd);
  }
}

function waitForTcp(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

async function stopPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return;
  process.kill(pid, 'SIGKILL');
  if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) throw new Error(`Kamailio (pid ${pid}) survived SIGKILL`);
}

async function logTail(logFile: string, lines = 30): Promise<string> {
  try {
    const text = await readFile(logFile, 'utf8');
    return `\n--- last lines of ${logFile} ---\n${text.trimEnd().split('\n').slice(-lines).join('\n')}`;
  } catch {
    return `\n(no log at ${logFile})`;
  }
}
