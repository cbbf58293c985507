// The test bed's STUN/TURN server: Debian's coturn on loopback, started as a daemon with its own
// ports, run folder and credentials, and stopped by its pid (never by name: another run may
// have its own). Also a STUN server that never answers (unreachableStun), for the calls that
// must not wait for one. Used by the e2e suite and the bench (see testbed.md's coturn notes).

import { execFile, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { isAlive, logTail } from './kamailio.mjs';

const execFileAsync = promisify(execFile);
const LOOPBACK = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

/** The program's path: on PATH, else /usr/bin (Debian's coturn). */
function turnserverProgram() {
  return process.env.TURNSERVER ?? 'turnserver';
}

/** A UDP port nobody uses on loopback right now. */
export function freeUdpPort() {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, LOOPBACK, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * Sends one STUN Binding request (RFC 8489) and resolves true when a success response with the
 * same transaction id comes back within `timeoutMs`.
 * @param {string} host @param {number} port @param {number} timeoutMs
 */
export function stunAnswers(host, port, timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const transaction = randomBytes(12);
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0);
    request.writeUInt16BE(0, 2);
    request.writeUInt32BE(0x2112a442, 4);
    transaction.copy(request, 8);
    /** @param {boolean} answered */
    const done = (answered) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('message', (message) => {
      if (message.length >= 20 && message.readUInt16BE(0) === 0x0101 && message.subarray(8, 20).equals(transaction)) done(true);
    });
    socket.on('error', () => done(false));
    socket.send(request, port, host);
  });
}

/**
 * @param {import('./coturn.d.mts').CoturnOptions} opts
 * @returns {Promise<import('./coturn.d.mts').CoturnHandle>}
 */
export async function startCoturn(opts) {
  const user = opts.user ?? 'test';
  const password = opts.password ?? 'secret';
  const realm = opts.realm ?? 'softphone.test';
  const port = opts.port ?? (await freeUdpPort());
  await mkdir(opts.runDir, { recursive: true });
  const pidFile = `${opts.runDir}/turn.pid`;
  const logFile = `${opts.runDir}/turn.log`;
  const args = [
    '-n',
    `--listening-ip=${LOOPBACK}`,
    `--relay-ip=${LOOPBACK}`,
    `--listening-port=${port}`,
    `--min-port=${opts.minPort ?? 49160}`,
    `--max-port=${opts.maxPort ?? 49200}`,
    '--lt-cred-mech',
    `--user=${user}:${password}`,
    `--realm=${realm}`,
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    // Everything here is on loopback: without this, relayed traffic to 127.0.0.1 is refused.
    '--allow-loopback-peers',
    `--pidfile=${pidFile}`,
    `--log-file=${logFile}`,
    '--simple-log',
    '--no-stdout-log',
    '--daemon',
  ];
  await new Promise((resolve, reject) => {
    const child = spawn(turnserverProgram(), args, { stdio: 'ignore' });
    child.once('error', (error) => reject(new Error(`cannot start turnserver (install Debian's coturn: npm run setup): ${error.message}`)));
    child.once('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`turnserver exited with ${String(code)}`))));
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  let pid = 0;
  while (Date.now() < deadline) {
    pid = Number.parseInt((await readFile(pidFile, 'utf8').catch(() => '')).trim(), 10) || 0;
    if (pid > 0 && (await stunAnswers(LOOPBACK, port, 200))) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  if (!(pid > 0) || !(await stunAnswers(LOOPBACK, port, 500))) {
    if (pid > 0) await stopPid(pid);
    throw new Error(`coturn did not answer STUN on ${LOOPBACK}:${port}${await logTail(logFile)}`);
  }
  return {
    host: LOOPBACK,
    port,
    user,
    password,
    stunUrl: `stun:${LOOPBACK}:${port}`,
    turnUrl: `turn:${LOOPBACK}:${port}?transport=udp`,
    logFile,
    pid,
    stop: () => stopPid(pid),
  };
}

/** @param {number} pid */
async function stopPid(pid) {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

/** True when this process sees no network interface but `lo` (a private namespace made for the run). */
export async function onlyLoopback() {
  try {
    const { stdout } = await execFileAsync('ip', ['-o', 'link', 'show']);
    const names = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(':')[1]?.trim().split('@')[0]);
    return names.length > 0 && names.every((name) => name === 'lo');
  } catch {
    return false;
  }
}

/**
 * A STUN server address whose packets vanish: UDP to 127.0.0.2:port is dropped by an nft (or
 * iptables) rule, so a browser gets neither an answer nor an ICMP error and waits, as it would
 * for a server behind a dead route. Only inside a private network namespace with nothing but
 * `lo`: the rule is never put on a real machine's firewall. Resolves null (with the reason)
 * when that cannot be done here.
 * @param {number} [port]
 * @returns {Promise<{ url: string, host: string, port: number, remove(): Promise<void> } | { url: null, reason: string }>}
 */
export async function unreachableStun(port = 3479) {
  const host = '127.0.0.2';
  if (!(await onlyLoopback())) return { url: null, reason: 'not inside a private network namespace (lo only): no firewall rule is added to a real network' };
  const table = `softphone_blackhole_${port}`;
  try {
    await execFileAsync('nft', ['add', 'table', 'ip', table]);
    await execFileAsync('nft', ['add', 'chain', 'ip', table, 'out', '{ type filter hook output priority 0 ; }']);
    await execFileAsync('nft', ['add', 'rule', 'ip', table, 'out', 'ip', 'daddr', host, 'udp', 'dport', String(port), 'drop']);
    return { url: `stun:${host}:${port}`, host, port, remove: async () => void (await execFileAsync('nft', ['delete', 'table', 'ip', table]).catch(() => undefined)) };
  } catch (nftError) {
    await execFileAsync('nft', ['delete', 'table', 'ip', table]).catch(() => undefined);
    const rule = ['OUTPUT', '-d', host, '-p', 'udp', '--dport', String(port), '-j', 'DROP'];
    try {
      await execFileAsync('iptables', ['-A', ...rule]);
      return { url: `stun:${host}:${port}`, host, port, remove: async () => void (await execFileAsync('iptables', ['-D', ...rule]).catch(() => undefined)) };
    } catch (iptablesError) {
      return { url: null, reason: `neither nft nor iptables could add a DROP rule (nft: ${String(nftError)}; iptables: ${String(iptablesError)})` };
    }
  }
}
