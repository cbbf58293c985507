// How a final SIP answer to our INVITE is told to the user. The codes group the way a
// person thinks of them ("busy", "no such number"), not the way RFC 3261 numbers them.

import type { CallEndReason, CallOutcome } from '../../shared/phone-status';

export function outcomeOfFailureResponse(statusCode: number, reasonPhrase?: string): CallOutcome {
  const outcome: CallOutcome = { reason: reasonOfStatus(statusCode), sipCode: statusCode };
  if (reasonPhrase) outcome.sipReason = reasonPhrase.slice(0, 120);
  return outcome;
}

function reasonOfStatus(statusCode: number): CallEndReason {
  switch (statusCode) {
    case 603:
      return 'declined';
    case 486:
    case 600:
      return 'busy';
    case 404:
    case 604:
    case 484:
    case 485:
      return 'not-found';
    case 480:
    case 410:
    case 503:
    case 502:
      return 'unavailable';
    case 408:
      return 'no-answer';
    case 487:
      return 'canceled-locally';
    default:
      return 'rejected';
  }
}

/**
 * A CANCEL carrying `Reason: SIP;cause=200` means the call was picked up on another device
 * (RFC 3326): it is not a missed call.
 */
export function cancelMeansAnsweredElsewhere(reasonHeader: string | undefined): boolean {
  if (!reasonHeader) return false;
  return /(^|,)\s*SIP\s*;(?:[^,]*;)?\s*cause\s*=\s*200\b/i.test(reasonHeader);
}
