import { z } from 'zod';
import { type Call, type CallInit, callFromJSON, callJsonSchema, callsEqual, callToJSON, copyCall, isoDateSchema, talkingToCallIds } from './call';

/** The values of SIP.js's `SessionState`, kept as strings so `shared/` does not import SIP.js. */
export const SIP_STATUSES = ['Initial', 'Establishing', 'Established', 'Terminating', 'Terminated'] as const;
export type SipStatus = (typeof SIP_STATUSES)[number];

/** Call pickup ("interception") feature code of the PBX, `*8` on a stock Wazo/Asterisk. */
export const INTERCEPTION_PREFIX = '*8';

/** The stored properties of a session (every property except the `answered` accessor and `type`). */
export interface CallSessionFields {
  answerTime: Date | null;
  answeredBySystem: boolean | undefined;
  autoAnswer: boolean;
  autoAnswered: boolean;
  call: Call | undefined;
  callId: string | undefined;
  callerNumber: string | undefined;
  cameraEnabled: boolean;
  conference: boolean;
  creationTime: Date;
  dialedExtension: string;
  displayName: string;
  endTime: Date | null;
  ignored: boolean;
  isCaller: boolean;
  muted: boolean;
  number: string;
  paused: boolean;
  recording: boolean;
  recordingPaused: boolean;
  /**
   * The far end has put this call on hold (its re-INVITE made our side receive-only or inactive):
   * not part of the seed, added so the UI can say "Held by …". Unknown (undefined) until an
   * offer from the far end has been read.
   */
  remotelyHeld: boolean | undefined;
  ringing: boolean;
  screensharing: boolean;
  sipCallId: string;
  sipSession: unknown;
  sipStatus: SipStatus;
  startTime: Date;
  videoMuted: boolean;
  videoRemotelyDowngraded: boolean | undefined;
}

/**
 * What the constructor and `updateFrom` accept: any subset of the session's properties, in the
 * shapes code ported from the reference SDK passes them (epoch-millisecond `startTime`, `null`
 * for "unknown", a `call` as an event source sends it).
 */
export interface CallSessionInit extends Omit<CallSessionFields, 'answerTime' | 'call' | 'creationTime' | 'startTime' | 'endTime'> {
  answerTime: Date | null;
  /** `true` stamps now when no `answerTime` is given (or it is null); `false` leaves it null. */
  answered: boolean;
  call: Call | CallInit | null;
  creationTime: Date | number | null;
  endTime: Date | number | null;
  startTime: Date | number | null;
  type: 'CallSession';
}

/** Every stored property, in the order of the seed; `updateFrom` and `clone` walk this list. */
const FIELD_NAMES = [
  'answerTime', 'answeredBySystem', 'autoAnswer', 'autoAnswered', 'call', 'callId', 'callerNumber', 'cameraEnabled',
  'conference', 'creationTime', 'dialedExtension', 'displayName', 'endTime', 'ignored', 'isCaller',
  'muted', 'number', 'paused', 'recording', 'recordingPaused', 'remotelyHeld', 'ringing', 'screensharing', 'sipCallId',
  'sipSession', 'sipStatus', 'startTime', 'videoMuted', 'videoRemotelyDowngraded',
] as const satisfies ReadonlyArray<keyof CallSessionFields>;
type FieldName = (typeof FIELD_NAMES)[number];

const nullableIsoDate = isoDateSchema.nullable();

/**
 * The snapshot that crosses process boundaries. `answered` must agree with `answerTime`, so a
 * forged payload cannot produce a session that is answered without an answer time or the reverse.
 */
export const callSessionJsonSchema = z
  .object({
    type: z.literal('CallSession'),
    answerTime: nullableIsoDate,
    answered: z.boolean(),
    answeredBySystem: z.boolean().optional(),
    autoAnswer: z.boolean(),
    autoAnswered: z.boolean().optional(),
    call: callJsonSchema.optional(),
    callId: z.string().optional(),
    callerNumber: z.string().optional(),
    cameraEnabled: z.boolean(),
    conference: z.boolean(),
    creationTime: isoDateSchema,
    dialedExtension: z.string(),
    displayName: z.string(),
    endTime: nullableIsoDate,
    ignored: z.boolean(),
    isCaller: z.boolean(),
    muted: z.boolean(),
    number: z.string(),
    paused: z.boolean(),
    recording: z.boolean(),
    recordingPaused: z.boolean(),
    remotelyHeld: z.boolean().optional(),
    ringing: z.boolean(),
    screensharing: z.boolean(),
    sipCallId: z.string(),
    sipStatus: z.enum(SIP_STATUSES),
    startTime: isoDateSchema,
    videoMuted: z.boolean(),
    videoRemotelyDowngraded: z.boolean().optional(),
  })
  .refine((json) => json.answered === (json.answerTime !== null), {
    message: '`answered` must be true exactly when `answerTime` is set',
    path: ['answered'],
  });

