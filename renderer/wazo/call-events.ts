// wazo-calld's call events (as wazo-bus defines them, `wazo_bus/resources/calls/event.py`) turned
// into CallSession updates. `call_created`, `call_updated`, `call_answered` and `call_ended`
// carry a whole call (calld's `Call` schema); `call_held` and `call_resumed` carry only
// `{ call_id, user_uuid }`.
//
// The update holds only what the server knows better than SIP: the `call` sub-object, the
// server's `callId`, the caller number it reports, the recording state, and `answeredBySystem`
// by the reference SDK's rule (`CallSession.parseCall`: the call is up and talks to nobody, an
// IVR or a voicemail). Hold, mute, ringing and answer times stay the SIP engine's.

import { z } from 'zod';
import type { CallInit, TalkingTo } from '../../shared/call';
import type { CallSessionInit } from '../../shared/call-session';

export const CALL_EVENT_NAMES = ['call_created', 'call_updated', 'call_answered', 'call_held', 'call_resumed', 'call_ended'] as const;
export type CallEventName = (typeof CALL_EVENT_NAMES)[number];

const text = z.string().nullish();
const flag = z.boolean().nullish();

/** calld's `Call` (CallSchema), every field optional: events are read leniently, never trusted. */
export const calldCallSchema = z.object({
  call_id: z.string().min(1),
  sip_call_id: text,
  caller_id_name: text,
  caller_id_number: text,
  peer_caller_id_name: text,
  peer_caller_id_number: text,
  dialed_extension: text,
  creation_time: text,
  answer_time: text,
  hangup_time: text,
  status: text,
  on_hold: flag,
  muted: flag,
  is_caller: flag,
  is_video: flag,
  line_id: z.number().int().nullish(),
  record_state: text,
  // `{ "<call id of the other party>": "<its user uuid, or null when it is no user>" }`
  talking_to: z.record(z.string(), z.string().nullable()).nullish(),
  user_uuid: text,
});
export type CalldCall = z.infer<typeof calldCallSchema>;

const holdSchema = z.object({ call_id: z.string().min(1) });

export type WazoCallEvent =
  | { kind: 'call'; name: Exclude<CallEventName, 'call_held' | 'call_resumed'>; call: CalldCall }
  | { kind: 'hold'; name: 'call_held' | 'call_resumed'; callId: string };

/** A bus message read as a call event, or null when it is not one or does not parse. */
export function readCallEvent(name: string, payload: unknown): WazoCallEvent | null {
  if (name === 'call_held' || name === 'call_resumed') {
    const parsed = holdSchema.safeParse(payload);
    return parsed.success ? { kind: 'hold', name, callId: parsed.data.call_id } : null;
  }
  if (!(CALL_EVENT_NAMES as readonly string[]).includes(name)) return null;
  const parsed = calldCallSchema.safeParse(payload);
  return parsed.success ? { kind: 'call', name: name as Exclude<CallEventName, 'call_held' | 'call_resumed'>, call: parsed.data } : null;
}

/**
 * `talking_to` in the seed's shape: one `{ callId: userUuid }` entry per remote party, in the
 * server's order; a party that is no Wazo user (null uuid) keeps its call id with an empty uuid.
 */
export function talkingToIdsOf(talkingTo: CalldCall['talking_to']): TalkingTo[] {
  return Object.entries(talkingTo ?? {}).map(([callId, userUuid]) => ({ [callId]: userUuid ?? '' }));
}

/** `record_state`: 'active', 'paused' or 'inactive'; undefined when the event does not say. */
export function recordingOf(recordState: string | null | undefined): { recording: boolean; recordingPaused: boolean } | undefined {
  if (recordState === 'active') return { recording: true, recordingPaused: false };
  if (recordState === 'paused') return { recording: false, recordingPaused: true };
  if (recordState === 'inactive') return { recording: false, recordingPaused: false };
  return undefined;
}

/**
 * calld's call as the seed's `Call` (shared/call.ts). Without a `creation_time`, the start the
 * session already knows stands (else each event would move it, and never compare equal).
 */
export function callFromCalld(call: CalldCall, known?: CallInit): CallInit {
  return {
    id: call.call_id,
    sipCallId: call.sip_call_id ?? '',
    callerName: call.caller_id_name ?? '',
    callerNumber: call.caller_id_number ?? '',
    calleeName: call.peer_caller_id_name ?? '',
    calleeNumber: call.peer_caller_id_number ?? '',
    dialedExtension: call.dialed_extension ?? '',
    lineId: call.line_id ?? 0,
    isCaller: call.is_caller ?? false,
    isVideo: call.is_video ?? false,
    onHold: call.on_hold ?? false,
    muted: call.muted ?? false,
    recording: call.record_state === 'active',
    status: call.status ?? '',
    startingTime: call.creation_time ?? known?.startingTime ?? null,
    talkingToIds: talkingToIdsOf(call.talking_to),
  };
}

/**
 * The update a call event makes to the live session it concerns. `known` is the call data the
 * session already holds: `call_held`/`call_resumed` only flip its `onHold` (nothing without it).
 */
export function sessionUpdateFor(event: WazoCallEvent, known: CallInit | undefined): Partial<CallSessionInit> {
  if (event.kind === 'hold') {
    if (!known) return { callId: event.callId };
    return { callId: event.callId, call: { ...known, onHold: event.name === 'call_held' } };
  }
  const call = callFromCalld(event.call, known);
  const update: Partial<CallSessionInit> = { call, callId: event.call.call_id };
  // At the end the call has left its bridge (it talks to nobody): that says nothing about who
  // answered it, so the last word while it was live stands.
  if (event.name !== 'call_ended') update.answeredBySystem = call.status === 'Up' && (call.talkingToIds ?? []).length === 0;
  if (event.call.caller_id_number) update.callerNumber = event.call.caller_id_number;
  const recording = recordingOf(event.call.record_state);
  if (recording) Object.assign(update, recording);
  return update;
}
