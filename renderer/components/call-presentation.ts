// How a call is described on screen, shared by the call components and the page title.

import type { CallSession } from '../../shared/call-session';
import { parseDialString } from '../../shared/dial-string';
import type { CallOutcome } from '../../shared/phone-status';

export type CallPhase = 'calling' | 'ringing' | 'connected' | 'on-hold';

export function callPhase(call: CallSession): CallPhase {
  if (call.isOnHold()) return 'on-hold';
  if (call.isAnswered()) return 'connected';
  return call.isRinging() ? 'ringing' : 'calling';
}

/** "Alice (1001)", or just the one we have when the name is the number or is missing. */
export function partyLabel(displayName: string, number: string): string {
  const name = displayName.trim();
  const num = number.trim();
  if (name && num && name !== num) return `${name} (${num})`;
  return name || num;
}

/** m:ss under an hour, h:mm:ss beyond; negative or invalid input counts as zero. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.floor(totalSeconds) : 0;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${rest}`;
  return `${String(minutes).padStart(2, '0')}:${rest}`;
}

// Stands in for the account's domain when none is set yet: only the look of the address is
// wanted then. `.invalid` is reserved (RFC 2606), so it never equals a real host.
const PLACEHOLDER_DOMAIN = 'domain.invalid';

/**
 * How a typed, pasted or linked address should read in the dial box: the compact form the
 * call will use (`+33 1 23-45` -> `+3312345`), or null when it cannot be dialled as it is.
 */
export function dialDisplayText(input: string, defaultDomain: string): string | null {
  const parsed = parseDialString(input, defaultDomain.trim() || PLACEHOLDER_DOMAIN);
  return parsed.ok ? parsed.target.display : null;
}

/** The twelve keys of a phone pad, in reading order. */
export const PAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type PadKey = (typeof PAD_KEYS)[number];

/** The letters printed under each key, for the look of a phone (not part of the key's name). */
export const PAD_LETTERS: Partial<Record<PadKey, string>> = {
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
  '0': '+',
};

/** What the UI keeps about a call once it is over, to say how it ended. */
export interface EndedCall {
  callId: string;
  displayName: string;
  number: string;
  incoming: boolean;
  outcome: CallOutcome;
}
