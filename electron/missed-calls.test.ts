import { describe, expect, it } from 'vitest';
import { createMissedCallTracker } from './missed-calls';
import { answered, ended, incomingRinging, outgoing } from './test-support/calls';

describe('missed-call tracker', () => {
  it('counts a ringing call that ended unanswered, once', () => {
    const tracker = createMissedCallTracker();
    const call = incomingRinging('c1@pbx');
    expect(tracker.observe(call)).toBeNull();
    expect(tracker.observe(ended(call))).toMatchObject({ sipCallId: 'c1@pbx' });
    expect(tracker.observe(ended(call))).toBeNull();
    expect(tracker.count()).toBe(1);
  });

  it('does not count answered calls, outgoing calls or calls declined from here', () => {
    const tracker = createMissedCallTracker();
    const taken = incomingRinging('c1@pbx');
    tracker.observe(taken);
    tracker.observe(answered(taken));
    tracker.observe(ended(answered(taken)));
    const dialled = outgoing('o1@pbx');
    tracker.observe(dialled);
    tracker.observe(ended(dialled));
    const refused = incomingRinging('c2@pbx');
    tracker.observe(refused);
    tracker.markDeclined('c2@pbx');
    tracker.observe(ended(refused));
    expect(tracker.count()).toBe(0);
  });

  it('clears the count when the user has looked', () => {
    const tracker = createMissedCallTracker();
    for (const id of ['a', 'b']) {
      tracker.observe(incomingRinging(id));
      tracker.observe(ended(incomingRinging(id)));
    }
    expect(tracker.count()).toBe(2);
    tracker.clear();
    expect(tracker.count()).toBe(0);
  });
});
