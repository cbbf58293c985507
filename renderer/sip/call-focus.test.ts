import { describe, expect, it } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { CallFocus, FocusRefused, type FocusableCall } from './call-focus';

/** A call whose hold takes a tick, as a re-INVITE does, and can be told to refuse it. */
class TestCall implements FocusableCall {
  established = true;
  paused = false;
  refuseHold = false;
  readonly snapshot: CallSession;
  constructor(readonly id: string) {
    this.snapshot = new CallSession({ sipCallId: id, number: id, displayName: `Caller ${id}` });
  }
  isLive(): boolean {
    return this.established && !this.paused;
  }
  async setHold(hold: boolean): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (hold && this.refuseHold) return;
    this.paused = hold;
  }
}

function phoneWith(...ids: string[]) {
  const calls = ids.map((id) => new TestCall(id));
  const focus = new CallFocus(() => calls);
  const live = () => calls.filter((c) => c.isLive()).map((c) => c.id);
  return { calls, focus, live };
}

describe('CallFocus: one un-held call at a time', () => {
  it('with nothing to hold and nothing under way, the action starts in the caller\'s task (before any microtask, so before a render)', async () => {
    const { calls, focus } = phoneWith('a', 'b');
    for (const c of calls) c.paused = true;
    const order: string[] = [];
    queueMicrotask(() => order.push('microtask'));
    const done = focus.focus('b', async () => {
      order.push('action');
    });
    order.push('returned');
    await done;
    expect(order).toEqual(['action', 'returned', 'microtask']);
  });

  it('an action asked while another is under way waits for it, even with nothing to hold', async () => {
    const { focus } = phoneWith();
    const order: string[] = [];
    let finishFirst: () => void = () => undefined;
    const first = focus.focus('a', () => new Promise<void>((resolve) => (finishFirst = () => (order.push('first done'), resolve()))));
    const second = focus.focus('b', async () => {
      order.push('second');
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual([]);
    finishFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first done', 'second']);
    // Settled again: the next one starts at once.
    let ranAtOnce = false;
    const third = focus.focus('c', async () => {
      ranAtOnce = true;
    });
    expect(ranAtOnce).toBe(true);
    await third;
  });

  it('an action that throws at once is a rejection, and the next focus change still runs', async () => {
    const { focus } = phoneWith();
    await expect(focus.focus('a', () => {
      throw new Error('no such call');
    })).rejects.toThrow('no such call');
    await expect(focus.focus('b', async () => 'ok')).resolves.toBe('ok');
  });

  it("a conference's members count as one call: resuming one keeps its companion live, another call is held", async () => {
    const calls = ['b', 'c', 'd'].map((id) => new TestCall(id));
    const focus = new CallFocus(() => calls, (id) => (id === 'b' ? ['c'] : id === 'c' ? ['b'] : []));
    calls[0]!.paused = true;
    await focus.focus('b', () => calls[0]!.setHold(false));
    expect(calls.filter((c) => c.isLive()).map((c) => c.id)).toEqual(['b', 'c']);
    await focus.focus('d', () => calls[2]!.setHold(false));
    expect(calls.filter((c) => c.isLive()).map((c) => c.id)).toEqual(['d']);
  });

  it('resuming a held call holds the live one first', async () => {
    const { calls, focus, live } = phoneWith('a', 'b');
    calls[1]!.paused = true;
    await focus.focus('b', () => calls[1]!.setHold(false));
    expect(live()).toEqual(['b']);
  });

  it('two resumes racing each other leave exactly one call live (the last asked)', async () => {
    const { calls, focus, live } = phoneWith('a', 'b', 'c');
    calls[1]!.paused = true;
    calls[2]!.paused = true;
    await Promise.all([focus.focus('b', () => calls[1]!.setHold(false)), focus.focus('c', () => calls[2]!.setHold(false))]);
    expect(live()).toEqual(['c']);
  });

  it('a call that cannot be held stops the action, which never runs', async () => {
    const { calls, focus, live } = phoneWith('a', 'b');
    calls[0]!.refuseHold = true;
    calls[1]!.paused = true;
    let ran = false;
    const attempt = focus.focus('b', async () => {
      ran = true;
    });
    await expect(attempt).rejects.toBeInstanceOf(FocusRefused);
    await expect(attempt).rejects.toThrow(/Caller a could not be put on hold/);
    expect(ran).toBe(false);
    expect(live()).toEqual(['a']);
  });

  it('a refusal does not wedge later focus changes', async () => {
    const { calls, focus, live } = phoneWith('a', 'b');
    calls[0]!.refuseHold = true;
    calls[1]!.paused = true;
    await focus.focus('b', () => calls[1]!.setHold(false)).catch(() => undefined);
    calls[0]!.refuseHold = false;
    await focus.focus('b', () => calls[1]!.setHold(false));
    expect(live()).toEqual(['b']);
  });

  it('a call answered remotely while the user talks on another is held at once', async () => {
    const { calls, focus, live } = phoneWith('talking', 'dialled');
    calls[1]!.established = false;
    await focus.focus('talking', async () => undefined);
    calls[1]!.established = true;
    focus.established(calls[1]!);
    await focus.focus('talking', async () => undefined);
    expect(live()).toEqual(['talking']);
  });

  it('a call established while nothing else is live keeps its voice and becomes the focus', async () => {
    const { calls, focus, live } = phoneWith('held', 'new');
    calls[0]!.paused = true;
    calls[1]!.established = false;
    await focus.focus('held', async () => undefined);
    calls[0]!.paused = true;
    calls[1]!.established = true;
    focus.established(calls[1]!);
    await focus.focus('new', async () => undefined);
    expect(live()).toEqual(['new']);
  });

  it('dialling (no call id yet) holds every live call', async () => {
    const { focus, live } = phoneWith('a', 'b');
    await focus.focus(null, async () => undefined);
    expect(live()).toEqual([]);
  });
});
