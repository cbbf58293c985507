// A call's events kept back, in order, for the few milliseconds between the Answer press and
// the 200 OK leaving. The page repaints the answered call as soon as its snapshot is published
// (Vue renders in a microtask, ahead of every later step of SIP.js's answer), so publishing at
// the press would make the 200 OK wait for a repaint nobody needs before it. Held, the answer
// leaves first and the page catches up right after, a frame later at most. Bounded: whatever
// happens, the events go out within `maxMs`.

import { browserTimeouts, type Timeouts } from '../timeouts';

export class PublicationHold {
  private queue: Array<() => void> | null = null;
  private timer: unknown;

  constructor(private readonly clock: Timeouts = browserTimeouts) {}

  /** Publish now, or after the hold if one is on. */
  publish(publish: () => void): void {
    if (this.queue) this.queue.push(publish);
    else publish();
  }

  /** Keep events back until release(), for at most `maxMs`. */
  hold(maxMs: number): void {
    if (this.queue) return;
    this.queue = [];
    this.timer = this.clock.setTimeout(() => this.release(), maxMs);
  }

  /** Publish what was kept back, in order; later events go out at once. */
  release(): void {
    const queue = this.queue;
    if (!queue) return;
    this.queue = null;
    this.clock.clearTimeout(this.timer);
    for (const publish of queue) publish();
  }

  /** Release in the next task: what the current one is sending (the 200 OK) leaves first. */
  releaseSoon(): void {
    if (this.queue) this.clock.setTimeout(() => this.release(), 0);
  }

  get held(): boolean {
    return this.queue !== null;
  }
}
