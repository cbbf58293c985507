// How a call is described on screen, shared by the call components and the page title.

import type { CallSession } from '../../shared/call-session';

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

export { formatDuration } from '../i18n/format-duration';
export { dialDisplayText } from '../dialing/dial-display';
export { PAD_KEYS, PAD_LETTERS, type PadKey } from '../dialing/pad-keys';
export type { EndedCall } from '../stores/ended-call';
