// What the conference bar offers for the calls in progress: a merge once two or more calls are
// answered and none is in a conference, or the conference's members and its ways out.

import type { CallSession } from '../../shared/call-session';
import { shownParty } from './party-name';

export type ConferenceState =
  | { kind: 'none' }
  | { kind: 'can-merge'; callIds: string[] }
  | { kind: 'in-conference'; names: string; callIds: string[] };

export function conferenceState(calls: readonly CallSession[]): ConferenceState {
  const up = calls.filter((call) => call.isEstablished() && call.isAnswered() && !call.isTerminated());
  const members = up.filter((call) => call.isConference());
  const ids = (list: CallSession[]) => list.map((call) => call.getId() ?? '');
  if (members.length >= 2) {
    return { kind: 'in-conference', names: members.map((call) => shownParty(call.displayName, call.number).name).join(', '), callIds: ids(members) };
  }
  if (members.length === 0 && up.length >= 2) return { kind: 'can-merge', callIds: ids(up) };
  return { kind: 'none' };
}
