import { describe, expect, it } from 'vitest';
import { CallSession } from '../shared/call-session';
import { createPhoneStateMirror } from './phone-state-mirror';

describe('phone state mirror', () => {
  it('keeps the latest snapshot of each live call and forgets ended ones', () => {
    const mirror = createPhoneStateMirror();
    const ringing = new CallSession({ sipCallId: 'a@pbx', number: '1002', ringing: true });
    mirror.updateCall(ringing.toJSON());
    mirror.updateCall(new CallSession({ sipCallId: 'b@pbx', number: '1003' }).toJSON());
    ringing.answer();
    mirror.updateCall(ringing.toJSON());
    expect(mirror.activeCalls().map((call) => [call.sipCallId, call.answered])).toEqual([
      ['a@pbx', true],
      ['b@pbx', false],
    ]);
    mirror.updateCall(new CallSession({ sipCallId: 'b@pbx', sipStatus: 'Terminated', endTime: new Date() }).toJSON());
    expect(mirror.activeCalls().map((call) => call.sipCallId)).toEqual(['a@pbx']);
  });

  it('keeps the latest registration and tells subscribers about every change until they leave', () => {
    const mirror = createPhoneStateMirror();
    let changes = 0;
    const unsubscribe = mirror.onChange(() => changes++);
    mirror.updateRegistration({ status: 'registering', aor: null, error: null });
    mirror.updateRegistration({ status: 'registered', aor: 'sip:1001@pbx', error: null });
    unsubscribe();
    mirror.updateRegistration({ status: 'unregistered', aor: 'sip:1001@pbx', error: null });
    expect(changes).toBe(2);
    expect(mirror.registration()?.status).toBe('unregistered');
  });

  it('forgets every call and the registration on reset, returning the calls it dropped', () => {
    const mirror = createPhoneStateMirror();
    const call = new CallSession({ sipCallId: 'a@pbx', number: '1002', ringing: true }).toJSON();
    mirror.updateCall(call);
    mirror.updateRegistration({ status: 'registered', aor: 'sip:1001@pbx', error: null });
    let changes = 0;
    mirror.onChange(() => changes++);
    expect(mirror.reset()).toEqual([call]);
    expect(mirror.activeCalls()).toEqual([]);
    expect(mirror.registration()).toBeNull();
    expect(changes).toBe(1);
  });
});
