import { describe, expect, it } from 'vitest';
import { RELIST_AFTER_ANSWER_MS, relistWhileLabelsHidden, type RelistClock } from './label-reveal';

function manualClock(): RelistClock & { due: Array<{ run: () => void; ms: number }>; fire(): void } {
  const due: Array<{ run: () => void; ms: number }> = [];
  return {
    due,
    setTimeout: (run, ms) => due.push({ run, ms }),
    fire() {
      for (const timer of due.splice(0)) timer.run();
    },
  };
}

describe('listing the devices again after a call was answered', () => {
  it('does nothing while the names are known: no listing during any call set-up', () => {
    const clock = manualClock();
    let listings = 0;
    const onAnswered = relistWhileLabelsHidden(() => true, () => (listings += 1), clock);
    for (let call = 0; call < 5; call += 1) onAnswered();
    clock.fire();
    expect(clock.due).toEqual([]);
    expect(listings).toBe(0);
  });

  it('lists once, after the set-up, while the names are hidden', () => {
    const clock = manualClock();
    let listings = 0;
    const onAnswered = relistWhileLabelsHidden(() => false, () => (listings += 1), clock);
    onAnswered();
    onAnswered();
    expect(listings).toBe(0);
    expect(clock.due.map((timer) => timer.ms)).toEqual([RELIST_AFTER_ANSWER_MS]);
    clock.fire();
    expect(listings).toBe(1);
    onAnswered();
    clock.fire();
    expect(listings).toBe(2);
  });

  it('skips the listing when the names showed up meanwhile (the settings listed them)', () => {
    const clock = manualClock();
    let known = false;
    let listings = 0;
    const onAnswered = relistWhileLabelsHidden(() => known, () => (listings += 1), clock);
    onAnswered();
    known = true;
    clock.fire();
    expect(listings).toBe(0);
  });
});
