// Writes the tab's title, letting it settle first unless a call is ringing. A call's set-up
// changes the title two or three times in a tenth of a second ("Calling Bob…", then "In call
// with Bob (00:00)"), and each write is work for the whole browser: the tab strip and the window
// redrawn, their renderers told (traced in the bench, BENCH_TRACE=1: ~20 ms of the browser
// process's main thread per call, in the middle of the set-up, on both ends). A title a user
// glances at in a row of tabs is not worse for arriving TITLE_SETTLE_MS later, and the titles
// nobody could have read are never written. A ringing call's title is written at once: it is how
// a call is noticed in a background tab.

import { browserTimeouts, type Timeouts } from '../timeouts';

/** How long a title must stay the wanted one before it is written (ringing excepted). */
export const TITLE_SETTLE_MS = 400;

export class TitleWriter {
  private pending: { title: string; handle: unknown } | null = null;
  /** The page's first title is written at once: it is the page opening, not a call's set-up. */
  private written = false;

  constructor(
    private readonly page: { title: string },
    private readonly timer: Timeouts = browserTimeouts,
  ) {}

  /** The title wanted now; `urgent` (a call rings) writes it at once. */
  show(title: string, urgent: boolean): void {
    if (!urgent && this.pending?.title === title) return;
    this.cancel();
    if (this.page.title === title) return;
    if (urgent || !this.written) {
      this.write(title);
      return;
    }
    const pending = { title, handle: undefined as unknown };
    pending.handle = this.timer.setTimeout(() => {
      if (this.pending !== pending) return;
      this.pending = null;
      this.write(title);
    }, TITLE_SETTLE_MS);
    this.pending = pending;
  }

  private write(title: string): void {
    this.written = true;
    this.page.title = title;
  }

  /** Drops a title waiting to be written. */
  private cancel(): void {
    if (!this.pending) return;
    this.timer.clearTimeout(this.pending.handle);
    this.pending = null;
  }
}
