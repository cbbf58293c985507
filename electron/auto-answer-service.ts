// Applies the shared auto-answer policy on desktop. When the renderer publishes a call that
// is new, incoming and ringing, the decision is taken once: refuse it (do-not-disturb), let
// it ring, or answer it after the delay, by sending the renderer an `answer` command marked
// `auto` (the renderer marks the CallSession and plays the announcement tone). The timer is
// cancelled when the call stops ringing first: answered by hand, declined, or cancelled.
// The snapshot only says whether the INVITE asked; the request itself (with its own delay,
// `answer-after=N`) comes beside it and is kept per call until the call ends.

import type { AppPreferences } from '../shared/app-preferences';
import { type AutoAnswerDecision, decideAutoAnswer, policyRequestFrom } from '../shared/auto-answer-policy';
import type { AutoAnswerRequest } from '../shared/auto-answer-signals';
import type { CallSessionJSON } from '../shared/call-session';
import type { PhoneCommand } from '../shared/platform';
import { hasEnded, isRingingIncoming } from './phone-calls';

export interface AutoAnswerServiceOptions {
  preferences: () => AppPreferences;
  sendCommand: (command: PhoneCommand) => void;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface AutoAnswerService {
  /**
   * Call after every snapshot, with the live calls *including* this one and what the INVITE
   * asked when the renderer sent it. Returns the decision when the snapshot was a new ringing
   * call, else null.
   */
  onCallChanged(
    snapshot: CallSessionJSON,
    liveCalls: readonly CallSessionJSON[],
    autoAnswerRequest?: AutoAnswerRequest,
  ): AutoAnswerDecision | null;
  /** The page that owned the calls is gone: drop pending answers and everything kept per call. */
  reset(): void;
  dispose(): void;
}

export function createAutoAnswerService({
  preferences,
  sendCommand,
  setTimer = (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}: AutoAnswerServiceOptions): AutoAnswerService {
  const decided = new Set<string>();
  const requests = new Map<string, AutoAnswerRequest>();
  const timers = new Map<string, unknown>();

  const cancel = (callId: string) => {
    if (!timers.has(callId)) return;
    clearTimer(timers.get(callId));
    timers.delete(callId);
  };

  const cancelAll = () => {
    for (const callId of [...timers.keys()]) cancel(callId);
  };

  // Without the request (a renderer that did not send it), the snapshot's flag is all there
  // is: the INVITE asked, with no delay of its own, so the preference delay applies.
  const requestOf = (snapshot: CallSessionJSON) => {
    const request = requests.get(snapshot.sipCallId);
    return request ? policyRequestFrom(request) : { requested: snapshot.autoAnswer, delaySeconds: null };
  };

  return {
    onCallChanged(snapshot, liveCalls, autoAnswerRequest) {
      const callId = snapshot.sipCallId;
      if (hasEnded(snapshot)) {
        decided.delete(callId);
        requests.delete(callId);
      } else if (autoAnswerRequest) {
        requests.set(callId, autoAnswerRequest);
      }
      if (!isRingingIncoming(snapshot)) {
        cancel(callId);
        return null;
      }
      if (decided.has(callId)) return null;
      decided.add(callId);

      const { autoAnswer: mode, autoAnswerDelaySeconds, doNotDisturb } = preferences();
      const decision = decideAutoAnswer({
        request: requestOf(snapshot),
        preferences: { mode, delaySeconds: autoAnswerDelaySeconds, doNotDisturb },
        otherCallActive: liveCalls.some((call) => call.sipCallId !== callId && !hasEnded(call)),
      });
      if (decision.action === 'reject-busy') sendCommand({ kind: 'reject-busy', callId });
      if (decision.action === 'answer') {
        const fire = () => {
          timers.delete(callId);
          sendCommand({ kind: 'answer', callId, auto: true });
        };
        timers.set(callId, setTimer(fire, decision.delayMs));
      }
      return decision;
    },
    reset() {
      cancelAll();
      decided.clear();
      requests.clear();
    },
    dispose: cancelAll,
  };
}
