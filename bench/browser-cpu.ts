// Processor time the whole browser spends: every Chromium process (browser, renderers, GPU,
// network and audio services...) as Chromium itself reports it (CDP SystemInfo.getProcessInfo,
// the same figures as its task manager, 10 ms steps). All the bench's pages live in one
// browser, so a call's figure also holds what the idle pages spend meanwhile: a few ms, the
// same for every softphone per millisecond the call takes. Split by kind of process, it says
// where a set-up's cost lands (the per-call device listing of 2026-12-05 showed up as a video
// capture service that started during calls).
import type { Browser, CDPSession } from '@playwright/test';

interface ProcessInfo {
  type: string;
  id: number;
  cpuTime: number;
}

/** Milliseconds of processor per kind of process ('renderer', 'GPU', 'audio', ...). */
export type ProcessorByKind = Record<string, number>;

export class BrowserCpu {
  private constructor(private readonly session: CDPSession) {}

  static async attach(browser: Browser): Promise<BrowserCpu> {
    return new BrowserCpu(await browser.newBrowserCDPSession());
  }

  /** What all live processes of the browser have used so far, by kind. */
  async byKind(): Promise<ProcessorByKind> {
    const { processInfo } = (await this.session.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] };
    const used: ProcessorByKind = {};
    for (const process of processInfo) {
      const kind = kindOf(process.type);
      used[kind] = (used[kind] ?? 0) + process.cpuTime * 1000;
    }
    return used;
  }
}

/** 'audio.mojom.AudioService' -> 'audio'; 'renderer', 'GPU', 'browser' as they are. */
export function kindOf(type: string): string {
  return type.split('.')[0] ?? type;
}

/** What was used between two readings, by kind (a process that started meanwhile counts from 0). */
export function usedBetween(before: ProcessorByKind, after: ProcessorByKind): ProcessorByKind {
  const used: ProcessorByKind = {};
  for (const [kind, ms] of Object.entries(after)) used[kind] = Math.max(0, ms - (before[kind] ?? 0));
  return used;
}

export function total(used: ProcessorByKind): number {
  return Object.values(used).reduce((sum, ms) => sum + ms, 0);
}