/** Plain, structured-clone safe form of a session: ISO strings for dates, no `sipSession`. */
export type CallSessionJSON = z.infer<typeof callSessionJsonSchema>;

/**
 * Everything about one call. The model never sends SIP: its setters only change its own state,
 * and the phone engine calls them once the network has confirmed the change.
 */
export class CallSession implements CallSessionFields {
  answerTime: Date | null;
  /** The far end was picked up by a machine (IVR, voicemail): up, and talking to nobody. */
  answeredBySystem: boolean | undefined;
  autoAnswer: boolean;
  /**
   * This phone answered the call by itself (auto-answer policy), once the answer went through.
   * Not in the seed: the seed's `answeredBySystem` is about the far end, this is about us.
   */
  autoAnswered: boolean;
  call: Call | undefined;
  callId: string | undefined;
  callerNumber: string | undefined;
  cameraEnabled: boolean;
  conference: boolean;
  creationTime: Date;
  dialedExtension: string;
  displayName: string;
  endTime: Date | null;
  ignored: boolean;
  isCaller: boolean;
  muted: boolean;
  number: string;
  paused: boolean;
  recording: boolean;
  recordingPaused: boolean;
  remotelyHeld: boolean | undefined;
  ringing: boolean;
  screensharing: boolean;
  sipCallId: string;
  /**
   * The live SIP.js `Inviter`/`Invitation`, renderer-side only. Defined in the constructor as a
   * non-enumerable own property: it stays out of spreads, `Object.keys` and structured clones,
   * and (unlike a `#private` field) still works through a Vue reactive proxy.
   */
  declare sipSession: unknown;
  sipStatus: SipStatus;
  startTime: Date;
  readonly type = 'CallSession' as const;
  videoMuted: boolean;
  videoRemotelyDowngraded: boolean | undefined;

  constructor(init: Partial<CallSessionInit> = {}) {
    const now = Date.now();
    Object.defineProperty(this, 'sipSession', {
      value: init.sipSession,
      writable: true,
      enumerable: false,
      configurable: true,
    });
    // The fields filled with a default rather than given: `updateFrom` must not copy those
    // onto another session (a snapshot made from a call event knows nothing of the SIP side).
    const defaulted = new Map<FieldName, unknown>();
    Object.defineProperty(this, 'defaulted', { value: defaulted, writable: false, enumerable: false, configurable: false });
    const given = <K extends FieldName>(name: K, value: CallSessionFields[K] | undefined, fallback: CallSessionFields[K]): CallSessionFields[K] => {
      if (value !== undefined && value !== null) return value;
      // `null` is a given value for the fields that may hold it.
      if (value === null && NULLABLE_FIELDS.has(name)) return value;
      defaulted.set(name, fallback);
      return fallback;
    };
    const answerTime = dateOf(init.answerTime);
    this.answerTime = answerTime ?? (init.answered ? new Date(now) : null);
    if (answerTime === undefined && init.answered === undefined && init.answerTime === undefined) defaulted.set('answerTime', null);
    this.answeredBySystem = given('answeredBySystem', init.answeredBySystem, undefined);
    this.autoAnswer = given('autoAnswer', init.autoAnswer, false);
    this.autoAnswered = given('autoAnswered', init.autoAnswered, false);
    this.call = given('call', init.call ? copyCall(init.call) : undefined, undefined);
    this.callId = given('callId', stringOf(init.callId), undefined);
    this.callerNumber = given('callerNumber', stringOf(init.callerNumber), undefined);
    this.cameraEnabled = given('cameraEnabled', init.cameraEnabled, false);
    this.conference = given('conference', init.conference, false);
    this.creationTime = given('creationTime', dateOf(init.creationTime), new Date(now));
    this.dialedExtension = given('dialedExtension', stringOf(init.dialedExtension), '');
    this.number = given('number', stringOf(init.number), '');
    this.displayName = given('displayName', stringOf(init.displayName), this.number);
    this.endTime = given('endTime', init.endTime === null ? null : dateOf(init.endTime), null);
    this.ignored = given('ignored', init.ignored, false);
    this.isCaller = given('isCaller', init.isCaller, false);
    this.muted = given('muted', init.muted, false);
    this.paused = given('paused', init.paused, false);
    this.recording = given('recording', init.recording, false);
    this.recordingPaused = given('recordingPaused', init.recordingPaused, false);
    this.remotelyHeld = given('remotelyHeld', init.remotelyHeld, undefined);
    this.ringing = given('ringing', init.ringing, false);
    this.screensharing = given('screensharing', init.screensharing, false);
    this.sipCallId = given('sipCallId', stringOf(init.sipCallId), '');
    this.sipStatus = given('sipStatus', init.sipStatus, 'Initial');
    this.startTime = given('startTime', dateOf(init.startTime), new Date(now));
    this.videoMuted = given('videoMuted', init.videoMuted, false);
    this.videoRemotelyDowngraded = given('videoRemotelyDowngraded', init.videoRemotelyDowngraded, undefined);
  }

