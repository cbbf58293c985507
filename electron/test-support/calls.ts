// Call snapshots as the renderer publishes them, for main-process tests. Built through the
// real CallSession model so they always pass the IPC schema.

import { CallSession, type CallSessionInit, type CallSessionJSON } from '../../shared/call-session';

export function incomingRinging(sipCallId: string, init: Partial<CallSessionInit> = {}): CallSessionJSON {
  return new CallSession({ sipCallId, number: '1002', displayName: 'Alice', isCaller: false, ringing: true, ...init }).toJSON();
}

export function answered(call: CallSessionJSON): CallSessionJSON {
  return { ...call, ringing: false, answered: true, answerTime: new Date().toISOString(), sipStatus: 'Established' };
}

export function ended(call: CallSessionJSON): CallSessionJSON {
  return { ...call, ringing: false, sipStatus: 'Terminated', endTime: new Date().toISOString() };
}

export function outgoing(sipCallId: string, init: Partial<CallSessionInit> = {}): CallSessionJSON {
  return new CallSession({ sipCallId, number: '1003', displayName: 'Bob', isCaller: true, sipStatus: 'Establishing', ...init }).toJSON();
}
