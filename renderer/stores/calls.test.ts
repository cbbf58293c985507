// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import { OUTCOME_VISIBLE_MS, useCallsStore } from './calls';
import { useErrorsStore } from './errors';
import { fakeContext } from './test-support/fake-context';

function snapshot(init: Partial<CallSessionInit>): CallSession {
  return new CallSession({ displayName: 'Bob', number: '1002', ...init });
}

function ended(call: CallSession): CallSession {
  const next = call.clone();
  next.sipStatus = 'Terminated';
  next.endTime = new Date();
  next.ringing = false;
  return next;
}

describe('calls store', () => {
  let context: ReturnType<typeof fakeContext>;
  beforeEach(() => {
    vi.useFakeTimers();
    context = fakeContext();
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  function incoming(id: string): CallSession {
    const call = snapshot({ sipCallId: id, ringing: true });
    context.events.emit('onSessionChanged', call);
    return call;
  }

  test('an outcome line clears itself after a while, and the host hears how the call ended', async () => {
    const calls = useCallsStore();
    const call = incoming('in-1');
    context.events.emit('onSessionChanged', ended(call));
    context.events.emit('onCallCanceled', ended(call), false);
    context.events.emit('onCallEnded', ended(call), { reason: 'missed' });
    expect(calls.lastEnded?.outcome.reason).toBe('missed');
    // Told once, with the last word on the call.
    expect(context.platform.callEnded).toHaveBeenCalledTimes(1);
    expect(context.platform.callEnded).toHaveBeenCalledWith(expect.objectContaining({ sipCallId: 'in-1' }), { reason: 'missed' });
    await vi.advanceTimersByTimeAsync(OUTCOME_VISIBLE_MS - 1000);
    expect(calls.lastEnded).not.toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.lastEnded).toBeNull();
  });

  test('never lingers over a later call', () => {
    const calls = useCallsStore();
    const first = incoming('in-1');
    context.events.emit('onCallEnded', ended(first), { reason: 'missed' });
    expect(calls.lastEnded).not.toBeNull();
    incoming('in-2');
    expect(calls.lastEnded).toBeNull();
  });

  test('a failure already in the error banner gets no "Call failed" line under it', () => {
    const calls = useCallsStore();
    const call = snapshot({ sipCallId: 'out-9', isCaller: true });
    context.events.emit('onSessionChanged', call);
    context.events.emit('onActionFailed', call, { code: 'microphone-denied', message: 'blocked' });
    context.events.emit('onCallFailed', ended(call), { reason: 'failed' });
    context.events.emit('onCallEnded', ended(call), { reason: 'failed' });
    expect(useErrorsStore().entries.map((e) => e.code)).toEqual(['microphone-denied']);
    expect(calls.lastEnded).toBeNull();
  });

  test('the same when the call ends a moment before its failure is reported', () => {
    const calls = useCallsStore();
    const call = snapshot({ sipCallId: 'in-7', ringing: true });
    context.events.emit('onSessionChanged', call);
    context.events.emit('onCallEnded', ended(call), { reason: 'failed' });
    expect(calls.lastEnded?.outcome.reason).toBe('failed');
    context.events.emit('onActionFailed', call, { code: 'microphone-denied', message: 'blocked' });
    expect(calls.lastEnded).toBeNull();
  });

  test('a failed call keeps its number in the field; an answered one frees it, and the last number is remembered', async () => {
    const calls = useCallsStore();
    calls.dialInput = '1002';
    await calls.dial('1002');
    expect(calls.dialInput).toBe('1002');
    expect(calls.lastDialed).toBe('1002');
    const busy = ended(snapshot({ sipCallId: 'out-1', isCaller: true }));
    context.events.emit('onCallRejected', busy, { reason: 'busy', sipCode: 486 });
    expect(calls.dialInput).toBe('1002');

    calls.dialInput = '1003';
    await calls.dial('1003');
    context.events.emit('onCallAccepted', snapshot({ sipCallId: 'out-2', isCaller: true, answerTime: new Date() }), false);
    expect(calls.dialInput).toBe('');
    expect(calls.lastDialed).toBe('1003');
  });

  test('the tones sent on a call are echoed, and forgotten with the call', async () => {
    const calls = useCallsStore();
    const call = snapshot({ sipCallId: 'c1', answerTime: new Date(), sipStatus: 'Established' });
    context.events.emit('onSessionChanged', call);
    await calls.sendDtmf('c1', '1');
    await calls.sendDtmf('c1', '#');
    expect(calls.tones('c1')).toBe('1#');
    expect(context.phone.sendDtmf).toHaveBeenCalledWith('c1', '#');
    context.events.emit('onSessionChanged', ended(call));
    expect(calls.tones('c1')).toBe('');
  });
});
