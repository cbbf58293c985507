// One call as the history keeps it: plain data (it goes into IndexedDB as it is), written when
// the call starts and rewritten when it is answered and when it ends.

export type CallDirection = 'incoming' | 'outgoing';

/**
 * How a call ended, as the history lists it. Coarser than the engine's CallEndReason: the
 * history says what happened to the call, the outcome line (CallOutcome.vue) says why.
 */
export type HistoryOutcome =
  | 'in-progress' // not over yet: the row is written when the call starts
  | 'answered' // the call was up, whoever hung up
  | 'missed' // incoming, the caller gave up (or the line dropped) before we answered
  | 'do-not-disturb' // incoming, refused with 486 while do-not-disturb was on: the user missed it
  | 'declined' // incoming we declined (603), or outgoing the callee declined
  | 'answered-elsewhere' // incoming, picked up on another device
  | 'busy' // outgoing, 486/600
  | 'no-answer' // outgoing, nobody answered before the timeout
  | 'cancelled' // outgoing, we hung up before it was answered
  | 'transferred' // the far end transferred us to another call (REFER)
  | 'failed' // it never got through (not found, unavailable, rejected, a transport failure)
  | 'interrupted'; // the app closed during the call: how it ended is not known

export interface HistoryEntry {
  /** The call's id (its SIP Call-ID), the primary key. */
  id: string;
  direction: CallDirection;
  /** The far end's display name, as the network gave it (may be empty). */
  name: string;
  number: string;
  /** Milliseconds since the epoch. */
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  /**
   * The last time the call was known to be up: rewritten every little while during a call, so
   * a call interrupted by the app closing still shows roughly how long it lasted.
   */
  aliveAt: number | null;
  outcome: HistoryOutcome;
  /** The SIP status behind the outcome, when there is one (486, 603, 404...). */
  sipCode?: number;
  video: boolean;
  /** A missed call the user has seen in the list (schema v2): it no longer counts as news. */
  seen: boolean;
}

/** Calls the user did not take and should know about: the Missed filter and the count. */
export function isMissed(entry: Pick<HistoryEntry, 'outcome'>): boolean {
  return entry.outcome === 'missed' || entry.outcome === 'do-not-disturb';
}

/** How long the call was up, in whole seconds; 0 when it never was. */
export function talkSeconds(entry: Pick<HistoryEntry, 'answeredAt' | 'endedAt' | 'aliveAt'>): number {
  if (entry.answeredAt === null) return 0;
  const end = entry.endedAt ?? entry.aliveAt;
  if (end === null) return 0;
  return Math.max(0, Math.round((end - entry.answeredAt) / 1000));
}
