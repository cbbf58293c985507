// How a call is described on screen, shared by the call components.

import type { CallSession } from '../../shared/call-session';
import { safeDisplayText } from '../../shared/display-name';
import { t } from '../i18n';
import type { TransferState } from '../sip/transfer';

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
export type { EndedCall } from '../stores/ended-call';

/** What a call's state is called on screen. */
export function phaseText(phase: CallPhase): string {
  switch (phase) {
    case 'calling':
      return t('call.calling');
    case 'ringing':
      return t('call.ringing');
    case 'connected':
      return t('call.connected');
    case 'on-hold':
      return t('call.onHold');
  }
}

/**
 * The line about a transfer the far end asked for: while it runs, and after it failed (only
 * news while the user is still on hold with the transferor). Names come made safe.
 */
export function transferLine(transfer: TransferState | null | undefined, call: CallSession): string | null {
  if (!transfer) return null;
  if (transfer.status === 'transferring') return t('call.transferring', { target: transfer.target });
  if (!call.isOnHold()) return null;
  const party = safeDisplayText(call.displayName) || safeDisplayText(call.number);
  const { reason, sipCode } = transfer.outcome;
  const word = t(`outcome.${reason}`, { party: transfer.target, name: transfer.target });
  return t('call.transferFailed', { target: transfer.target, reason: sipCode ? `${word} (${sipCode})` : word, party });
}
