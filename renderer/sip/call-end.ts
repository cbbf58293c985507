// How a call that ends abnormally is told apart from one the far end hung up: an ACK that
// never came, a BYE nobody confirmed. Each of these used to read "the other side hung up".

import type { Invitation } from 'sip.js';
import type { CallOutcome } from '../../shared/phone-status';

/** How long the end of a call we hung up waits for the BYE's answer before it is announced. */
export const BYE_ANSWER_WAIT_MS = 2_000;

/** How long a cancelled outgoing call waits for its 487 before it is over here anyway. */
export const CANCEL_ANSWER_WAIT_MS = 2_000;

/** Pauses before retrying the re-INVITE that follows a reconnect (a restarting PBX may need them). */
export const RECONNECT_REFRESH_RETRY_DELAYS_MS = [2_000, 5_000] as const;

/**
 * The outcome of a call we hung up, from the answer to our BYE: undefined when the far end
 * confirmed it (2xx) or no longer knew the call (481); otherwise the far end may still think
 * the call is up, and the user must be told so.
 */
export function byeOutcome(statusCode: number | undefined, reasonPhrase: string | undefined): CallOutcome | undefined {
  if (statusCode !== undefined && ((statusCode >= 200 && statusCode < 300) || statusCode === 481)) return undefined;
  const outcome: CallOutcome = { reason: 'ended-unconfirmed' };
  if (statusCode !== undefined) outcome.sipCode = statusCode;
  if (reasonPhrase) outcome.sipReason = reasonPhrase.slice(0, 120);
  return outcome;
}

/** Calls `onTimeout` when SIP.js gives up waiting for the ACK of our 200 OK (64 x T1). */
export function watchAckTimeout(invitation: Invitation, onTimeout: () => void): void {
  // SIP.js reaches this through `() => this.onAckTimeout()`, so wrapping the instance's method
  // is seen; it then sends its BYE and ends the session as before.
  const target = invitation as unknown as { onAckTimeout?: () => void };
  const original = target.onAckTimeout;
  if (typeof original !== 'function') return;
  target.onAckTimeout = function (this: unknown) {
    onTimeout();
    original.call(invitation);
  };
}
