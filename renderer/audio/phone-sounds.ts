// The phone's sounds, in one place: ringtone, call waiting, ringback, busy / failed / hang-up
// tones, keypad feedback. What loops is derived from the calls (sound-plan.ts) and re-derived
// on every change, so the ringtone stops the moment a call is answered, declined, cancelled,
// answered elsewhere or refused; short tones follow the phone engine's end-of-call events.

import type { Pinia } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { decideAutoAnswer, policyRequestFrom } from '../../shared/auto-answer-policy';
import { appContext } from '../app-context';
import { useCallsStore } from '../stores/calls';
import { useErrorsStore } from '../stores/errors';
import { usePreferencesStore } from '../stores/preferences';
import { audioRunning, onAudioRunning, unlockAudioOnUserGesture } from './audio-output';
import { endToneFor, loopingSoundFor, type LoopingSoundPlan } from './sound-plan';
import { playShortTone, stopShortTone } from './short-tone';
import { onSoundOutputsChange, playOn, type SoundRole } from './sound-routing';
import type { PlayingTone } from './tone-player';
import { dtmfTone, RINGBACK_DELAY_MS, TONES } from './tones';

/** How long a resumed context may take to start before the ring counts as blocked. */
const AUTOPLAY_GRACE_MS = 400;
const DTMF_GAP_SECONDS = 0.07;
const BLOCKED_CODE = 'sound-blocked';

let loop: { plan: LoopingSoundPlan; tone: PlayingTone } | null = null;
/** Ringback asked for and not started yet (RINGBACK_DELAY_MS). */
let ringbackTimer: ReturnType<typeof setTimeout> | undefined;

function cancelRingback(): void {
  if (ringbackTimer !== undefined) clearTimeout(ringbackTimer);
  ringbackTimer = undefined;
}

function stopLoop(): void {
  cancelRingback();
  loop?.tone.stop();
  loop = null;
}

/** The ringtone rings on the ringing device(s); call waiting and ringback belong with the call. */
function roleOf(sound: LoopingSoundPlan['sound']): SoundRole {
  return sound === 'ringtone' ? 'ring' : 'call';
}

function playDtmfFeedback(keys: string): void {
  let delaySeconds = 0;
  for (const key of keys) {
    const spec = dtmfTone(key);
    if (!spec) {
      // A pause in a dial string (',') is a pause here too.
      delaySeconds += 0.5;
      continue;
    }
    playOn('call', spec, { delaySeconds });
    delaySeconds += spec.cadence[0]! / 1000 + DTMF_GAP_SECONDS;
  }
}

/**
 * Starts the sound module: from now on the phone rings, rings back, beeps and tones by itself.
 * Call once, after the stores exist (renderer/main.ts). Returns a function that silences and
 * detaches everything (tests).
 */