  /** See the constructor: defaults, as opposed to values someone gave or set. */
  declare private readonly defaulted: Map<FieldName, unknown>;

  /** Whether `name` still holds the default the constructor filled in (never given nor set). */
  private isDefaulted(name: FieldName): boolean {
    return this.defaulted.has(name) && sameFieldValue(name, this[name], this.defaulted.get(name));
  }

  /** A setter ran: the value is now meant, even if it equals the default. */
  private touch(...names: FieldName[]): void {
    for (const name of names) this.defaulted.delete(name);
  }

  /** Validates an untrusted snapshot (IPC payload, stored history) and revives it. */
  static parse(json: unknown): CallSession {
    const result = callSessionJsonSchema.safeParse(json);
    if (!result.success) {
      throw new Error(`Invalid CallSession: ${z.prettifyError(result.error)}`);
    }
    // `answered` rides along in the spread but is ignored: `answerTime` is always given here.
    const { call, answerTime, creationTime, endTime, startTime } = result.data;
    return new CallSession({
      ...result.data,
      call: call ? callFromJSON(call) : undefined,
      answerTime: answerTime === null ? null : new Date(answerTime),
      creationTime: new Date(creationTime),
      endTime: endTime === null ? null : new Date(endTime),
      startTime: new Date(startTime),
    });
  }

  /** Derived from `answerTime`, so the two can never disagree. */
  get answered(): boolean {
    return this.answerTime !== null;
  }

  /** `true` keeps an earlier answer time (a repeated answer event must not move it). */
  set answered(value: boolean) {
    this.answerTime = value ? (this.answerTime ?? new Date()) : null;
    this.touch('answerTime');
  }

  answer(): void {
    this.answered = true;
  }

  systemAnswer(): void {
    this.answeredBySystem = true;
    this.touch('answeredBySystem');
  }

  hold(): void {
    this.paused = true;
    this.touch('paused');
  }

  resume(): void {
    this.paused = false;
    this.touch('paused');
  }

  mute(): void {
    this.muted = true;
    this.touch('muted');
  }

  unmute(): void {
    this.muted = false;
    this.touch('muted');
  }

  muteVideo(): void {
    this.videoMuted = true;
    this.touch('videoMuted');
  }

  unmuteVideo(): void {
    this.videoMuted = false;
    this.touch('videoMuted');
  }

  enableCamera(): void {
    this.cameraEnabled = true;
    this.touch('cameraEnabled');
  }

  disableCamera(): void {
    this.cameraEnabled = false;
    this.touch('cameraEnabled');
  }

  ignore(): void {
    this.ignored = true;
    this.touch('ignored');
  }

  startScreenSharing(): void {
    this.screensharing = true;
    this.touch('screensharing');
  }

  stopScreenSharing(): void {
    this.screensharing = false;
    this.touch('screensharing');
  }

  setIsConference(value: boolean): void {
    this.conference = value;
    this.touch('conference');
  }

  setVideoRemotelyDowngraded(value: boolean): void {
    this.videoRemotelyDowngraded = value;
    this.touch('videoRemotelyDowngraded');
  }

  setRemotelyHeld(value: boolean): void {
    this.remotelyHeld = value;
    this.touch('remotelyHeld');
  }

