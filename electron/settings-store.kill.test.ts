// A crash at any moment must leave settings.json and settings.json.bak each either absent or
// whole: a child process runs the real settings store, saving varying settings in a loop,
// and is SIGKILLed at random points; after every kill both files must parse against the
// settings schema, and the next start must load them without a corruption notice.

import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appPreferencesSchema } from '../shared/app-preferences';
import { storedAccountSettingsSchema } from '../shared/ipc-contract';
import { createSettingsStore, SETTINGS_FILE_NAME } from './settings-store';

// Two folders, each with its own writer killed and restarted in turn: twice the kills in the
// same time, as most of a run is the child's start-up. 60 runs per folder take about 9 s on an
// idle 2-core machine; on a busy one a folder stops after 15 s, once it has had 20.
const LANES = 2;
const RUNS_PER_LANE = 60;
const MIN_RUNS_PER_LANE = 20;
const TIME_BUDGET_MS = 15_000;
const RUNS = LANES * RUNS_PER_LANE;
const here = path.dirname(fileURLToPath(import.meta.url));

// What the store writes, checked strictly: the child only ever saves valid settings.
const settingsFileSchema = z.strictObject({
  version: z.literal(1),
  account: storedAccountSettingsSchema.nullable(),
  preferences: appPreferencesSchema,
});

let work: string;
let childScript: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'settings-kill-'));
  // The child runs the TypeScript sources themselves, bundled once to plain JavaScript.
  childScript = path.join(work, 'settings-writer-child.mjs');
  await build({
    entryPoints: [path.join(here, 'test-support', 'settings-writer-child.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true, // parsed at every one of the runs
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/**
 * Starts the writer and SIGKILLs it at a random moment: mostly mid-loop, once its first save
 * is done (so that every such run changes the file, however slow the disk), sometimes while
 * it loads or saves for the first time.
 */
function runAndKill(directory: string, run: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, directory, String(run * 1000)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const kill = () => child.kill('SIGKILL');
    if (run % 6 === 5) {
      setTimeout(kill, Math.random() * 80);
    } else {
      let stdout = '';
      const onData = (chunk: Buffer) => {
        stdout += chunk.toString();
        if (!stdout.includes('saved')) return;
        child.stdout.off('data', onData);
        setTimeout(kill, Math.random() * 40);
      };
      child.stdout.on('data', onData);
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

/** The file's problem, or null when it is absent or whole. */
async function problemWith(file: string): Promise<string | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = settingsFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? null : `${path.basename(file)} fails the schema: ${z.prettifyError(parsed.error)}`;
  } catch {
    return `${path.basename(file)} is not JSON (${text.length} bytes): ${JSON.stringify(text.slice(0, 60))}`;
  }
}

/** Kills and restarts one writer over one folder; returns what was wrong after each kill. */
async function killRepeatedly(directory: string, lane: number): Promise<{ runs: number; problems: string[]; contents: Set<string> }> {
  const problems: string[] = [];
  const contents = new Set<string>();
  const file = path.join(directory, SETTINGS_FILE_NAME);
  const started = Date.now();
  let run = 0;
  for (; run < RUNS_PER_LANE && (run < MIN_RUNS_PER_LANE || Date.now() - started < TIME_BUDGET_MS); run += 1) {
    await runAndKill(directory, run);
    for (const checked of [file, `${file}.bak`]) {
      const problem = await problemWith(checked);
      if (problem) problems.push(`lane ${lane} run ${run}: ${problem}`);
    }
    const asideCopies = (await readdir(directory).catch(() => [])).filter((name) => name.startsWith('settings.corrupt-'));
    if (asideCopies.length > 0) problems.push(`lane ${lane} run ${run}: the store found a damaged file (${asideCopies.join(', ')})`);
    contents.add(await readFile(file, 'utf8').catch(() => ''));
  }
  return { runs: run, problems, contents };
}

describe('settings store killed at random points', () => {
  it(`leaves settings.json and its backup whole after each of up to ${RUNS} kills`, async () => {
    const directories = Array.from({ length: LANES }, (_, lane) => path.join(work, `user-data-${lane}`));
    const lanes = await Promise.all(directories.map((directory, lane) => killRepeatedly(directory, lane)));
    expect(lanes.flatMap((result) => result.problems)).toEqual([]);
    for (const [lane, directory] of directories.entries()) {
      // The kills did land among writes: the file changed between most of the runs.
      const { runs = 0, contents } = lanes[lane] ?? {};
      expect(runs).toBeGreaterThanOrEqual(MIN_RUNS_PER_LANE);
      expect(contents?.size).toBeGreaterThan(runs / 2);
      const next = await createSettingsStore({ directory }).load();
      expect(next.notices).toEqual([]);
      expect(next.account).not.toBeNull();
    }
  }, 120_000);
});
