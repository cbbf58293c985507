// Which incoming INVITEs may ring at all, decided before anything is shown or sent beyond the
// 100 Trying: a call over the user's simultaneous-call limit gets 486 Busy Here (the PBX then
// routes it on; a flood of INVITEs never stacks up panels), an offer the browser cannot answer
// gets 488 Not Acceptable Here (instead of ringing, then failing on Answer). A call that passes
// gets its 180 Ringing here: SIP.js's own automatic 180 is turned off so that it cannot come first.

import type { Invitation } from 'sip.js';
import { DEFAULT_APP_PREFERENCES, MAX_CALL_LIMIT, MIN_CALL_LIMIT } from '../../shared/app-preferences';
import { checkOffer, offerWarningHeader, type OfferProblem } from './offer-check';

export type InviteVerdict = { ring: true } | { ring: false; statusCode: 486 } | { ring: false; statusCode: 488; problem: OfferProblem };

/** A limit from anywhere (preferences, a test) as a whole number in range. */
export function clampCallLimit(limit: number): number {
  if (!Number.isFinite(limit)) return DEFAULT_APP_PREFERENCES.maxCalls;
  return Math.min(MAX_CALL_LIMIT, Math.max(MIN_CALL_LIMIT, Math.floor(limit)));
}

/** `calls`: the calls the phone already has, ringing or not. */
export function judgeInvite(body: string, calls: number, limit: number): InviteVerdict {
  if (calls >= clampCallLimit(limit)) return { ring: false, statusCode: 486 };
  const problem = checkOffer(body);
  return problem ? { ring: false, statusCode: 488, problem } : { ring: true };
}

/**
 * Applies the verdict to the INVITE: rejects it, or sends the 180 SIP.js would have sent (not
 * when the caller requires reliable provisional responses: SIP.js leaves that to the answer).
 */
export function screenInvite(invitation: Invitation, calls: number, limit: number): InviteVerdict {
  const verdict = judgeInvite(invitation.body ?? '', calls, limit);
  if (verdict.ring) {
    if (!/\b100rel\b/i.test(invitation.request.getHeader('Require') ?? '')) void invitation.progress().catch(() => undefined);
  } else if (verdict.statusCode === 486) {
    void invitation.reject({ statusCode: 486, reasonPhrase: 'Busy Here' }).catch(() => undefined);
  } else {
    void invitation.reject({ statusCode: 488, reasonPhrase: 'Not Acceptable Here', extraHeaders: [offerWarningHeader(verdict.problem)] }).catch(() => undefined);
  }
  return verdict;
}
