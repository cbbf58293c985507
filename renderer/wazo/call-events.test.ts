import { describe, expect, test } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { callFromCalld, readCallEvent, recordingOf, sessionUpdateFor, talkingToIdsOf, type WazoCallEvent } from './call-events';

/** A call as wazo-calld publishes it (CallSchema / wazo-bus CallDict). */
function calldCall(overrides: Record<string, unknown> = {}) {
  return {
    bridges: ['b-1'],
    call_id: '1700657161.90',
    conversation_id: '1700657161.90',
    caller_id_name: 'Alice Martin',
    caller_id_number: '1001',
    peer_caller_id_name: 'Bob',
    peer_caller_id_number: '1002',
    creation_time: '2026-05-05T16:05:31.123+00:00',
    answer_time: '2026-05-05T16:05:35.000+00:00',
    status: 'Up',
    on_hold: false,
    muted: false,
    record_state: 'inactive',
    talking_to: { '1700657161.93': '0e3e7153-aaaa-bbbb-cccc-000000000002' },
    user_uuid: '0e3e7153-aaaa-bbbb-cccc-000000000001',
    is_caller: true,
    is_video: false,
    dialed_extension: '1002',
    line_id: 17,
    direction: 'internal',
    parked: false,
    sip_call_id: '85112a0a-a768-482b-a76e-5e9b956ed554',
    ...overrides,
  };
}

function event(name: string, payload: unknown): WazoCallEvent {
  const read = readCallEvent(name, payload);
  if (!read) throw new Error(`${name} did not parse`);
  return read;
}

describe('reading call events', () => {
  test('the six call events, and nothing else', () => {
    for (const name of ['call_created', 'call_updated', 'call_answered', 'call_ended']) expect(readCallEvent(name, calldCall())?.kind).toBe('call');
    expect(readCallEvent('call_held', { call_id: '1.2', user_uuid: 'u' })).toEqual({ kind: 'hold', name: 'call_held', callId: '1.2' });
    expect(readCallEvent('call_resumed', { call_id: '1.2' })).toEqual({ kind: 'hold', name: 'call_resumed', callId: '1.2' });
    expect(readCallEvent('chatd_user_room_message_created', calldCall())).toBeNull();
    expect(readCallEvent('call_updated', { status: 'Up' })).toBeNull();
    expect(readCallEvent('call_updated', 'nonsense')).toBeNull();
  });

  test('talking_to as calld sends it becomes the seed\'s talkingToIds; a party that is no user keeps its call id', () => {
    expect(talkingToIdsOf({ '1700657161.93': 'uuid-2', '1700657161.95': null })).toEqual([{ '1700657161.93': 'uuid-2' }, { '1700657161.95': '' }]);
    expect(talkingToIdsOf(undefined)).toEqual([]);
  });

  test('record_state', () => {
    expect(recordingOf('active')).toEqual({ recording: true, recordingPaused: false });
    expect(recordingOf('paused')).toEqual({ recording: false, recordingPaused: true });
    expect(recordingOf('inactive')).toEqual({ recording: false, recordingPaused: false });
    expect(recordingOf(undefined)).toBeUndefined();
  });

  test('the call sub-object, field by field', () => {
    expect(callFromCalld(calldCall())).toEqual({
      id: '1700657161.90',
      sipCallId: '85112a0a-a768-482b-a76e-5e9b956ed554',
      callerName: 'Alice Martin',
      callerNumber: '1001',
      calleeName: 'Bob',
      calleeNumber: '1002',
      dialedExtension: '1002',
      lineId: 17,
      isCaller: true,
      isVideo: false,
      onHold: false,
      muted: false,
      recording: false,
      status: 'Up',
      startingTime: '2026-05-05T16:05:31.123+00:00',
      talkingToIds: [{ '1700657161.93': '0e3e7153-aaaa-bbbb-cccc-000000000002' }],
    });
  });
});

describe('the update a call event makes', () => {
  test('answeredBySystem follows the reference SDK: up and talking to nobody', () => {
    expect(sessionUpdateFor(event('call_answered', calldCall({ talking_to: {} })), undefined).answeredBySystem).toBe(true);
    expect(sessionUpdateFor(event('call_updated', calldCall()), undefined).answeredBySystem).toBe(false);
    expect(sessionUpdateFor(event('call_created', calldCall({ status: 'Ring', talking_to: {} })), undefined).answeredBySystem).toBe(false);
    // At hang-up the call has left its bridge: that is no news about who answered.
    expect(sessionUpdateFor(event('call_ended', calldCall({ talking_to: {} })), undefined)).not.toHaveProperty('answeredBySystem');
  });

  test('recording comes from record_state, only when the event says it', () => {
    expect(sessionUpdateFor(event('call_updated', calldCall({ record_state: 'active' })), undefined)).toMatchObject({ recording: true, recordingPaused: false });
    expect(sessionUpdateFor(event('call_updated', calldCall({ record_state: 'paused' })), undefined)).toMatchObject({ recording: false, recordingPaused: true });
    expect(sessionUpdateFor(event('call_updated', calldCall({ record_state: undefined })), undefined)).not.toHaveProperty('recording');
  });

  test('on a live session through updateFrom: the SIP side is kept, the server side filled in', () => {
    const live = new CallSession({ sipCallId: '85112a0a-a768-482b-a76e-5e9b956ed554', number: '1002', isCaller: true, sipStatus: 'Established', answered: true });
    live.updateFrom(sessionUpdateFor(event('call_answered', calldCall({ talking_to: {} })), live.call));
    expect(live.isAnsweredBySystem()).toBe(true);
    live.updateFrom(sessionUpdateFor(event('call_updated', calldCall({ record_state: 'active' })), live.call));
    expect(live.callId).toBe('1700657161.90');
    expect(live.call?.lineId).toBe(17);
    expect(live.call?.status).toBe('Up');
    expect(live.getTalkingToIds()).toEqual(['1700657161.93']);
    expect(live.isAnsweredBySystem()).toBe(false);
    expect(live.isRecording()).toBe(true);
    expect(live.callerNumber).toBe('1001');
    expect(live).toMatchObject({ sipCallId: '85112a0a-a768-482b-a76e-5e9b956ed554', number: '1002', isCaller: true, sipStatus: 'Established', answered: true });
  });

  test('call_held and call_resumed carry only a call id: they flip the known call\'s onHold', () => {
    const known = callFromCalld(calldCall());
    expect(sessionUpdateFor(event('call_held', { call_id: '1700657161.90' }), known)).toEqual({ callId: '1700657161.90', call: { ...known, onHold: true } });
    expect(sessionUpdateFor(event('call_resumed', { call_id: '1700657161.90' }), { ...known, onHold: true }).call?.onHold).toBe(false);
    expect(sessionUpdateFor(event('call_held', { call_id: '1700657161.90' }), undefined)).toEqual({ callId: '1700657161.90' });
  });
});
