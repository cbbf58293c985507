import { z } from 'zod';

/**
 * Server-side data about a call, as a call-control event source (`onCallCreated`,
 * `onCallUpdated`) reports it. A `CallSession` starts without one and is completed through
 * `updateFrom`. Plain data, so snapshots can copy and compare it without surprises.
 */
export interface Call {
  /** `'CallSession'` as the user's seed document says (the reference SDK writes `'Call'`). */
  type: 'CallSession';
  id: string;
  sipCallId: string;
  callerName: string;
  callerNumber: string;
  calleeName: string;
  calleeNumber: string;
  dialedExtension: string;
  lineId: number;
  isCaller: boolean;
  isVideo: boolean;
  onHold: boolean;
  muted: boolean;
  recording: boolean;
  /** Server status: `Down`, `Ring` (outgoing ringing), `Ringing` (incoming ringing), `Up`. */
  status: string;
  startingTime: Date;
  /**
   * Remote participants. The seed's shape maps a server call id to a user uuid
   * (`[{ "1700657161.93": "0e3e…" }]`); call-control servers (wazo-calld's `talking_to_ids`)
   * and the reference SDK also give bare call ids (`["1700657161.93"]`): both are kept as given.
   */
  talkingToIds: Array<TalkingTo>;
}

/** One remote participant: `{ callId: userUuid }`, or just the call id. */
export type TalkingTo = Record<string, string> | string;

/** The server call ids of `talkingToIds`, whichever shape each entry has. */
export function talkingToCallIds(entries: readonly TalkingTo[]): string[] {
  return entries.flatMap((entry) => (typeof entry === 'string' ? [entry] : Object.keys(entry)));
}

/** An ISO 8601 timestamp (zod checks the calendar too, so it always revives to a valid `Date`). */
export const isoDateSchema = z.iso.datetime({ offset: true });

export const callJsonSchema = z.object({
  type: z.literal('CallSession'),
  id: z.string(),
  sipCallId: z.string(),
  callerName: z.string(),
  callerNumber: z.string(),
  calleeName: z.string(),
  calleeNumber: z.string(),
  dialedExtension: z.string(),
  lineId: z.number(),
  isCaller: z.boolean(),
  isVideo: z.boolean(),
  onHold: z.boolean(),
  muted: z.boolean(),
  recording: z.boolean(),
  status: z.string(),
  startingTime: isoDateSchema,
  talkingToIds: z.array(z.union([z.record(z.string(), z.string()), z.string()])),
});

/** The structured-clone and JSON safe form of a `Call`: `startingTime` is an ISO string. */
export type CallJSON = z.infer<typeof callJsonSchema>;

/**
 * A `Call` with neutral values for whatever the event source did not say. `startingTime` may
 * also come as epoch milliseconds or an ISO string (as event payloads carry it); when it is
 * missing or unreadable, the moment the call data was first seen stands in for it.
 */
export function createCall(init: CallInit = {}): Call {
  return copyCall(init);
}

/** What `createCall` and `copyCall` accept: a call as the seed types it, or as event sources send it. */
export type CallInit = Partial<Omit<Call, 'startingTime' | 'talkingToIds'>> & {
  startingTime?: Date | number | string | null | undefined;
  talkingToIds?: readonly TalkingTo[] | null | undefined;
};

/**
 * A deep copy, so two session snapshots never share (and mutate) the same call data. Tolerant
 * of what ported code passes: a missing field (`startingTime`, `talkingToIds`, ...) gets the
 * neutral value `createCall` gives it instead of throwing later.
 */
export function copyCall(call: Call | CallInit): Call {
  return {
    type: 'CallSession',
    id: call.id ?? '',
    sipCallId: call.sipCallId ?? '',
    callerName: call.callerName ?? '',
    callerNumber: call.callerNumber ?? '',
    calleeName: call.calleeName ?? '',
    calleeNumber: call.calleeNumber ?? '',
    dialedExtension: call.dialedExtension ?? '',
    lineId: call.lineId ?? 0,
    isCaller: call.isCaller ?? false,
    isVideo: call.isVideo ?? false,
    onHold: call.onHold ?? false,
    muted: call.muted ?? false,
    recording: call.recording ?? false,
    status: call.status ?? '',
    startingTime: dateOf(call.startingTime) ?? new Date(),
    talkingToIds: copyTalkingTo(call.talkingToIds ?? []),
  };
}

export function callToJSON(call: Call): CallJSON {
  return {
    ...call,
    startingTime: call.startingTime.toISOString(),
    talkingToIds: copyTalkingTo(call.talkingToIds),
  };
}

/** Revives data that already passed `callJsonSchema`. */
export function callFromJSON(json: CallJSON): Call {
  return {
    ...json,
    startingTime: new Date(json.startingTime),
    talkingToIds: copyTalkingTo(json.talkingToIds),
  };
}

function copyTalkingTo(entries: readonly TalkingTo[]): TalkingTo[] {
  return entries.map((entry) => (typeof entry === 'string' ? entry : { ...entry }));
}

/** A valid Date from a Date, epoch milliseconds or a date string; undefined otherwise. */
function dateOf(value: Date | number | string | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Value equality, so `updateFrom` can tell a repeated call event from a real change. */
export function callsEqual(a: Call | undefined, b: Call | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as Array<keyof Call>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => {
    if (key === 'startingTime') return a.startingTime.getTime() === b.startingTime.getTime();
    if (key === 'talkingToIds') return talkingToIdsEqual(a.talkingToIds, b.talkingToIds);
    return a[key] === b[key];
  });
}

function talkingToIdsEqual(a: Call['talkingToIds'], b: Call['talkingToIds']): boolean {
  if (a.length !== b.length) return false;
  return a.every((entry, index) => {
    const other = b[index];
    if (other === undefined) return false;
    if (typeof entry === 'string' || typeof other === 'string') return entry === other;
    const keys = Object.keys(entry);
    return keys.length === Object.keys(other).length && keys.every((key) => entry[key] === other[key]);
  });
}
