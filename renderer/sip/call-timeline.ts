// Where one call's set-up time went: a mark per step (the INVITE sent, the 180 received, ICE
// connected, the first audio packet in...), in milliseconds from the call's start (dial, or the
// INVITE's arrival). Recorded on every call by the engine; the call-details panel, the "Copy
// call details" export and the bench all read this same record, so they cannot disagree.
// Plain data only: a timeline is structured-clone and JSON safe, ready for a history row.

/** The steps a call can go through, in the order they are listed (not necessarily reached). */
export const TIMELINE_MARKS = [
  'dial',
  'inviteReceived',
  'ringing',
  'answerRequested',
  'microphoneReady',
  'offerReady',
  'answerReady',
  'inviteSent',
  'trying100',
  'ringing180',
  'ok200Received',
  'ok200Sent',
  'ackSent',
  'ackReceived',
  'established',
  'iceConnected',
  'dtlsConnected',
  'firstAudioIn',
  'firstAudioOut',
  'ended',
] as const;

export type TimelineMark = (typeof TIMELINE_MARKS)[number];

/** Words for each mark, for the panel and the text export (English: diagnostics, not UI copy). */
export const TIMELINE_LABELS: Record<TimelineMark, string> = {
  dial: 'Dial',
  inviteReceived: 'INVITE received',
  ringing: 'Ringing shown',
  answerRequested: 'Answer pressed',
  microphoneReady: 'Microphone ready',
  offerReady: 'Offer ready',
  answerReady: 'Answer ready',
  inviteSent: 'INVITE sent',
  trying100: '100 Trying received',
  ringing180: '180 Ringing received',
  ok200Received: '200 OK received',
  ok200Sent: '200 OK sent',
  ackSent: 'ACK sent',
  ackReceived: 'ACK received',
  established: 'Call established',
  iceConnected: 'ICE connected',
  dtlsConnected: 'DTLS connected',
  firstAudioIn: 'First audio in',
  firstAudioOut: 'First audio out',
  ended: 'Call ended',
};

export interface CallTimelineJSON {
  /** SIP Call-ID of the call (the history row's key). */
  sipCallId: string;
  direction: 'outgoing' | 'incoming';
  /** Wall-clock time of the first mark (ISO 8601). */
  startedAt: string;
  /** Milliseconds from the first mark, one decimal; absent when the call never got there. */
  marks: Partial<Record<TimelineMark, number>>;
  /** Extra facts worth having in a report (ICE gathering end reason, candidate kinds...). */
  notes: string[];
}

export interface TimelineClock {
  /** Monotonic milliseconds (performance.now()). */
  now(): number;
  /** Wall clock, epoch milliseconds (Date.now()). */
  wall(): number;
}

const systemClock: TimelineClock = {
  now: () => performance.now(),
  wall: () => Date.now(),
};

const MAX_NOTES = 20;

export class CallTimeline {
  private readonly origin: number;
  private readonly startedAtWall: number;
  private readonly marks = new Map<TimelineMark, number>();
  private readonly notes: string[] = [];
  private listener: ((mark: TimelineMark) => void) | undefined;

  /** `startAt`: the monotonic time of the first mark, when it was taken before the call existed. */
  constructor(
    readonly sipCallId: string,
    readonly direction: 'outgoing' | 'incoming',
    first: TimelineMark,
    startAt?: number,
    private readonly clock: TimelineClock = systemClock,
  ) {
    const now = clock.now();
    this.origin = startAt ?? now;
    this.startedAtWall = clock.wall() - (now - this.origin);
    this.marks.set(first, this.origin);
  }

  /** Records a step the first time it happens; later repeats (a re-INVITE's 200) are ignored. */
  mark(name: TimelineMark, at: number = this.clock.now()): void {
    if (this.marks.has(name)) return;
    this.marks.set(name, at);
    this.listener?.(name);
  }

  has(name: TimelineMark): boolean {
    return this.marks.has(name);
  }

  /** Milliseconds from the start to a mark, or undefined when not reached. */
  elapsed(name: TimelineMark): number | undefined {
    const at = this.marks.get(name);
    return at === undefined ? undefined : at - this.origin;
  }

  note(text: string): void {
    if (this.notes.length < MAX_NOTES) this.notes.push(text);
  }

  /** Called after every new mark (the engine announces the timeline from there). */
  onMark(listener: ((mark: TimelineMark) => void) | undefined): void {
    this.listener = listener;
  }

  toJSON(): CallTimelineJSON {
    const marks: Partial<Record<TimelineMark, number>> = {};
    for (const name of TIMELINE_MARKS) {
      const at = this.marks.get(name);
      if (at !== undefined) marks[name] = Math.round((at - this.origin) * 10) / 10;
    }
    return {
      sipCallId: this.sipCallId,
      direction: this.direction,
      startedAt: new Date(this.startedAtWall).toISOString(),
      marks,
      notes: [...this.notes],
    };
  }
}

export interface TimelineRow {
  mark: TimelineMark;
  label: string;
  /** Milliseconds from the start. */
  at: number;
  /** Milliseconds since the previous row (0 for the first). */
  delta: number;
}

/** The reached marks in time order (ties keep the list's order), with the gap to the previous one. */
export function timelineRows(timeline: CallTimelineJSON): TimelineRow[] {
  const reached = TIMELINE_MARKS.flatMap((mark, order) => {
    const at = timeline.marks[mark];
    return at === undefined ? [] : [{ mark, at, order }];
  });
  reached.sort((a, b) => a.at - b.at || a.order - b.order);
  return reached.map((row, index) => ({
    mark: row.mark,
    label: TIMELINE_LABELS[row.mark],
    at: row.at,
    delta: index === 0 ? 0 : Math.round((row.at - reached[index - 1]!.at) * 10) / 10,
  }));
}

/** The diagnostics export as text: one line per step, then the notes. */
export function formatTimelineText(timeline: CallTimelineJSON): string {
  const header = `${timeline.direction === 'outgoing' ? 'Outgoing' : 'Incoming'} call ${timeline.sipCallId}, started ${timeline.startedAt}`;
  const rows = timelineRows(timeline).map(
    (row) => `${row.at.toFixed(1).padStart(9)} ms  (+${row.delta.toFixed(1)})  ${row.label}`,
  );
  const notes = timeline.notes.map((note) => `note: ${note}`);
  return [header, ...rows, ...notes].join('\n');
}

/** A type guard for a timeline read back from storage or a clipboard. */
export function isCallTimelineJSON(value: unknown): value is CallTimelineJSON {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.sipCallId !== 'string' || (v.direction !== 'outgoing' && v.direction !== 'incoming')) return false;
  if (typeof v.startedAt !== 'string' || !Array.isArray(v.notes) || typeof v.marks !== 'object' || v.marks === null) return false;
  return Object.entries(v.marks).every(([name, at]) => (TIMELINE_MARKS as readonly string[]).includes(name) && typeof at === 'number');
}