export function startPhoneSounds(pinia: Pinia): () => void {
  const { phone } = appContext();
  const calls = useCallsStore(pinia);
  const preferences = usePreferencesStore(pinia);
  const errors = useErrorsStore(pinia);

  // Outgoing calls whose far end sent audio before answering (183 with SDP).
  const earlyMedia = shallowRef<ReadonlySet<string>>(new Set());
  // Incoming calls the auto-answer policy refuses or answers at once: they must not blip.
  const quiet = shallowRef<ReadonlySet<string>>(new Set());
  const withId = (set: ReadonlySet<string>, id: string) => new Set(set).add(id);
  const withoutId = (set: ReadonlySet<string>, id: string) => {
    const next = new Set(set);
    next.delete(id);
    return next;
  };

  const stops: Array<() => void> = [];
  stops.push(
    phone.on('onCallIncoming', (session, _wantsVideo, request) => {
      const id = session.getId();
      if (!id) return;
      // The very policy the host applies (shared/auto-answer-policy.ts), taken the same way.
      const decision = decideAutoAnswer({
        request: policyRequestFrom(request),
        preferences: {
          mode: preferences.preferences.autoAnswer,
          delaySeconds: preferences.preferences.autoAnswerDelaySeconds,
          doNotDisturb: preferences.preferences.doNotDisturb,
        },
        otherCallActive: phone.sessions().some((other) => other.getId() !== id),
      });
      if (decision.action === 'reject-busy' || (decision.action === 'answer' && decision.delayMs === 0)) {
        quiet.value = withId(quiet.value, id);
      }
    }),
    phone.on('onRemoteMedia', (session) => {
      const id = session.getId();
      if (id && session.isCaller && !session.answered) earlyMedia.value = withId(earlyMedia.value, id);
    }),
    phone.on('onCallEnded', (session, outcome) => {
      const id = session.getId();
      if (id) {
        earlyMedia.value = withoutId(earlyMedia.value, id);
        quiet.value = withoutId(quiet.value, id);
      }
      const tone = endToneFor(session, outcome);
      // Nothing over a ringing call: its ringtone or beep says more than how the other ended.
      if (tone && !plan.value) playShortTone(TONES[tone], 'call');
    }),
  );

  const plan = computed(() =>
    loopingSoundFor({
      calls: calls.calls,
      earlyMedia: earlyMedia.value,
      // A call being answered rings no more, from the press on.
      quiet: new Set([...quiet.value, ...calls.answering]),
      preferences: preferences.preferences,
    }),
  );

  let blockedReported = false;
  async function warnIfBlocked(): Promise<void> {
    if (blockedReported || (await audioRunning(AUTOPLAY_GRACE_MS))) return;
    // Still ringing, and still silent: the browser waits for a click before it plays anything.
    if (blockedReported || !loop || (loop.plan.sound !== 'ringtone' && loop.plan.sound !== 'call-waiting')) return;
    blockedReported = true;
    errors.report({ code: BLOCKED_CODE, textKey: 'sound.blocked', fixKey: 'sound.blockedFix' });
  }

  function apply(next: LoopingSoundPlan | null): void {
    if (!next) return stopLoop();
    if (loop && loop.plan.sound === next.sound) {
      if (loop.plan.volume !== next.volume) loop.tone.setVolume(next.volume);
      loop.plan = next;
      return;
    }
    if (next.sound === 'ringback') {
      // Whatever sounded stops now; the ringback itself waits, then plays what is wanted then.
      if (ringbackTimer !== undefined) return;
      stopLoop();
      ringbackTimer = setTimeout(() => {
        ringbackTimer = undefined;
        if (plan.value?.sound === 'ringback') start(plan.value);
      }, RINGBACK_DELAY_MS);
      return;
    }
    stopLoop();
    start(next);
  }

  function start(next: LoopingSoundPlan): void {
    stopShortTone();
    const tone = playOn(roleOf(next.sound), TONES[next.sound], { volume: next.volume });
    if (!tone) return;
    loop = { plan: next, tone };
    if (next.sound === 'ringtone' || next.sound === 'call-waiting') void warnIfBlocked();
  }

  stops.push(watch(plan, apply, { immediate: true }));
  // Another output chosen (or one unplugged) while something loops: it moves there at once.
  stops.push(
    onSoundOutputsChange(() => {
      const sounding = loop !== null;
      stopLoop();
      // What was sounding goes on at once (a ringback too); what was waiting waits again.
      if (sounding && plan.value) start(plan.value);
      else apply(plan.value);
    }),
  );
  stops.push(unlockAudioOnUserGesture());
  // Unlocked at last: the notice has served its purpose (what loops starts sounding by itself).
  stops.push(onAudioRunning(() => errors.dismissCode(BLOCKED_CODE)));
  stops.push(
    calls.$onAction(({ name, args, after }) => {
      if (name !== 'sendDtmf') return;
      const keys = String(args[1] ?? '');
      after((sent) => {
        if (sent === true) playDtmfFeedback(keys);
      });
    }),
  );

  return () => {
    for (const stop of stops.splice(0)) stop();
    stopLoop();
    stopShortTone();
  };
}
