// Processor time the whole browser spends: every Chromium process (browser, renderers, GPU,
// network and audio services...) as Chromium itself reports it (CDP SystemInfo.getProcessInfo,
// the same figures as its task manager, 10 ms steps). All the bench's pages live in one
// browser, so a call's figure also holds what the idle pages spend meanwhile: a few ms, the
// same for every softphone per millisecond the call takes.
import type { Browser, CDPSession } from '@playwright/test';

interface ProcessInfo {
  type: string;
  id: number;
  cpuTime: number;
}

export class BrowserCpu {
  private constructor(private readonly session: CDPSession) {}

  static async attach(browser: Browser): Promise<BrowserCpu> {
    return new BrowserCpu(await browser.newBrowserCDPSession());
  }

  /** Milliseconds of processor time all live processes of the browser have used so far. */
  async totalMs(): Promise<number> {
    const { processInfo } = (await this.session.send('SystemInfo.getProcessInfo')) as { processInfo: ProcessInfo[] };
    return processInfo.reduce((sum, process) => sum + process.cpuTime * 1000, 0);
  }
}
