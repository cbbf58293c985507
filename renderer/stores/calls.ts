// The calls as the UI shows them. The engine owns the SIP.js sessions; this store keeps only
// the CallSession snapshots it emits (markRaw: a snapshot still references its live SIP.js
// session, which Vue must never wrap in a proxy), the remote streams to play, whether each
// incoming call offers video, the tones sent on each call, and how the last call ended (a line
// that clears itself). Actions forward to the engine and turn its failures into error entries.

import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef, watch } from 'vue';
import type { CallSession } from '../../shared/call-session';
import type { CallOutcome, PhoneErrorCode } from '../../shared/phone-status';
import type { PhoneCommand } from '../../shared/platform';
import { appContext } from '../app-context';
import { dialDisplayText } from '../dialing/dial-display';
import type { EndedCall } from './ended-call';
import type { CallOptions } from '../sip/phone-api';
import type { TransferState } from '../sip/transfer';
import { decideAutoAnswer, policyRequestFrom } from '../../shared/auto-answer-policy';
import type { AutoAnswerRequest } from '../../shared/auto-answer-signals';
import { playAutoAnswerTone } from '../audio/auto-answer-tone';
import { useErrorsStore } from './errors';
import { usePreferencesStore } from './preferences';
import { toPhoneError } from './phone-error';

function isOver(session: CallSession): boolean {
  return session.isTerminated() || session.endTime !== null;
}

/** How long a call's outcome line stays, counted while the page is visible. */
export const OUTCOME_VISIBLE_MS = 20_000;
/** The tones echoed above the keypad: the last few are enough to check what was typed. */
const TONES_ECHOED = 24;