  /**
   * Copies each property of `other` that is defined and differs from ours; `false`, `''` and
   * `null` overwrite, `undefined` never does. When `other` is a CallSession, the properties its
   * constructor filled with defaults count as undefined (the reference SDK's sessions leave
   * them undefined): `live.updateFrom(new CallSession({ callId }))` adds the call id and loses
   * nothing. Dates compare by time and `call` by value, so a repeated event reports no change.
   * Values in the reference SDK's shapes (epoch milliseconds, `null` for "none") are accepted;
   * `null` for a date a session cannot be without (`creationTime`, `startTime`) is ignored.
   * Returns whether anything changed, so the engine can skip emitting an identical snapshot.
   */
  updateFrom(other: Partial<CallSessionInit> | CallSession | null | undefined): boolean {
    if (!other) return false;
    const fromSession = other instanceof CallSession;
    let changed = false;
    for (const name of FIELD_NAMES) {
      if (fromSession && other.isDefaulted(name)) continue;
      const value = normalizeField(name, (other as Partial<Record<FieldName, unknown>>)[name]);
      if (value === undefined || sameFieldValue(name, this[name], value)) continue;
      (this as CallSessionFields)[name] = copyFieldValue(name, value) as never;
      this.touch(name);
      changed = true;
    }
    // A plain partial may say `answered` without an `answerTime`; a session always has both.
    const answered = (other as Partial<CallSessionInit>).answered;
    if (!fromSession && (other as Partial<CallSessionInit>).answerTime == null && answered !== undefined && answered !== this.answered) {
      this.answered = answered;
      changed = true;
    }
    return changed;
  }

  isAnswered(): boolean {
    return this.answered;
  }

  isAnsweredBySystem(): boolean {
    return !!this.answeredBySystem;
  }

  isIncoming(): boolean {
    return !this.isCaller && !this.answered;
  }

  /**
   * An incoming call the user (or the auto-answer policy) accepted, whose answer is still on
   * its way: the microphone opening, ICE, the 200 OK. It no longer rings (`answerTime` is
   * stamped at the accept, as in the reference SDK) and is not established yet. Not in the seed.
   */
  isAnswering(): boolean {
    return !this.isCaller && this.answered && (this.sipStatus === 'Initial' || this.sipStatus === 'Establishing');
  }

  isOutgoing(): boolean {
    return this.isCaller && !this.answered;
  }

  /** Deliberately ignores `sipStatus`, as the reference SDK does. */
  isActive(): boolean {
    return this.answered || this.isOutgoing();
  }

  isEstablished(): boolean {
    return this.sipStatus === 'Established';
  }

  isTerminating(): boolean {
    return this.sipStatus === 'Terminating';
  }

  isTerminated(): boolean {
    return this.sipStatus === 'Terminated';
  }

  isRinging(): boolean {
    return !!this.ringing;
  }

  isOnHold(): boolean {
    return !!this.paused;
  }

  isMuted(): boolean {
    return !!this.muted;
  }

  isVideoMuted(): boolean {
    return !!this.videoMuted;
  }

  isCameraEnabled(): boolean {
    return !!this.cameraEnabled;
  }

  isIgnored(): boolean {
    return !!this.ignored;
  }

  isScreenSharing(): boolean {
    return !!this.screensharing;
  }

  isRecording(): boolean {
    return !!this.recording;
  }

  isConference(): boolean {
    return !!this.conference;
  }

  isVideoRemotelyDowngraded(): boolean {
    return !!this.videoRemotelyDowngraded;
  }

  /** The far end holds the call (see `remotelyHeld`); our own hold is `isOnHold()`. */
  isRemotelyHeld(): boolean {
    return !!this.remotelyHeld;
  }

  /** The seed's name. */
  recordingIsPaused(): boolean {
    return !!this.recordingPaused;
  }

  /** The newer SDK's name for `recordingIsPaused`. */
  isRecordingPaused(): boolean {
    return this.recordingIsPaused();
  }

  getId(): string | undefined {
    return this.sipCallId || this.callId;
  }

  /**
   * Whether `id` names this call. An empty or missing id names nothing: otherwise every session
   * that does not know its ids yet would match every other one.
   */
  isId(id: string | null | undefined): boolean {
    if (!id) return false;
    return id === this.getId() || id === this.sipCallId || id === this.callId;
  }

  /** Whether `other` is a snapshot of the same call (it may be a `CallSessionJSON`). */
  is(other: { sipCallId?: string | undefined; callId?: string | undefined } | null | undefined): boolean {
    if (!other) return false;
    return this.isId(other.sipCallId) || this.isId(other.callId);
  }

  getElapsedTimeInSeconds(now: Date | number = Date.now()): number {
    const start = this.startTime instanceof Date ? this.startTime.getTime() : Number.NaN;
    if (Number.isNaN(start)) return 0;
    return (Number(now) - start) / 1000;
  }

  /** The server call ids of the remote participants. */
  getTalkingToIds(): string[] {
    return this.call ? talkingToCallIds(this.call.talkingToIds) : [];
  }

