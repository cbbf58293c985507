import { describe, expect, test } from 'vitest';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import { CallEventRouter, PENDING_TTL_MS, type CallEventTarget } from './call-event-router';

/** The engine as the router sees it: snapshots by SIP Call-ID, fresh ones on every change. */
class FakePhone implements CallEventTarget {
  readonly calls = new Map<string, CallSession>();
  readonly announced: CallSession[] = [];
  private readonly listeners = new Set<(session: CallSession) => void>();

  sessions(): CallSession[] {
    return [...this.calls.values()];
  }

  applyServerUpdate(callId: string, update: Partial<CallSessionInit>): boolean {
    const current = this.calls.get(callId);
    if (!current) return false;
    const next = current.clone();
    if (!next.updateFrom(update)) return false;
    this.publish(next);
    return true;
  }

  on(_event: 'onSessionChanged', handler: (session: CallSession) => void): () => void {
    this.listeners.add(handler);
    return () => this.listeners.delete(handler);
  }

  /** A snapshot from the SIP side (a new call, or a change). */
  publish(session: CallSession): void {
    this.calls.set(session.sipCallId, session);
    this.announced.push(session);
    for (const listener of this.listeners) listener(session);
  }
}

const SIP_ID = 'sip-call-1';

function call(overrides: Record<string, unknown> = {}) {
  return {
    call_id: '1700000000.1',
    sip_call_id: SIP_ID,
    status: 'Up',
    line_id: 17,
    talking_to: { '1700000000.2': 'uuid-bob' },
    record_state: 'inactive',
    ...overrides,
  };
}

describe('CallEventRouter', () => {
  test('matches by SIP Call-ID and announces a fresh snapshot, leaving the old one as it was', () => {
    const phone = new FakePhone();
    const router = new CallEventRouter(phone);
    const first = new CallSession({ sipCallId: SIP_ID, isCaller: true, sipStatus: 'Established' });
    phone.publish(first);
    expect(router.handle({ name: 'call_updated', data: call() })).toBe(true);
    const latest = phone.calls.get(SIP_ID)!;
    expect(latest).not.toBe(first);
    expect(first.call).toBeUndefined();
    expect(latest).toMatchObject({ callId: '1700000000.1', call: { lineId: 17 } });
    // The same news again changes nothing and announces nothing.
    const count = phone.announced.length;
    expect(router.handle({ name: 'call_updated', data: call() })).toBe(false);
    expect(phone.announced).toHaveLength(count);
  });

  test('matches by the server call id when that is all the event has (call_held)', () => {
    const phone = new FakePhone();
    const router = new CallEventRouter(phone);
    phone.publish(new CallSession({ sipCallId: SIP_ID }));
    router.handle({ name: 'call_answered', data: call() });
    expect(router.handle({ name: 'call_held', data: { call_id: '1700000000.1', user_uuid: 'u' } })).toBe(true);
    expect(phone.calls.get(SIP_ID)!.call?.onHold).toBe(true);
    router.handle({ name: 'call_resumed', data: { call_id: '1700000000.1' } });
    expect(phone.calls.get(SIP_ID)!.call?.onHold).toBe(false);
  });

  test('news that comes before its call waits for it, then lands on it', () => {
    const phone = new FakePhone();
    const router = new CallEventRouter(phone);
    expect(router.handle({ name: 'call_created', data: call({ status: 'Ringing', talking_to: {}, is_caller: false }) })).toBe(false);
    phone.publish(new CallSession({ sipCallId: SIP_ID, ringing: true }));
    const live = phone.calls.get(SIP_ID)!;
    expect(live.callId).toBe('1700000000.1');
    expect(live.call?.status).toBe('Ringing');
    expect(live.ringing).toBe(true);
  });

  test('what waits is forgotten when the call ends first, or after a while', () => {
    let now = 0;
    const phone = new FakePhone();
    const router = new CallEventRouter(phone, () => now);
    router.handle({ name: 'call_created', data: call() });
    router.handle({ name: 'call_ended', data: call() });
    phone.publish(new CallSession({ sipCallId: SIP_ID }));
    expect(phone.calls.get(SIP_ID)!.callId).toBeUndefined();

    router.handle({ name: 'call_created', data: call({ sip_call_id: 'late', call_id: '9.9' }) });
    now += PENDING_TTL_MS;
    phone.publish(new CallSession({ sipCallId: 'late' }));
    expect(phone.calls.get('late')!.callId).toBeUndefined();
  });

  test('events of other calls, or garbled ones, touch nothing', () => {
    const phone = new FakePhone();
    const router = new CallEventRouter(phone);
    phone.publish(new CallSession({ sipCallId: SIP_ID }));
    expect(router.handle({ name: 'call_updated', data: call({ sip_call_id: 'someone-else', call_id: '5.5' }) })).toBe(false);
    expect(router.handle({ name: 'call_updated', data: { sip_call_id: SIP_ID } })).toBe(false);
    expect(router.handle({ name: 'favorite_added', data: call() })).toBe(false);
    expect(phone.calls.get(SIP_ID)!.callId).toBeUndefined();
  });

  test('a session without ids is never matched by an empty id', () => {
    const phone = new FakePhone();
    const router = new CallEventRouter(phone);
    phone.publish(new CallSession({ sipCallId: '' }));
    expect(router.handle({ name: 'call_updated', data: call({ sip_call_id: '' }) })).toBe(false);
  });

  test('dispose stops listening', () => {
    const phone = new FakePhone();
    const router = new CallEventRouter(phone);
    router.handle({ name: 'call_created', data: call() });
    router.dispose();
    phone.publish(new CallSession({ sipCallId: SIP_ID }));
    expect(phone.calls.get(SIP_ID)!.callId).toBeUndefined();
  });
});
