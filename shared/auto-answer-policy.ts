// Whether a new incoming call is answered by itself, rings, or is refused. Pure, so the
// desktop main process and the web target apply the very same rules:
//
// 1. Do-not-disturb refuses every new call with 486 Busy Here, auto-answer requests included.
//    A call-centre agent on DND is "not available": the PBX should route the call to the next
//    agent or voicemail at once, which it does on 486, rather than wait for a silent ring to
//    time out. An intercom page is a call like any other here: DND must keep the mic closed.
// 2. While another call is up (or ringing), nothing is answered automatically: that would put
//    the first call on hold or mix two parties without the user deciding. The new call rings.
// 3. 'off' never answers by itself.
// 4. 'when-requested' answers only calls whose INVITE asked for it (Answer-Mode, Call-Info
//    answer-after, Alert-Info intercom: see auto-answer-signals), after the INVITE's delay
//    when it gave one, else after the preference delay.
// 5. 'always' answers every call, after the INVITE's delay when it asked with one, else after
//    the preference delay.

import type { AutoAnswerMode } from './app-preferences';
import type { AutoAnswerRequest } from './auto-answer-signals';

export interface AutoAnswerPolicyInput {
  request: {
    /** The INVITE asked to be answered automatically. */
    requested: boolean;
    /** The delay the INVITE gave (`answer-after=N`), or null when it gave none. */
    delaySeconds: number | null;
  };
  preferences: {
    mode: AutoAnswerMode;
    /** Used when the INVITE gives no delay of its own. */
    delaySeconds: number;
    doNotDisturb: boolean;
  };
  /** Another call exists (established, on hold, dialling out or ringing). */
  otherCallActive: boolean;
}

export type AutoAnswerDecision =
  | { action: 'answer'; delayMs: number }
  | { action: 'ring' }
  | { action: 'reject-busy' };

const MILLISECONDS_PER_SECOND = 1000;

function wholeSeconds(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

export function decideAutoAnswer({ request, preferences, otherCallActive }: AutoAnswerPolicyInput): AutoAnswerDecision {
  if (preferences.doNotDisturb) return { action: 'reject-busy' };
  if (otherCallActive) return { action: 'ring' };
  if (preferences.mode === 'off') return { action: 'ring' };
  if (preferences.mode === 'when-requested' && !request.requested) return { action: 'ring' };
  const invitedDelay = request.requested ? request.delaySeconds : null;
  const seconds = invitedDelay ?? preferences.delaySeconds;
  return { action: 'answer', delayMs: wholeSeconds(seconds) * MILLISECONDS_PER_SECOND };
}

/**
 * The policy's view of what the INVITE asked. Answer-Mode (RFC 5373) carries no delay, and
 * the detector reports an Alert-Info without `delay` as 0, so only a Call-Info `answer-after`
 * or a non-zero Alert-Info delay counts as a delay the INVITE chose.
 */
export function policyRequestFrom(request: AutoAnswerRequest): AutoAnswerPolicyInput['request'] {
  if (!request.requested) return { requested: false, delaySeconds: null };
  const given = request.source === 'call-info' || (request.source === 'alert-info' && request.delaySeconds > 0);
  return { requested: true, delaySeconds: given ? request.delaySeconds : null };
}
