// A transfer this phone asked for (our REFER, RFC 3515), as a small state machine: what the
// far end answered to the REFER and what its NOTIFYs (message/sipfrag bodies carrying the new
// call's status line) said since. Pure, so every step can be tested without a network.

import type { CallOutcome } from '../../shared/phone-status';
import { outcomeOfFailureResponse } from './call-outcomes';

export type OutgoingTransferStatus =
  /** Attended only: the consultation call with the target is being set up or talking. */
  | 'consulting'
  /** REFER sent, no answer yet. */
  | 'requested'
  /** The far end accepted the REFER (202): it is now calling the target. */
  | 'accepted'
  /** The far end's new call is trying (NOTIFY 100) or ringing (NOTIFY 18x). */
  | 'trying'
  | 'ringing'
  /** NOTIFY 2xx: the target answered; our call is ended. */
  | 'succeeded'
  /** REFER refused, NOTIFY with a failure, or no result in time: our call stays. */
  | 'failed';

export interface OutgoingTransfer {
  kind: 'blind' | 'attended';
  status: OutgoingTransferStatus;
  /** Who the call is transferred to, safe to show. */
  target: string;
  /** Attended: the id of the consultation call. */
  consultCallId?: string;
  /** Why it failed, in the words of call outcomes (busy, not-found, …). */
  failure?: CallOutcome;
}

export type TransferEvent =
  | { type: 'refer-sent' }
  | { type: 'refer-accepted' }
  | { type: 'refer-rejected'; statusCode: number; reasonPhrase?: string }
  | { type: 'notify'; statusCode: number; reasonPhrase?: string; terminated: boolean }
  /** The subscription ended (or timed out) without a final status. */
  | { type: 'no-result' };

const FINAL: ReadonlySet<OutgoingTransferStatus> = new Set(['succeeded', 'failed', 'consulting']);

/** Whether a transfer in this state is still waiting for news from the far end. */
export function transferRunning(transfer: OutgoingTransfer | null | undefined): boolean {
  return !!transfer && !FINAL.has(transfer.status);
}

/**
 * The next state. A final status never moves again (a late or repeated NOTIFY is ignored),
 * and a NOTIFY that ends the subscription with a provisional status means the far end gave
 * up without saying how: a failure, so the user is not left waiting for ever.
 */
export function nextTransfer(state: OutgoingTransfer, event: TransferEvent): OutgoingTransfer {
  if (state.status === 'succeeded' || (state.status === 'failed' && event.type !== 'refer-sent')) return state;
  switch (event.type) {
    case 'refer-sent':
      return { kind: state.kind, target: state.target, consultCallId: state.consultCallId, status: 'requested' };
    case 'refer-accepted':
      return state.status === 'requested' ? { ...state, status: 'accepted' } : state;
    case 'refer-rejected':
      return { ...state, status: 'failed', failure: outcomeOfFailureResponse(event.statusCode, event.reasonPhrase) };
    case 'no-result':
      return { ...state, status: 'failed', failure: { reason: 'no-answer' } };
    case 'notify': {
      const { statusCode, reasonPhrase, terminated } = event;
      if (statusCode >= 200 && statusCode < 300) return { ...state, status: 'succeeded' };
      if (statusCode >= 300) return { ...state, status: 'failed', failure: outcomeOfFailureResponse(statusCode, reasonPhrase) };
      if (terminated) return { ...state, status: 'failed', failure: { reason: 'no-answer' } };
      return { ...state, status: statusCode === 180 || statusCode === 183 ? 'ringing' : 'trying' };
    }
  }
}

/**
 * The status line of a NOTIFY's message/sipfrag body ("SIP/2.0 180 Ringing"); null for a body
 * that is not one. Only the first line counts (a sipfrag may carry headers after it).
 */
export function readSipfrag(body: string | undefined): { statusCode: number; reasonPhrase: string } | null {
  if (!body) return null;
  const line = body.replace(/^\s+/, '').split(/\r?\n/, 1)[0] ?? '';
  const match = /^SIP\/2\.0\s+([1-6]\d\d)(?:\s+(.*))?$/i.exec(line.trim());
  if (!match) return null;
  return { statusCode: Number(match[1]), reasonPhrase: (match[2] ?? '').trim().slice(0, 120) };
}

/** Whether a Subscription-State header ends the subscription. */
export function subscriptionTerminated(header: string | undefined): boolean {
  return /^\s*terminated\b/i.test(header ?? '');
}
