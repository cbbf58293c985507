import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