  /** Whether the dialled number is a call pickup code. An empty prefix matches nothing. */
  hasAnInitialInterceptionNumber(prefix: string = INTERCEPTION_PREFIX): boolean {
    return prefix !== '' && (this.number ?? '').startsWith(prefix);
  }

  /** Whether the dialled extension is a call pickup code. An empty prefix matches nothing. */
  isAnInterception(prefix: string = INTERCEPTION_PREFIX): boolean {
    return prefix !== '' && (this.dialedExtension ?? '').startsWith(prefix);
  }

  separateDisplayName(): { firstName: string; lastName: string } {
    const [firstName = '', ...rest] = (this.displayName ?? '').trim().split(/\s+/);
    return { firstName, lastName: rest.join(' ') };
  }

  /** A new snapshot with copied values; the live `sipSession` is shared, not copied. */
  clone(): CallSession {
    const init: Partial<CallSessionInit> = {};
    for (const name of FIELD_NAMES) (init as Record<string, unknown>)[name] = this[name];
    const copy = new CallSession(init);
    // What was a default here stays one in the copy.
    for (const [name, fallback] of this.defaulted) if (this.isDefaulted(name)) copy.defaulted.set(name, fallback);
    return copy;
  }

  toJSON(): CallSessionJSON {
    return {
      type: this.type,
      answerTime: this.answerTime ? this.answerTime.toISOString() : null,
      answered: this.answered,
      answeredBySystem: this.answeredBySystem,
      autoAnswer: this.autoAnswer,
      autoAnswered: this.autoAnswered,
      call: this.call ? callToJSON(this.call) : undefined,
      callId: this.callId,
      callerNumber: this.callerNumber,
      cameraEnabled: this.cameraEnabled,
      conference: this.conference,
      creationTime: this.creationTime.toISOString(),
      dialedExtension: this.dialedExtension,
      displayName: this.displayName,
      endTime: this.endTime ? this.endTime.toISOString() : null,
      ignored: this.ignored,
      isCaller: this.isCaller,
      muted: this.muted,
      number: this.number,
      paused: this.paused,
      recording: this.recording,
      recordingPaused: this.recordingPaused,
      remotelyHeld: this.remotelyHeld,
      ringing: this.ringing,
      screensharing: this.screensharing,
      sipCallId: this.sipCallId,
      sipStatus: this.sipStatus,
      startTime: this.startTime.toISOString(),
      videoMuted: this.videoMuted,
      videoRemotelyDowngraded: this.videoRemotelyDowngraded,
    };
  }
}

/** The fields whose value may be `null` (the others use `undefined` for "unknown"). */
const NULLABLE_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>(['answerTime', 'endTime']);

/** A valid Date from a Date or epoch milliseconds (the reference SDK's `startTime`); else undefined. */
function dateOf(value: Date | number | string | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Ids and numbers arrive as numbers from some event sources; `null` means unknown. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * The value `updateFrom` may copy for `name`, in the session's own shape; undefined when there
 * is nothing to copy. `null` clears what may be cleared (the call data, an id, an answer or end
 * time) and is ignored for the rest.
 */
function normalizeField(name: FieldName, value: unknown): unknown {
  if (value === undefined) return undefined;
  switch (name) {
    case 'answerTime':
    case 'endTime':
      return value === null ? null : dateOf(value as Date | number);
    case 'creationTime':
    case 'startTime':
      return dateOf(value as Date | number | null);
    case 'call':
      // `{ call: null }`: the server no longer knows the call; `undefined` is our "no call data".
      return value === null ? CLEARED : copyCall(value as Call | CallInit);
    case 'callId':
    case 'callerNumber':
      return value === null ? CLEARED : stringOf(value);
    case 'dialedExtension':
    case 'displayName':
    case 'number':
    case 'sipCallId':
      return stringOf(value);
    case 'sipSession':
      return value ?? undefined;
    default:
      return value === null ? undefined : value;
  }
}

/** Marks "set to undefined" for `updateFrom`, whose loop otherwise reads undefined as "nothing to copy". */
const CLEARED = Symbol('cleared');

// `sipSession` is compared by identity and shared, never copied: it is one live SIP.js object.
function sameFieldValue(name: FieldName, current: unknown, next: unknown): boolean {
  if (next === CLEARED) return current === undefined;
  if (name === 'call') return callsEqual(current as Call | undefined, next as Call);
  if (current instanceof Date && next instanceof Date) return current.getTime() === next.getTime();
  return current === next;
}

function copyFieldValue(name: FieldName, value: unknown): unknown {
  if (value === CLEARED) return undefined;
  if (name === 'call') return copyCall(value as Call);
  return value instanceof Date ? new Date(value.getTime()) : value;
}
