import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const DEFAULT_TIMEOUT_MS = 30_000;

export interface SippOptions {
  /** Path of the XML scenario (see e2e/sipp/). */
  scenarioFile: string;
  /** Proxy address, `127.0.0.1:5060`. */
  target: string;
  /** User part of the Request-URI: the phone being called. */
  service: string;
  /** UDP port SIPp binds; SIPp picks a free one when omitted. */
  localPort?: number;
  /** SIPp is killed when it runs longer than this. */
  timeoutMs?: number;
  /** Values for `[keyword]` placeholders of the scenario (passed as `-key name value`). */
  keys?: Record<string, string>;
  extraArgs?: string[];
}

export interface SippResult {
  /** 0 when the scenario ran to its end; SIPp exits 1 when the call failed. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Every SIP message SIPp sent and received (`-trace_msg`). */
  messagesLog?: string;
  /** Messages SIPp did not expect (`-trace_err`), usually the reason for a failure. */
  errorsLog?: string;
  timedOut: boolean;
}

/** Places one call over UDP with SIPp, in the foreground, and collects its traces. */
export async function runSipp(opts: SippOptions): Promise<SippResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const traceDir = await mkdtemp(join(tmpdir(), 'sipp-'));
  const messagesFile = join(traceDir, 'messages.log');
  const errorsFile = join(traceDir, 'errors.log');
  const args = [
    opts.target,
    '-sf', opts.scenarioFile,
    '-s', opts.service,
    '-t', 'u1',
    '-i', '127.0.0.1',
    '-m', '1',
    '-nostdin',
    '-trace_msg', '-message_file', messagesFile,
    '-trace_err', '-error_file', errorsFile,
  ];
  if (opts.localPort !== undefined) args.push('-p', String(opts.localPort));
  for (const [name, value] of Object.entries(opts.keys ?? {})) args.push('-key', name, value);
  args.push(...(opts.extraArgs ?? []));

  try {
    const run = await runToExit('sipp', args, timeoutMs);
    return {
      ...run,
      messagesLog: await readIfPresent(messagesFile),
      errorsLog: await readIfPresent(errorsFile),
    };
  } finally {
    await rm(traceDir, { recursive: true, force: true });
  }
}

export interface SippServerOptions {
  /** Path of the XML scenario: one that starts with a `<recv request=...>`. */
  scenarioFile: string;
  /** UDP port on 127.0.0.1 where SIPp waits for requests. */
  localPort: number;
  /** SIPp is killed when it runs longer than this. */
  timeoutMs?: number;
}

export interface SippServer {
  /** Resolves when SIPp exits (its scenario done, failed, or stopped), with its traces. */
  done: Promise<SippResult>;
  /** Ends SIPp now (if still running) and returns what `done` returns. */
  stop(): Promise<SippResult>;
}

/**
 * Starts SIPp as a server (UAS) for one dialog or transaction series, in the background: it
 * answers what reaches its port (through Kamailio) as its scenario says.
 */
export async function startSippServer(opts: SippServerOptions): Promise<SippServer> {
  const traceDir = await mkdtemp(join(tmpdir(), 'sipp-uas-'));
  const messagesFile = join(traceDir, 'messages.log');
  const errorsFile = join(traceDir, 'errors.log');
  const args = [
    '-sf', opts.scenarioFile,
    '-t', 'u1',
    '-i', '127.0.0.1',
    '-p', String(opts.localPort),
    '-m', '1',
    '-nostdin',
    '-trace_msg', '-message_file', messagesFile,
    '-trace_err', '-error_file', errorsFile,
  ];
  const child = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const done = collect(child, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS).then(async (run) => {
    try {
      return { ...run, messagesLog: await readIfPresent(messagesFile), errorsLog: await readIfPresent(errorsFile) };
    } finally {
      await rm(traceDir, { recursive: true, force: true });
    }
  });
  // Wait until it listens, so that the first request is not lost (SIPp binds in a few ms).
  await waitForUdpBind(opts.localPort, child);
  return {
    done,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return done;
    },
  };
}

async function waitForUdpBind(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 5000;
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  while (Date.now() < deadline && child.exitCode === null) {
    const table = await readIfPresent('/proc/net/udp');
    if (table === undefined || table.includes(hex)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * When each traced message was sent or received, in order, with its first line
 * (`{ atMs, direction: 'received', firstLine: 'REGISTER sip:127.0.0.1 SIP/2.0' }`).
 */
export function tracedMessages(messagesLog: string): { atMs: number; direction: 'sent' | 'received'; firstLine: string }[] {
  const result: { atMs: number; direction: 'sent' | 'received'; firstLine: string }[] = [];
  // SIPp heads each message with "----- 2026-12-01\t23:55:30.123456\n<UDP message sent|received ...>".
  const pattern = /^-+ (\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2}\.\d+)\s*\n(?:[^\n]*?message (sent|received)[^\n]*\n)\s*\n?([^\n]*)/gm;
  for (const match of messagesLog.matchAll(pattern)) {
    const [, day, time, direction, firstLine] = match;
    result.push({ atMs: Date.parse(`${day}T${time!.slice(0, 12)}`), direction: direction as 'sent' | 'received', firstLine: firstLine!.trim() });
  }
  return result;
}

/** The status codes of the responses SIPp received, in order (`[100, 180, 200]`). */
export function receivedStatusCodes(messagesLog: string): number[] {
  // SIPp prefixes every traced message with a line such as "... UDP message received [N] bytes :".
  const blocks = messagesLog.split(/^-+ [^\n]*\n/m);
  const codes: number[] = [];
  for (const block of blocks) {
    if (!/message received/.test(block)) continue;
    const status = /^SIP\/2\.0 (\d{3}) /m.exec(block);
    if (status?.[1]) codes.push(Number(status[1]));
  }
  return codes;
}

function runToExit(command: string, args: string[], timeoutMs: number): Promise<{ exitCode: number; stdout: string; stderr: string; timedOut: boolean }> {
  return collect(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }), timeoutMs);
}

function collect(child: ChildProcessByStdio<null, Readable, Readable>, timeoutMs: number): Promise<{ exitCode: number; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal ? 128 : -1), stdout, stderr, timedOut });
    });
  });
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
