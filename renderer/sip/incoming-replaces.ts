// The transfer target's side of an attended transfer: an INVITE whose Replaces header names
// one of our answered calls (RFC 3891). The transferor already talked with us about it (that
// call is the consultation), so the new call is taken without ringing and the old one ends:
// the user sees one call go on with a new party, never a second call ringing beside the first.
//
// Who may replace a call: whoever knows its dialog (Call-ID and both tags), which only the
// two parties and the proxies between them have seen; that is what RFC 3891 §6 relies on too.

import { SessionState, type Invitation } from 'sip.js';
import type { CallSession } from '../../shared/call-session';
import type { CallOutcome } from '../../shared/phone-status';
import { checkOffer, offerWarningHeader } from './offer-check';
import { judgeReplaces } from './replaces';

/** What replacing needs of one of our calls. */
export interface ReplaceableController {
  readonly id: string;
  readonly session: { state: SessionState; dialog?: { callId: string; localTag: string; remoteTag: string } | undefined };
  hangup(outcome?: CallOutcome): Promise<void>;
}

export interface ReplacesHost<C extends ReplaceableController> {
  calls(): Iterable<C>;
  /** Makes the controller of the new call (tracked like any other call), without announcing it. */
  track(invitation: Invitation, snapshot: CallSession): C;
  /** Answers the new call through the focus rule (every other live call held first). */
  answer(call: C): Promise<void>;
  snapshotOf(invitation: Invitation): CallSession;
}

/**
 * Handles an INVITE that carries Replaces; false when it has none (an ordinary call). A
 * Replaces naming no answered call of ours is refused (481, 486 for early-only, 400 when
 * unreadable) and nothing rings.
 */
export function takeReplacingInvite<C extends ReplaceableController>(invitation: Invitation, host: ReplacesHost<C>): boolean {
  const header = invitation.request.getHeader('Replaces');
  if (header === undefined) return false;
  const candidates = [...host.calls()].map((call) => ({
    call,
    dialog: call.session.dialog ? { callId: call.session.dialog.callId, localTag: call.session.dialog.localTag, remoteTag: call.session.dialog.remoteTag } : null,
    confirmed: call.session.state === SessionState.Established,
  }));
  const verdict = judgeReplaces(header, candidates);
  if (verdict.action === 'reject') {
    void invitation.reject({ statusCode: verdict.statusCode, reasonPhrase: verdict.reasonPhrase }).catch(() => undefined);
    return true;
  }
  const problem = checkOffer(invitation.body ?? '');
  if (problem) {
    void invitation.reject({ statusCode: 488, reasonPhrase: 'Not Acceptable Here', extraHeaders: [offerWarningHeader(problem)] }).catch(() => undefined);
    return true;
  }
  const replaced = verdict.call.call;
  const snapshot = host.snapshotOf(invitation);
  snapshot.ringing = false;
  const controller = host.track(invitation, snapshot);
  // The old call ends first, so that it is not held (a re-INVITE to a party on its way out)
  // to give the new one the microphone: exactly one call hears the user throughout. Its
  // outcome line says the transferor handed us over.
  void replaced.hangup({ reason: 'transferred' }).catch(() => undefined);
  // Audio, whatever the replaced call had: the camera is the user's to turn on again.
  void host.answer(controller).catch(() => undefined);
  return true;
}