export const useCallsStore = defineStore('calls', () => {
  const { phone, platform } = appContext();
  const errors = useErrorsStore();
  const preferences = usePreferencesStore();

  const sessions = shallowRef(new Map<string, CallSession>());
  const remoteStreams = shallowRef(new Map<string, MediaStream>());
  // The engine keeps handing over the same MediaStream object when the far end's media changes
  // (its video starting or stopping), so a count of the changes is what tells the UI to look again.
  const remoteMediaRevisions = shallowRef(new Map<string, number>());
  const incomingVideo = shallowRef(new Map<string, boolean>());
  /**
   * Incoming calls whose Answer was pressed: silent at once. The engine publishes the answered
   * call only once its 200 OK left (publication-hold.ts); the ringtone must not wait for that.
   */
  const answering = shallowRef<ReadonlySet<string>>(new Set());
  /** What each incoming INVITE asked about auto-answer (not reactive: only the host reads it). */
  const autoAnswerRequests = new Map<string, AutoAnswerRequest>();
  /** A transfer the far end asked for, per original call: in progress, or failed (the call is held). */
  const transfers = shallowRef(new Map<string, TransferState>());
  const endedCalls = shallowRef(new Map<string, EndedCall>());
  const lastEndedId = ref<string | null>(null);
  /** The dialpad's text; a dial command from the host fills it. */
  const dialInput = ref('');
  /** What the user last dialled, as typed: offered again by Call on an empty field. */
  const lastDialed = ref<string | null>(null);
  /** The text of the dialpad that placed the current outgoing call, cleared once it is answered. */
  let dialledFromInput: string | null = null;
  let dialledCallId: string | null = null;
  /** DTMF sent on each call, for the echo above the keypad. */
  const tonesSent = shallowRef(new Map<string, string>());
  /** Calls whose failure was already reported as an error: no "Call failed" line repeats it. */
  const failuresShown = new Set<string>();
  let outcomeTimer: ReturnType<typeof setTimeout> | undefined;

  const calls = computed(() => [...sessions.value.values()]);
  const incomingCalls = computed(() => calls.value.filter((call) => call.isIncoming() && !call.isIgnored()));
  const activeCalls = computed(() => calls.value.filter((call) => !call.isIncoming()));
  /** The call the user is talking on: the first one not on hold, else any. */
  const activeCall = computed(() => activeCalls.value.find((call) => !call.isOnHold()) ?? activeCalls.value[0] ?? null);
  const lastEnded = computed(() => (lastEndedId.value ? (endedCalls.value.get(lastEndedId.value) ?? null) : null));

  function withEntry<K, V>(map: Map<K, V>, key: K, value: V | undefined): Map<K, V> {
    const next = new Map(map);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    return next;
  }

  function track(session: CallSession): void {
    const id = session.getId();
    if (!id) return;
    // A new call: the line about an earlier one would read as news about this one.
    if (!sessions.value.has(id) && !isOver(session)) {
      clearOutcome();
      for (const failed of failuresShown) if (!sessions.value.has(failed)) failuresShown.delete(failed);
    }
    // The host decides auto-answer from what the INVITE asked, sent with every publish.
    const autoAnswerRequest = autoAnswerRequests.get(id);
    platform.publishCall(session.toJSON(), autoAnswerRequest ? { autoAnswerRequest } : undefined);
    if (isOver(session)) {
      sessions.value = withEntry(sessions.value, id, undefined);
      remoteStreams.value = withEntry(remoteStreams.value, id, undefined);
      remoteMediaRevisions.value = withEntry(remoteMediaRevisions.value, id, undefined);
      incomingVideo.value = withEntry(incomingVideo.value, id, undefined);
      if (answering.value.has(id)) {
        const next = new Set(answering.value);
        next.delete(id);
        answering.value = next;
      }
      transfers.value = withEntry(transfers.value, id, undefined);
      tonesSent.value = withEntry(tonesSent.value, id, undefined);
      autoAnswerRequests.delete(id);
    } else {
      sessions.value = withEntry(sessions.value, id, markRaw(session));
    }
  }

  function recordEnd(session: CallSession, outcome: CallOutcome): void {
    const id = session.getId();
    if (!id) return;
    const alreadyShown = failuresShown.has(id);
    if (dialledFromInput !== null && id === dialledCallId && !session.isAnswered()) {
      // The call did not go through: the number stays in the field, to try again.
      if (dialInput.value.trim() === '') dialInput.value = dialledFromInput;
      dialledFromInput = null;
    }
    // The error banner already says why this call failed: no second, vaguer line under it.
    if (alreadyShown && outcome.reason === 'failed') return;
    const ended: EndedCall = {
      callId: id,
      displayName: session.displayName,
      number: session.number,
      incoming: !session.isCaller,
      outcome: { ...outcome },
      endedAt: Date.now(),
    };
    // Only the outcome on screen is kept: a phone left open all day must not grow with every
    // call (the call history is a store of its own, with its own bound).
    endedCalls.value = new Map([[id, ended]]);
    lastEndedId.value = id;
    scheduleOutcomeClear();
  }

  // The line goes after a while, but not while nobody could read it: a call missed in a
  // background tab is still there when the user comes back.
  function scheduleOutcomeClear(): void {
    clearTimeout(outcomeTimer);
    outcomeTimer = setTimeout(() => {
      if (globalThis.document?.visibilityState === 'hidden') scheduleOutcomeClear();
      else clearOutcome();
    }, OUTCOME_VISIBLE_MS);
  }

  function clearOutcome(): void {
    clearTimeout(outcomeTimer);
    outcomeTimer = undefined;
    lastEndedId.value = null;
    endedCalls.value = new Map();
  }

  // The engine both emits onActionFailed and rejects the promise for the same failure; the
  // event carries the precise code, so a rejection is only reported when no event came with it.
  let actionFailures = 0;

  phone.on('onSessionChanged', track);
  // onCallEnded is the last word on every call (the others may come before it for the same call).
  phone.on('onCallEnded', (session, outcome) => {
    platform.callEnded?.(session.toJSON(), { ...outcome });
    recordEnd(session, outcome);
  });
  phone.on('onCallTransfer', (session, transfer) => {
    const id = session.getId();
    if (id) transfers.value = withEntry(transfers.value, id, transfer ?? undefined);
  });
  watch(() => preferences.preferences.acceptTransfers, (accept) => phone.acceptTransfers(accept), { immediate: true });
  phone.on('onCallRejected', recordEnd);
  phone.on('onCallFailed', recordEnd);
  phone.on('onCallCanceled', (session, elsewhere) =>
    recordEnd(session, { reason: elsewhere ? 'answered-elsewhere' : 'missed' }),
  );
  phone.on('onCallIncoming', (session, wantsVideo, request) => {
    const id = session.getId();
    if (!id) return;
    incomingVideo.value = withEntry(incomingVideo.value, id, wantsVideo);
    autoAnswerRequests.set(id, request);
    // On desktop the main process applies the policy (tray, DND) and sends a command; a
    // browser tab has no such host, so it applies the very same policy here.
    if (platform.kind === 'web') applyAutoAnswerPolicy(id, request);
  });

  function applyAutoAnswerPolicy(id: string, request: AutoAnswerRequest): void {
    const decision = decideAutoAnswer({
      request: policyRequestFrom(request),
      preferences: {
        mode: preferences.preferences.autoAnswer,
        delaySeconds: preferences.preferences.autoAnswerDelaySeconds,
        doNotDisturb: preferences.preferences.doNotDisturb,
      },
      otherCallActive: calls.value.some((call) => call.getId() !== id),
    });
    if (decision.action === 'reject-busy') void run('call-failed', () => phone.rejectBusy(id));
    if (decision.action === 'answer') {
      setTimeout(() => {
        // Still ringing? The caller may have given up, or the user answered or declined.
        const call = sessions.value.get(id);
        if (call?.isIncoming() && call.isRinging() && !call.isIgnored()) void answerBySystem(id);
      }, decision.delayMs);
    }
  }

  async function answerBySystem(id: string, video = false): Promise<void> {
    if (await answer(id, { video, bySystem: true })) playAutoAnswerTone();
  }

  phone.on('onRemoteMedia', (session, stream) => {
    const id = session.getId();
    if (!id) return;
    remoteStreams.value = withEntry(remoteStreams.value, id, markRaw(stream));
    remoteMediaRevisions.value = withEntry(remoteMediaRevisions.value, id, (remoteMediaRevisions.value.get(id) ?? 0) + 1);
  });
  phone.on('onActionFailed', (session, error) => {
    actionFailures += 1;
    const id = session?.getId();
    if (id) failuresShown.add(id);
    // The engine may end the call a moment before it reports why (a refused microphone ends
    // the answer first): the banner replaces the vaguer line then too.
    if (id && lastEndedId.value === id && endedCalls.value.get(id)?.outcome.reason === 'failed') clearOutcome();
    errors.reportPhoneError(error);
  });
  phone.on('onCallAccepted', (session) => {
    // The number got through: the field is free for the next one (Call on it empty redials).
    if (dialledFromInput !== null && session.getId() === dialledCallId) {
      if (dialInput.value === dialledFromInput) dialInput.value = '';
      dialledFromInput = null;
    }
  });
  phone.sessions().forEach(track);

  async function run(fallback: PhoneErrorCode, action: () => unknown): Promise<boolean> {
    const failuresBefore = actionFailures;
    try {
      await action();
      return true;
    } catch (reason) {
      if (actionFailures === failuresBefore) errors.reportPhoneError(toPhoneError(reason, fallback));
      return false;
    }
  }

  // Answer, resume and dial hold every other call first: the engine keeps exactly one call
  // un-held on every path (see renderer/sip/call-focus.ts).
  async function answer(callId: string, options: CallOptions = {}): Promise<boolean> {
    if (sessions.value.get(callId)?.isIncoming()) answering.value = new Set(answering.value).add(callId);
    return run('call-failed', () => phone.answer(callId, options));
  }
  const decline = (callId: string) => run('call-failed', () => phone.decline(callId));
  const hangup = (callId: string) => run('call-failed', () => phone.hangup(callId));
  const hold = (callId: string) => run('hold-failed', () => phone.hold(callId));
  const resume = (callId: string) => run('resume-failed', () => phone.resume(callId));
  const mute = (callId: string) => run('call-failed', () => phone.mute(callId));
  const unmute = (callId: string) => run('call-failed', () => phone.unmute(callId));
  async function sendDtmf(callId: string, tones: string): Promise<boolean> {
    // Echoed at once: the user sees what they pressed even while the tone is being sent.
    const echoed = ((tonesSent.value.get(callId) ?? '') + tones).slice(-TONES_ECHOED);
    if (sessions.value.has(callId)) tonesSent.value = withEntry(tonesSent.value, callId, echoed);
    return run('dtmf-failed', () => phone.sendDtmf(callId, tones));
  }
  const enableCamera = (callId: string) => run('renegotiation-failed', () => phone.enableCamera(callId));
  const disableCamera = (callId: string) => run('renegotiation-failed', () => phone.disableCamera(callId));
  const muteVideo = (callId: string) => run('renegotiation-failed', () => phone.muteVideo(callId));
  const unmuteVideo = (callId: string) => run('renegotiation-failed', () => phone.unmuteVideo(callId));
  const startScreenSharing = (callId: string) => run('renegotiation-failed', () => phone.startScreenSharing(callId));
  const stopScreenSharing = (callId: string) => run('renegotiation-failed', () => phone.stopScreenSharing(callId));
  // A conference mixed on this phone (renderer/sip/conference.ts).
  const mergeCalls = (callIds: string[]) => run('conference-failed', () => phone.mergeCalls(callIds));
  const splitConference = () => run('conference-failed', () => phone.splitConference());
  const endConference = () => run('call-failed', () => phone.endConference());
  const leaveConference = () => run('transfer-failed', () => phone.leaveConference());

  /** Dials; the text stays in the field until the call is answered, so a failed one is easy to retry. */
  async function dial(target: string, options: CallOptions = {}): Promise<boolean> {
    const typed = dialInput.value.trim();
    let placedId: string | null = null;
    const placed = await run('call-failed', async () => {
      const session = await phone.call(target, options);
      placedId = session.getId() ?? null;
      track(session);
    });
    if (placed) {
      lastDialed.value = typed || target;
      dialledFromInput = typed || null;
      dialledCallId = placedId;
      // Answered already (a very quick far end), or over already (refused at once).
      const session = placedId ? sessions.value.get(placedId) : undefined;
      if (session?.isAnswered() && dialInput.value === typed) dialInput.value = '';
    }
    return placed;
  }

  function toggleMute(callId: string): Promise<boolean> {
    return sessions.value.get(callId)?.isMuted() ? unmute(callId) : mute(callId);
  }

  function remoteStream(callId: string): MediaStream | null {
    // The engine's stream exists (empty) from the offer on. An autoplaying element handed an
    // empty MediaStream stays paused for good in Chromium, even once tracks arrive: so a
    // stream is handed out only with tracks in it (onRemoteMedia brings it back then).
    const stream = remoteStreams.value.get(callId) ?? phone.remoteStream(callId);
    return stream && stream.getTracks().length > 0 ? stream : null;
  }

  /** Our own outgoing media (microphone plus the camera or the shared screen). */
  function localStream(callId: string): MediaStream | null {
    return phone.localStream(callId) ?? null;
  }

  /** How many times the far end's media changed; 0 before any remote media. */
  function remoteMediaRevision(callId: string): number {
    return remoteMediaRevisions.value.get(callId) ?? 0;
  }

  /** The far end's transfer of this call, while it runs or after it failed. */
  function transfer(callId: string): TransferState | null {
    return transfers.value.get(callId) ?? null;
  }

  /** Whether the caller of an incoming call offered video. */
  function wantsVideo(callId: string): boolean {
    return incomingVideo.value.get(callId) ?? false;
  }

  function dismissOutcome(callId: string): void {
    if (lastEndedId.value === callId) clearOutcome();
  }

  /** The tones sent on a call so far (the last few), for the echo above the keypad. */
  function tones(callId: string): string {
    return tonesSent.value.get(callId) ?? '';
  }

  /** The call's WebRTC statistics, for the quality indicator. */
  function callStats(callId: string): Promise<RTCStatsReport | null> {
    return phone.callStats(callId);
  }

  /** Commands from the host (tray, notification, popup, shortcut, link). */
  function handleCommand(command: PhoneCommand): void {
    switch (command.kind) {
      case 'answer':
        if (command.auto) void answerBySystem(command.callId, command.video ?? false);
        else void answer(command.callId, { video: command.video ?? false });
        return;
      case 'reject-busy':
        void run('call-failed', () => phone.rejectBusy(command.callId));
        return;
      case 'decline':
        void decline(command.callId);
        return;
      case 'hangup':
        void hangup(command.callId);
        return;
      case 'toggle-mute':
        void toggleMute(command.callId);
        return;
      case 'dial':
        // A link only fills the dialpad unless the host says the user already confirmed it.
        dialInput.value = dialDisplayText(command.target, '') ?? command.target;
        if (command.autoDial) void dial(command.target);
        return;
    }
  }

  platform.onCommand(handleCommand);

  return {
    sessions,
    calls,
    answering,
    incomingCalls,
    activeCalls,
    activeCall,
    endedCalls,
    lastEnded,
    dialInput,
    lastDialed,
    remoteStream,
    remoteMediaRevision,
    localStream,
    wantsVideo,
    transfer,
    answer,
    decline,
    hangup,
    hold,
    resume,
    mute,
    unmute,
    toggleMute,
    sendDtmf,
    enableCamera,
    disableCamera,
    muteVideo,
    unmuteVideo,
    startScreenSharing,
    stopScreenSharing,
    mergeCalls,
    splitConference,
    endConference,
    leaveConference,
    dial,
    dismissOutcome,
    tones,
    callStats,
    handleCommand,
  };
});
