// BENCH_TRACE=1: a Chromium trace of all of the browser's processes over each call answered at
// once after typing (the calls the processor row counts), written to dist/bench/traces/ for
// Perfetto (ui.perfetto.dev) or chrome://tracing, and summed per softphone after each scenario:
// what the browser process's main thread did, by the mojo interface of the messages it handled.
// The processor row says which process a set-up's cost lands in; this says what for. It is how
// the page's SVG icon was found: every call's <audio> started a media session that rasterised
// it, 10-25 ms of the browser's main thread per call (build/icons/make-icons.mjs).
// Tracing costs processor time itself: compare a traced run only with another traced run.
// BENCH_TRACE=toplevel,mojom,devtools.timeline (a list) records those categories instead, e.g.
// to see a renderer's script, style, layout and paint in the files.

import type { Browser } from '@playwright/test';

/** Top-level tasks and the mojo messages they dispatch: enough to name the work, cheap to record. */
const CATEGORIES = ['toplevel', 'mojom'];

/** The categories BENCH_TRACE asks for: '1' for the default ones. */
export function traceCategories(setting: string): string[] {
  const listed = setting.split(',').map((c) => c.trim()).filter((c) => c !== '' && c !== '1');
  return listed.length > 0 ? [...new Set([...CATEGORIES, ...listed])] : CATEGORIES;
}

interface TraceEvent {
  ph?: string;
  name?: string;
  pid?: number;
  tid?: number;
  ts?: number;
  dur?: number;
  /** Thread (processor) time, microseconds. */
  tdur?: number;
  args?: { name?: string; chrome_mojo_event_info?: { mojo_interface_tag?: string } };
}

export interface InterfaceTime {
  ms: number;
  messages: number;
}

export interface ThreadSummary {
  /** Processor time of all the thread's top-level tasks, ms. */
  tasksMs: number;
  /** Of which in handling messages, per mojo interface (outermost messages only). */
  byInterface: Map<string, InterfaceTime>;
}

function eventsOf(trace: unknown): TraceEvent[] {
  if (Array.isArray(trace)) return trace as TraceEvent[];
  return ((trace as { traceEvents?: TraceEvent[] }).traceEvents ?? []) as TraceEvent[];
}

const usedMs = (event: TraceEvent) => (event.tdur ?? event.dur ?? 0) / 1000;

/** Where one thread of one kind of process spent its processor time in a trace. */
export function threadSummary(trace: unknown, processName = 'Browser', threadName = 'CrBrowserMain'): ThreadSummary {
  const events = eventsOf(trace);
  const pids = new Set(events.filter((e) => e.ph === 'M' && e.name === 'process_name' && e.args?.name === processName).map((e) => e.pid));
  const threads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && pids.has(e.pid) && e.args?.name === threadName).map((e) => `${e.pid}:${e.tid}`),
  );
  const mine = events
    .filter((e) => e.ph === 'X' && threads.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  const summary: ThreadSummary = { tasksMs: 0, byInterface: new Map() };
  // A message handled inside another (a sync call's reply) is part of the outer one's time.
  const outerEnd = new Map<string, number>();
  for (const event of mine) {
    if (event.name === 'ThreadControllerImpl::RunTask') summary.tasksMs += usedMs(event);
    if (!event.name?.startsWith('Receive mojo')) continue;
    const thread = `${event.pid}:${event.tid}`;
    const start = event.ts ?? 0;
    if (start < (outerEnd.get(thread) ?? -Infinity)) continue;
    outerEnd.set(thread, start + (event.dur ?? 0));
    const tag = event.args?.chrome_mojo_event_info?.mojo_interface_tag ?? '(untagged)';
    const time = summary.byInterface.get(tag) ?? { ms: 0, messages: 0 };
    time.ms += usedMs(event);
    time.messages += 1;
    summary.byInterface.set(tag, time);
  }
  return summary;
}

/** The browser process's main thread over many calls of each softphone. */
export class TraceBook {
  private readonly calls = new Map<string, { count: number; tasksMs: number; byInterface: Map<string, InterfaceTime> }>();

  add(softphone: string, summary: ThreadSummary): void {
    const book = this.calls.get(softphone) ?? { count: 0, tasksMs: 0, byInterface: new Map<string, InterfaceTime>() };
    book.count += 1;
    book.tasksMs += summary.tasksMs;
    for (const [tag, time] of summary.byInterface) {
      const total = book.byInterface.get(tag) ?? { ms: 0, messages: 0 };
      total.ms += time.ms;
      total.messages += time.messages;
      book.byInterface.set(tag, total);
    }
    this.calls.set(softphone, book);
  }

  /** One line per softphone: the main thread's time per call, and its biggest interfaces. */
  lines(top = 6): string[] {
    return [...this.calls].map(([softphone, book]) => {
      const perCall = (ms: number) => (ms / book.count).toFixed(1);
      const biggest = [...book.byInterface]
        .sort(([, a], [, b]) => b.ms - a.ms)
        .slice(0, top)
        .map(([tag, time]) => `${tag} ${perCall(time.ms)} (${(time.messages / book.count).toFixed(1)} msg)`);
      return `${softphone} (${book.count} calls): browser main thread ${perCall(book.tasksMs)} ms per call; biggest: ${biggest.join(', ')}`;
    });
  }

  clear(): void {
    this.calls.clear();
  }
}

/** Records one trace of the whole browser between start() and stop(). */
export class BrowserTrace {
  private constructor(private readonly browser: Browser) {}

  static async start(browser: Browser, categories: string[]): Promise<BrowserTrace> {
    await browser.startTracing(undefined, { categories });
    return new BrowserTrace(browser);
  }

  /** The trace (Chrome's JSON trace format). */
  async stop(): Promise<Buffer> {
    return this.browser.stopTracing();
  }
}
