import { EmitterImpl, SessionState } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import { untilCallEnds } from './until-call-ends';

function session(state: SessionState = SessionState.Establishing) {
  const stateChange = new EmitterImpl<SessionState>();
  const s = {
    state,
    stateChange,
    move(next: SessionState) {
      s.state = next;
      stateChange.emit(next);
    },
  };
  return s;
}

const never = () => new Promise<string>(() => undefined);

describe('untilCallEnds', () => {
  it("gives the step's value, or its failure, while the call lasts", async () => {
    const s = session();
    await expect(untilCallEnds(s, Promise.resolve('sent'))).resolves.toBe('sent');
    await expect(untilCallEnds(s, Promise.reject(new Error('no socket')))).rejects.toThrow('no socket');
  });

  it('ends a step that would wait for ever when the call ends (a CANCEL crossing the answer)', async () => {
    const s = session();
    const step = untilCallEnds(s, never());
    s.move(SessionState.Established);
    s.move(SessionState.Terminated);
    await expect(step).resolves.toBeUndefined();
  });

  it('does not wait at all for a call already over, nor report its step failing later', async () => {
    const s = session(SessionState.Terminated);
    await expect(untilCallEnds(s, Promise.reject(new Error('closed')))).resolves.toBeUndefined();
  });

  it('stops listening once settled', async () => {
    const s = session();
    const added = vi.spyOn(s.stateChange, 'addListener');
    const removed = vi.spyOn(s.stateChange, 'removeListener');
    await untilCallEnds(s, Promise.resolve(1));
    expect(removed).toHaveBeenCalledWith(added.mock.calls[0]![0]);
  });
});
