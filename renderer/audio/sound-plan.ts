// Which sound the phone should be making, decided from the calls alone. A pure function of
// the snapshots: the player only starts or stops what this says, so no path (answer, decline,
// CANCEL, answered elsewhere, auto-answer, do-not-disturb, a dropped connection) can leave
// anything ringing — when the calls change, the answer changes.

import type { CallSession } from '../../shared/call-session';
import type { CallOutcome } from '../../shared/phone-status';
import { ringtoneGain, type LoopingSound, type ShortSound } from './tones';

export interface RingtonePreferences {
  ringtoneVolume: number;
  ringtoneMuted: boolean;
}

export interface SoundSituation {
  calls: readonly CallSession[];
  /** Outgoing calls whose far end already sends audio (a 183 with SDP): that audio plays instead of our ringback. */
  earlyMedia: ReadonlySet<string>;
  /** Incoming calls the policy refuses (do-not-disturb) or answers at once: they never ring aloud. */
  quiet: ReadonlySet<string>;
  preferences: RingtonePreferences;
}

export interface LoopingSoundPlan {
  sound: LoopingSound;
  /** Gain applied on top of the sound's own level, 0-1. */
  volume: number;
}

function callKey(call: CallSession): string {
  return call.getId() ?? call.sipCallId;
}

/** Over, or being torn down (a CANCEL or BYE is on its way): nothing more to hear from it. */
function isOver(call: CallSession): boolean {
  return call.endTime !== null || call.isTerminated() || call.isTerminating();
}

/**
 * An incoming call still waiting for the user: ringing, not being answered (SIP.js moves to
 * Establishing the moment Answer is pressed, before the microphone opens), not ignored.
 */
export function isAlerting(call: CallSession): boolean {
  return !call.isCaller && !call.answered && call.ringing && call.sipStatus === 'Initial' && !call.ignored && !isOver(call);
}

/** The far end of an outgoing call rings (180/183) and the call is not up yet. */
function isRingingOut(call: CallSession): boolean {
  return call.isCaller && !call.answered && call.ringing && !isOver(call);
}

export function loopingSoundFor({ calls, earlyMedia, quiet, preferences }: SoundSituation): LoopingSoundPlan | null {
  const live = calls.filter((call) => !isOver(call));
  const alerting = live.filter(isAlerting);
  if (alerting.some((call) => !quiet.has(callKey(call)))) {
    // Any other call the user has (talking, on hold, dialling, being answered) makes this a
    // second call: a short beep, never the full ringtone over the conversation.
    const inAnotherCall = live.some((call) => !isAlerting(call) && !(call.isIncoming() && call.ignored));
    if (inAnotherCall) return { sound: 'call-waiting', volume: 1 };
    const volume = preferences.ringtoneMuted ? 0 : ringtoneGain(preferences.ringtoneVolume);
    return volume > 0 ? { sound: 'ringtone', volume } : null;
  }
  const talking = live.some((call) => call.answered && !call.paused);
  const ringingOut = live.some((call) => isRingingOut(call) && !earlyMedia.has(callKey(call)));
  if (ringingOut && !talking) return { sound: 'ringback', volume: 1 };
  return null;
}

/**
 * The short tone that tells how a call ended, or null when the user already knows (they hung
 * up, cancelled or declined themselves) or there is nothing to tell (a missed incoming call).
 */
export function endToneFor(call: CallSession, outcome: CallOutcome): ShortSound | null {
  if (!call.answered) {
    if (!call.isCaller) return null;
    switch (outcome.reason) {
      case 'busy':
      case 'declined':
        return 'busy';
      case 'canceled-locally':
      case 'hung-up-locally':
        return null;
      default:
        return 'failed';
    }
  }
  switch (outcome.reason) {
    case 'hung-up-locally':
    case 'ended-unconfirmed':
    case 'transferred':
    case 'transferred-away':
    case 'declined-locally':
    case 'canceled-locally':
      return null;
    default:
      return 'hang-up';
  }
}
