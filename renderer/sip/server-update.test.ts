import { describe, expect, test } from 'vitest';
import type { Session } from 'sip.js';
import { CallSession } from '../../shared/call-session';
import { CallController } from './call-controller';

/** Just enough of a SIP.js session for a CallController that only receives server news. */
function fakeSession(): Session {
  const listeners: Array<(state: string) => void> = [];
  return {
    state: 'Established',
    delegate: undefined,
    stateChange: { addListener: (listener: (state: string) => void) => listeners.push(listener) },
    userAgent: { userAgentCore: { receiveRequest: () => undefined, receiveInsideDialogRequest: () => undefined } },
  } as unknown as Session;
}

function controller() {
  const emitted: Array<{ name: string; session: CallSession }> = [];
  const initial = new CallSession({ sipCallId: 'sip-1', number: '1002', isCaller: true, sipStatus: 'Established', answered: true, paused: false });
  const c = new CallController(fakeSession(), initial, ((name: string, session: CallSession) => emitted.push({ name, session })) as never, () => undefined);
  return { c, initial, emitted };
}

describe('CallController.applyServerUpdate', () => {
  test('a server update becomes a fresh snapshot announced with onSessionChanged; the old one is untouched', () => {
    const { c, initial, emitted } = controller();
    const changed = c.applyServerUpdate({
      callId: '1700.1',
      call: { id: '1700.1', sipCallId: 'sip-1', lineId: 17, status: 'Up', talkingToIds: [{ '1700.2': 'uuid-b' }] },
      recording: true,
      answeredBySystem: false,
    });
    expect(changed).toBe(true);
    expect(emitted.map((e) => e.name)).toEqual(['onSessionChanged']);
    const next = emitted[0]!.session;
    expect(next).not.toBe(initial);
    expect(c.snapshot).toBe(next);
    expect(next).toMatchObject({ callId: '1700.1', recording: true, answeredBySystem: false, number: '1002', sipStatus: 'Established' });
    expect(next.getTalkingToIds()).toEqual(['1700.2']);
    expect(initial.callId).toBeUndefined();
    expect(initial.call).toBeUndefined();
    expect(initial.isRecording()).toBe(false);
  });

  test('only the server\'s own fields are taken: the SIP side stays the engine\'s', () => {
    const { c, emitted } = controller();
    expect(c.applyServerUpdate({ sipStatus: 'Terminated', paused: true, number: '666', sipCallId: 'other', endTime: new Date() })).toBe(false);
    expect(emitted).toEqual([]);
    expect(c.snapshot).toMatchObject({ sipStatus: 'Established', paused: false, number: '1002', sipCallId: 'sip-1', endTime: null });
  });

  test('nothing new, nothing announced', () => {
    const { c, emitted } = controller();
    c.applyServerUpdate({ callId: '1700.1', recording: true });
    c.applyServerUpdate({ callId: '1700.1', recording: true });
    expect(emitted).toHaveLength(1);
  });
});
