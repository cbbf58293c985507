import { z } from 'zod';
import { type Call, callFromJSON, callJsonSchema, callsEqual, callToJSON, copyCall, isoDateSchema } from './call';

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

/** What the constructor and `updateFrom` accept: any subset of the session's properties (the seed's 29, plus `remotelyHeld`). */
export interface CallSessionInit extends CallSessionFields {
  /** Only used when `answerTime` is not given: `true` stamps now, `false` leaves it null. */
  answered: boolean;
  type: 'CallSession';
}

/** Every stored property, in the order of the seed; `updateFrom` and `clone` walk this list. */
const FIELD_NAMES = [
  'answerTime', 'answeredBySystem', 'autoAnswer', 'call', 'callId', 'callerNumber', 'cameraEnabled',
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
  answeredBySystem: boolean | undefined;
  autoAnswer: boolean;
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
    this.answerTime =
      init.answerTime !== undefined ? copyDate(init.answerTime) : init.answered ? new Date(now) : null;
    this.answeredBySystem = init.answeredBySystem;
    this.autoAnswer = init.autoAnswer ?? false;
    this.call = init.call ? copyCall(init.call) : undefined;
    this.callId = init.callId;
    this.callerNumber = init.callerNumber;
    this.cameraEnabled = init.cameraEnabled ?? false;
    this.conference = init.conference ?? false;
    this.creationTime = copyDate(init.creationTime) ?? new Date(now);
    this.dialedExtension = init.dialedExtension ?? '';
    this.number = init.number ?? '';
    this.displayName = init.displayName ?? this.number;
    this.endTime = copyDate(init.endTime) ?? null;
    this.ignored = init.ignored ?? false;
    this.isCaller = init.isCaller ?? false;
    this.muted = init.muted ?? false;
    this.paused = init.paused ?? false;
    this.recording = init.recording ?? false;
    this.recordingPaused = init.recordingPaused ?? false;
    this.remotelyHeld = init.remotelyHeld;
    this.ringing = init.ringing ?? false;
    this.screensharing = init.screensharing ?? false;
    this.sipCallId = init.sipCallId ?? '';
    this.sipStatus = init.sipStatus ?? 'Initial';
    this.startTime = copyDate(init.startTime) ?? new Date(now);
    this.videoMuted = init.videoMuted ?? false;
    this.videoRemotelyDowngraded = init.videoRemotelyDowngraded;
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
  }

  answer(): void {
    this.answered = true;
  }

  systemAnswer(): void {
    this.answeredBySystem = true;
  }

  hold(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  mute(): void {
    this.muted = true;
  }

  unmute(): void {
    this.muted = false;
  }

  muteVideo(): void {
    this.videoMuted = true;
  }

  unmuteVideo(): void {
    this.videoMuted = false;
  }

  enableCamera(): void {
    this.cameraEnabled = true;
  }

  disableCamera(): void {
    this.cameraEnabled = false;
  }

  ignore(): void {
    this.ignored = true;
  }

  startScreenSharing(): void {
    this.screensharing = true;
  }

  stopScreenSharing(): void {
    this.screensharing = false;
  }

  setIsConference(value: boolean): void {
    this.conference = value;
  }

  setVideoRemotelyDowngraded(value: boolean): void {
    this.videoRemotelyDowngraded = value;
  }

  setRemotelyHeld(value: boolean): void {
    this.remotelyHeld = value;
  }

  /**
   * Copies each property of `other` that is defined and differs from ours; `false`, `''` and
   * `null` overwrite, `undefined` never does. Dates compare by time and `call` by value, so a
   * repeated event reports no change. Returns whether anything changed, so the engine can skip
   * emitting an identical snapshot.
   */
  updateFrom(other: Partial<CallSessionInit>): boolean {
    let changed = false;
    for (const name of FIELD_NAMES) {
      const value = other[name];
      if (value === undefined || sameFieldValue(name, this[name], value)) continue;
      (this as CallSessionFields)[name] = copyFieldValue(name, value) as never;
      changed = true;
    }
    // A plain partial may say `answered` without an `answerTime`; a session always has both.
    if (other.answerTime === undefined && other.answered !== undefined && other.answered !== this.answered) {
      this.answered = other.answered;
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
    return this.call ? this.call.talkingToIds.flatMap((entry) => Object.keys(entry)) : [];
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
    return new CallSession(init);
  }

  toJSON(): CallSessionJSON {
    return {
      type: this.type,
      answerTime: this.answerTime ? this.answerTime.toISOString() : null,
      answered: this.answered,
      answeredBySystem: this.answeredBySystem,
      autoAnswer: this.autoAnswer,
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

function copyDate<T extends Date | null | undefined>(date: T): T {
  return (date instanceof Date ? new Date(date.getTime()) : date) as T;
}

// `sipSession` is compared by identity and shared, never copied: it is one live SIP.js object.
function sameFieldValue(name: FieldName, current: unknown, next: unknown): boolean {
  if (name === 'call') return callsEqual(current as Call | undefined, next as Call);
  if (current instanceof Date && next instanceof Date) return current.getTime() === next.getTime();
  return current === next;
}

function copyFieldValue(name: FieldName, value: unknown): unknown {
  if (name === 'call') return copyCall(value as Call);
  return value instanceof Date ? new Date(value.getTime()) : value;
}
