import { describe, expect, it } from 'vitest';
import type { Timeouts } from '../timeouts';
import { PublicationHold } from './publication-hold';

function manualClock() {
  const timers = new Map<number, { at: number; run: () => void }>();
  let now = 0;
  let next = 1;
  const clock: Timeouts = {
    setTimeout: (run, ms) => {
      timers.set(next, { at: now + ms, run });
      return next++;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > now) continue;
      timers.delete(id);
      timer.run();
    }
  };
  return { clock, advance };
}

describe('PublicationHold', () => {
  it('publishes at once when nothing is held', () => {
    const seen: string[] = [];
    new PublicationHold(manualClock().clock).publish(() => seen.push('a'));
    expect(seen).toEqual(['a']);
  });

  it('keeps events back while held and publishes them in order on release, then at once', () => {
    const { clock } = manualClock();
    const hold = new PublicationHold(clock);
    const seen: string[] = [];
    hold.hold(100);
    hold.publish(() => seen.push('establishing'));
    hold.publish(() => seen.push('answered'));
    expect(seen).toEqual([]);
    hold.release();
    expect(seen).toEqual(['establishing', 'answered']);
    hold.publish(() => seen.push('established'));
    expect(seen).toEqual(['establishing', 'answered', 'established']);
  });

  it('never holds longer than its bound', () => {
    const { clock, advance } = manualClock();
    const hold = new PublicationHold(clock);
    const seen: string[] = [];
    hold.hold(80);
    hold.publish(() => seen.push('answered'));
    advance(79);
    expect(seen).toEqual([]);
    advance(1);
    expect(seen).toEqual(['answered']);
    expect(hold.held).toBe(false);
  });

  it('releaseSoon publishes in the next task, not in the current one', () => {
    const { clock, advance } = manualClock();
    const hold = new PublicationHold(clock);
    const seen: string[] = [];
    hold.hold(100);
    hold.publish(() => seen.push('answered'));
    hold.releaseSoon();
    expect(seen).toEqual([]);
    advance(0);
    expect(seen).toEqual(['answered']);
  });
});
