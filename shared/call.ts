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
  /** Remote participants; each entry maps a server call id to a user uuid. */
  talkingToIds: Array<Record<string, string>>;
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
  talkingToIds: z.array(z.record(z.string(), z.string())),
});

/** The structured-clone and JSON safe form of a `Call`: `startingTime` is an ISO string. */
export type CallJSON = z.infer<typeof callJsonSchema>;

/** A `Call` with neutral values for whatever the event source did not say. */
export function createCall(init: Partial<Call> = {}): Call {
  return copyCall({
    type: 'CallSession',
    id: init.id ?? '',
    sipCallId: init.sipCallId ?? '',
    callerName: init.callerName ?? '',
    callerNumber: init.callerNumber ?? '',
    calleeName: init.calleeName ?? '',
    calleeNumber: init.calleeNumber ?? '',
    dialedExtension: init.dialedExtension ?? '',
    lineId: init.lineId ?? 0,
    isCaller: init.isCaller ?? false,
    isVideo: init.isVideo ?? false,
    onHold: init.onHold ?? false,
    muted: init.muted ?? false,
    recording: init.recording ?? false,
    status: init.status ?? '',
    startingTime: init.startingTime ?? new Date(),
    talkingToIds: init.talkingToIds ?? [],
  });
}

/** A deep copy, so two session snapshots never share (and mutate) the same call data. */
export function copyCall(call: Call): Call {
  return {
    ...call,
    startingTime: new Date(call.startingTime.getTime()),
    talkingToIds: call.talkingToIds.map((entry) => ({ ...entry })),
  };
}

export function callToJSON(call: Call): CallJSON {
  return {
    ...call,
    startingTime: call.startingTime.toISOString(),
    talkingToIds: call.talkingToIds.map((entry) => ({ ...entry })),
  };
}

/** Revives data that already passed `callJsonSchema`. */
export function callFromJSON(json: CallJSON): Call {
  return {
    ...json,
    startingTime: new Date(json.startingTime),
    talkingToIds: json.talkingToIds.map((entry) => ({ ...entry })),
  };
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
    if (!other) return false;
    const keys = Object.keys(entry);
    return keys.length === Object.keys(other).length && keys.every((key) => entry[key] === other[key]);
  });
}
