// Exactly one call may be un-held: the user's microphone reaches one party at a time. Every
// path that gives a call the user's voice (dial, answer, resume — whether from a button, the
// tray, the popup, a shortcut, auto-answer or a transfer's new call) goes through `focus()`,
// which holds every other call first, one change at a time, so two Resume clicks racing each
// other still leave one call live. A call that becomes established behind the user's back (an
// outgoing call answered while the user talks on another) is held at once.

import type { CallSession } from '../../shared/call-session';
import type { PhoneError } from '../../shared/phone-status';

/** What the focus rule needs of a call. */
export interface FocusableCall {
  readonly id: string;
  readonly snapshot: CallSession;
  /** Established (media may flow) and not held. */
  isLive(): boolean;
  setHold(hold: boolean): Promise<void>;
}

/** A call that had to be held first could not be: the action was not carried out. */
export class FocusRefused extends Error {
  constructor(readonly error: PhoneError) {
    super(error.message);
  }
}

export class CallFocus<C extends FocusableCall> {
  /** The call the user chose last: it keeps its voice when another one is answered remotely. */
  private focusedId: string | null = null;
  private changes: Promise<unknown> = Promise.resolve();
  /** Focus changes started and not yet settled: while any is, a new one waits its turn. */
  private unsettled = 0;

  constructor(
    private readonly calls: () => Iterable<C>,
    /** Calls that go with a call (a conference's members): never held to give it the voice. */
    private readonly companionsOf: (callId: string) => readonly string[] = () => [],
  ) {}

  /**
   * Holds every live call but `callId`, then runs `action` (the dial, answer or resume), all
   * before the next focus change starts. Rejects with FocusRefused, without running `action`,
   * when a live call could not be held.
   */
  focus<T>(callId: string | null, action: () => Promise<T>): Promise<T> {
    // Nothing under way and no other call to hold: the action starts now, in the caller's task.
    // A dial or an answer then reaches the wire before the page renders anything (Vue renders
    // in a microtask, and would run ahead of the promise hops of the queued path).
    const run = this.unsettled === 0 && !this.anyToHold(callId)
      ? this.runNow(callId, action)
      : this.changes.then(() => this.holdAllBut(callId)).then(() => {
          this.focusedId = callId;
          return action();
        });
    this.track(run);
    return run;
  }

  private runNow<T>(callId: string | null, action: () => Promise<T>): Promise<T> {
    this.focusedId = callId;
    try {
      return action();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private track(run: Promise<unknown>): void {
    this.unsettled += 1;
    this.changes = run.catch(() => undefined).finally(() => {
      this.unsettled -= 1;
    });
  }

  private anyToHold(callId: string | null): boolean {
    return !this.liveOthers(callId).next().done;
  }

  /** The live calls a focus on `callId` holds (not it, not its companions), each checked as reached. */
  private *liveOthers(callId: string | null): Generator<C> {
    const companions = callId ? this.companionsOf(callId) : [];
    for (const call of this.calls()) if (call.id !== callId && !companions.includes(call.id) && call.isLive()) yield call;
  }

  /** A dial gets its call id only once the INVITE exists: the new call is the focused one. */
  adopt(callId: string): void {
    this.focusedId = callId;
  }

  /**
   * A call was just established. When it is not the one the user is talking on and that one
   * is live, it is held straight away (its microphone stays closed meanwhile, see the
   * controller's mute rule): the user picked the other call last.
   */
  established(call: C): void {
    if (call.id === this.focusedId) return;
    const focused = [...this.calls()].find((c) => c.id === this.focusedId);
    if (!focused?.isLive()) {
      this.focusedId = call.id;
      return;
    }
    this.track(this.changes.then(() => (call.isLive() ? call.setHold(true) : undefined)));
  }

  forget(callId: string): void {
    if (this.focusedId === callId) this.focusedId = null;
  }

  private async holdAllBut(callId: string | null): Promise<void> {
    for (const call of this.liveOthers(callId)) {
      await call.setHold(true);
      if (call.isLive()) {
        const who = call.snapshot.displayName || call.snapshot.number;
        throw new FocusRefused({
          code: 'hold-failed',
          message: `The call with ${who} could not be put on hold, so nothing else was connected: one call at a time hears you. Try again, or hang up that call.`,
        });
      }
    }
  }
}
