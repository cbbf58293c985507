import { describe, expect, it } from 'vitest';
import type { Timeouts } from '../timeouts';
import { TITLE_SETTLE_MS, TitleWriter } from './title-writer';

/** Timers run by hand: `elapse(ms)` fires those due. */
function manualTimer(): Timeouts & { elapse(ms: number): void; count(): number } {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  return {
    setTimeout(run, ms) {
      next += 1;
      timers.set(next, { at: now + ms, run });
      return next;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    elapse(ms) {
      now += ms;
      for (const [handle, timer] of [...timers].sort(([, a], [, b]) => a.at - b.at)) {
        if (timer.at > now) continue;
        timers.delete(handle);
        timer.run();
      }
    },
    count: () => timers.size,
  };
}

/** A page that records every title written to it. */
function page(initial = '') {
  const written: string[] = [];
  let title = initial;
  return {
    written,
    get title() {
      return title;
    },
    set title(value: string) {
      title = value;
      written.push(value);
    },
  };
}

/** A writer that has written the page's first title ('Softphone'), which is not recorded. */
function opened(tab: ReturnType<typeof page>, timer: Timeouts): TitleWriter {
  const writer = new TitleWriter(tab, timer);
  writer.show('Softphone', false);
  tab.written.splice(0);
  return writer;
}

describe("the tab's title", () => {
  it("writes the page's first title at once", () => {
    const timer = manualTimer();
    const tab = page();
    new TitleWriter(tab, timer).show('Softphone', false);
    expect(tab.written).toEqual(['Softphone']);
    expect(timer.count()).toBe(0);
  });

  it("is written once a set-up's titles settle: the ones nobody could read are never written", () => {
    const timer = manualTimer();
    const tab = page();
    const writer = opened(tab, timer);
    writer.show('Calling Bob… — Softphone', false);
    timer.elapse(100);
    writer.show('In call with Bob (00:00)', false);
    timer.elapse(TITLE_SETTLE_MS - 1);
    expect(tab.written).toEqual([]);
    timer.elapse(1);
    expect(tab.written).toEqual(['In call with Bob (00:00)']);
    expect(timer.count()).toBe(0);
  });

  it('writes a ringing call at once, dropping a title still settling', () => {
    const timer = manualTimer();
    const tab = page();
    const writer = opened(tab, timer);
    writer.show('Softphone (offline)', false);
    writer.show('Ringing: Alice — Softphone', true);
    expect(tab.written).toEqual(['Ringing: Alice — Softphone']);
    timer.elapse(TITLE_SETTLE_MS);
    expect(tab.written).toEqual(['Ringing: Alice — Softphone']);
  });

  it('never rewrites the title it shows, and keeps the settling time of a title asked again', () => {
    const timer = manualTimer();
    const tab = page();
    const writer = opened(tab, timer);
    writer.show('Softphone', false);
    writer.show('Softphone', true);
    expect(timer.count()).toBe(0);
    writer.show('In call with Bob (00:01)', false);
    timer.elapse(300);
    // The same snapshot again (the effect reruns on every change): the wait is not restarted.
    writer.show('In call with Bob (00:01)', false);
    timer.elapse(TITLE_SETTLE_MS - 300);
    expect(tab.written).toEqual(['In call with Bob (00:01)']);
  });

  it('drops a settling title when the page is back to the one shown', () => {
    const timer = manualTimer();
    const tab = page();
    const writer = opened(tab, timer);
    writer.show('Calling Bob… — Softphone', false);
    writer.show('Softphone', false);
    timer.elapse(TITLE_SETTLE_MS);
    expect(tab.written).toEqual([]);
    expect(timer.count()).toBe(0);
  });
});
