// Questions the tray, shortcuts, notifications and auto-answer ask of the live calls the
// renderer published: which call is ringing, which one is the call in progress, who is it.
// Commands address calls by `sipCallId`, the id the renderer's phone keys its calls by.

import type { CallSessionJSON } from '../shared/call-session';
import { safeDisplayText } from '../shared/display-name';

export function hasEnded(call: CallSessionJSON): boolean {
  return call.sipStatus === 'Terminated' || call.endTime !== null;
}

/** An incoming call still waiting to be answered (and not silenced with "ignore"). */
export function isRingingIncoming(call: CallSessionJSON): boolean {
  return !call.isCaller && call.ringing && !call.answered && !call.ignored && !hasEnded(call);
}

/** The oldest incoming call that is ringing, which answer/decline act on. */
export function ringingCall(calls: readonly CallSessionJSON[]): CallSessionJSON | undefined {
  return calls.find(isRingingIncoming);
}

/**
 * The call the user is talking in: the newest answered call that is not on hold, else the
 * newest answered one, else an outgoing call still being set up (hang up cancels it).
 */
export function currentCall(calls: readonly CallSessionJSON[]): CallSessionJSON | undefined {
  const live = calls.filter((call) => !hasEnded(call)).reverse();
  return (
    live.find((call) => call.answered && !call.paused) ??
    live.find((call) => call.answered) ??
    live.find((call) => call.isCaller && !call.answered)
  );
}

/**
 * The far end's name and number as plain text that is safe to show: the snapshot comes from the
 * page, and its names from the network, so bidi and invisible characters are dropped here again.
 * `name` is empty when there is none or it only repeats the number.
 */
export function partyIdentity(call: CallSessionJSON): { name: string; number: string } {
  const number = safeDisplayText(call.number || call.callerNumber || '');
  const name = safeDisplayText(call.displayName);
  return { name: name === number ? '' : name, number };
}

/** "Alice (1002)", or just the number when the name is the number or missing. */
export function partyLabel(call: CallSessionJSON): string {
  const { name, number } = partyIdentity(call);
  if (!name) return number || 'Unknown caller';
  return number ? `${name} (${number})` : name;
}
