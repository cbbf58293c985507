// BENCH_PROFILE=1: where our pages spend their main thread during a call's set-up. The bench
// records a V8 CPU profile (over CDP) of both of our pages for each call answered at once, and
// prints, for the caller's dial -> Established and the callee's INVITE arrival -> 200 OK sent,
// the functions that took the most time of that window (self time) and how much of it was idle.
// The profiles are written to dist/bench/profiles/ for DevTools' Performance panel. Reading
// them needs names: run-bench.sh builds our page unminified when BENCH_PROFILE is set.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** Microseconds, in the page's monotonic clock. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The function run just before and after profiling, found again in the samples to align clocks. */
const ANCHOR = 'benchProfileAnchor';
const SAMPLING_US = 100;
const ANCHOR_MS = 10;
const NO_ANCHOR = '  (the profile has no sample of its anchor: its samples cannot be placed on the page clock)';
let anchors = 0;

export class PageProfiler {
  private anchorAt = 0;

  private constructor(
    private readonly page: Page,
    private readonly session: CDPSession,
  ) {}

  static async start(page: Page): Promise<PageProfiler> {
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await session.send('Profiler.start');
    // The sampler thread takes a moment to run: an anchor at once may not be sampled.
    await page.waitForTimeout(20);
    const profiler = new PageProfiler(page, session);
    profiler.anchorAt = await profiler.anchor();
    return profiler;
  }

  /**
   * Stops and returns the profile with the page's performance.now() of its anchor: a named busy
   * loop run as profiling starts, found in the samples to place them on the page's clock.
   */
  async stop(): Promise<{ profile: CpuProfile; anchorAt: number }> {
    const { profile } = (await this.session.send('Profiler.stop')) as { profile: CpuProfile };
    await this.session.detach();
    return { profile, anchorAt: this.anchorAt };
  }

  private async anchor(): Promise<number> {
    // A new name each time: a source seen before is taken from V8's cache, and its samples lose their name.
    anchors += 1;
    return (await this.page.evaluate(`(function ${ANCHOR}${anchors}() { const t = performance.now(); while (performance.now() - t < ${ANCHOR_MS}) {} return t; })()`)) as number;
  }
}

interface Sample {
  /** The page's performance.now(). */
  at: number;
  node: ProfileNode;
  /** The task it belongs to: the outermost named frame under the root (or idle, GC, program). */
  task: ProfileNode;
  ms: number;
}

function samplesOnPageClock(profile: CpuProfile, anchorAt: number): Sample[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inAnchor = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) if (byId.get(at)?.callFrame.functionName.startsWith(ANCHOR)) return true;
    return false;
  };
  const taskOf = (id: number): ProfileNode => {
    let at = id;
    for (let up = parent.get(at); up !== undefined && parent.get(up) !== undefined; up = parent.get(up)) {
      if (byId.get(up)!.callFrame.functionName) at = up;
    }
    return byId.get(at)!;
  };
  const raw: Array<{ t: number; node: ProfileNode }> = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    raw.push({ t, node: byId.get(id)! });
  });
  const anchor = raw.find((s) => inAnchor(s.node.id));
  if (!anchor) return [];
  return raw.map((s, i) => ({
    at: anchorAt + (s.t - anchor.t) / 1000,
    node: s.node,
    task: taskOf(s.node.id),
    ms: ((raw[i + 1]?.t ?? s.t) - s.t) / 1000,
  }));
}

function place(frame: ProfileNode['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const file = frame.url.replace(/^.*\/(assets|node_modules)\//, '$1/').replace(/\?.*$/, '');
  return `${name} ${file}:${frame.lineNumber + 1}`;
}

/** Self time by function within [from, to] of the page's clock, the top `top` of them. */
export function summarize(profile: CpuProfile, anchorAt: number, from: number, to: number, top = 12): string {
  const samples = samplesOnPageClock(profile, anchorAt);
  if (samples.length === 0) return NO_ANCHOR;
  const totals = new Map<string, number>();
  let busy = 0;
  for (const s of samples) {
    if (s.at < from || s.at > to) continue;
    const key = place(s.node.callFrame);
    totals.set(key, (totals.get(key) ?? 0) + s.ms);
    if (key !== '(idle)') busy += s.ms;
  }
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`  window ${(to - from).toFixed(1)} ms, main thread busy ${busy.toFixed(1)} ms`, ...rows.map(([k, ms]) => `  ${ms.toFixed(1).padStart(6)} ms  ${k}`)].join('\n');
}

/**
 * What the main thread did within [from, to], in order: runs of samples of one task (with the
 * function that took most of the run), from 0.5 ms up. Shows what a step waited behind.
 */
export function sequence(profile: CpuProfile, anchorAt: number, from: number, to: number): string {
  const samples = samplesOnPageClock(profile, anchorAt);
  if (samples.length === 0) return NO_ANCHOR;
  const runs: Array<{ at: number; task: string; ms: number; leaves: Map<string, number> }> = [];
  for (const s of samples) {
    if (s.at < from || s.at > to) continue;
    const task = place(s.task.callFrame);
    let run = runs.at(-1);
    if (run?.task !== task) {
      run = { at: s.at, task, ms: 0, leaves: new Map() };
      runs.push(run);
    }
    run.ms += s.ms;
    const leaf = place(s.node.callFrame);
    run.leaves.set(leaf, (run.leaves.get(leaf) ?? 0) + s.ms);
  }
  return runs
    .filter((r) => r.ms >= 0.5)
    .map((r) => {
      const [leaf] = [...r.leaves.entries()].sort((a, b) => b[1] - a[1])[0] ?? [''];
      return `  +${(r.at - from).toFixed(1).padStart(6)} ms ${r.ms.toFixed(1).padStart(5)} ms  ${r.task}${leaf !== r.task ? `  (mostly ${leaf})` : ''}`;
    })
    .join('\n');
}

export async function saveProfile(dir: string, name: string, profile: CpuProfile): Promise<string> {
  const file = join(dir, `${name}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  return file;
}
