// The engine's book of call timelines: it feeds each live call's timeline with the SIP
// messages seen on the socket (sip-wire-tap.ts), announces a timeline whenever it gained marks
// (batched: one announcement per ANNOUNCE_BATCH_MS, not one per mark), and keeps the
// timelines of the last calls that ended, so "Copy call details" still works after hang-up and
// the call history can take them.

import type { CallTimeline, CallTimelineJSON, TimelineMark } from './call-timeline';
import type { SipMessageSummary, WireDirection } from './sip-wire-tap';

/** Ended calls whose timeline stays available from the engine. */
export const KEPT_ENDED_TIMELINES = 50;
/**
 * Marks are announced in batches this long: the call-details panel is read by a person, and an
 * announcement due at once would run in the middle of the call's set-up (a 200 OK to build).
 */
export const ANNOUNCE_BATCH_MS = 100;
/** INVITE arrivals remembered until the engine makes their call (it does so at once). */
const KEPT_ARRIVALS = 8;

export interface TimelineOwner {
  readonly id: string;
  readonly timeline: CallTimeline;
}

/** Which mark a SIP message sets on its call's timeline, if any. */
export function wireMark(message: SipMessageSummary, direction: WireDirection): TimelineMark | undefined {
  const { method, status, cseqMethod } = message;
  if (direction === 'sent') {
    if (method === 'INVITE') return 'inviteSent';
    if (method === 'ACK') return 'ackSent';
    if (status === 200 && cseqMethod === 'INVITE') return 'ok200Sent';
    return undefined;
  }
  if (method === 'ACK') return 'ackReceived';
  if (cseqMethod !== 'INVITE' || status === undefined) return undefined;
  if (status === 100) return 'trying100';
  if (status === 180 || status === 183) return 'ringing180';
  if (status === 200) return 'ok200Received';
  return undefined;
}

export class TimelineBook<Owner extends TimelineOwner = TimelineOwner> {
  private readonly live = new Map<string, Owner>();
  private readonly endedTimelines = new Map<string, CallTimelineJSON>();
  private readonly arrivals = new Map<string, number>();
  private readonly pending = new Set<Owner>();
  private flushScheduled = false;

  constructor(private readonly announce: (owner: Owner) => void) {}

  follow(owner: Owner): void {
    this.live.set(owner.id, owner);
    this.arrivals.delete(owner.timeline.sipCallId);
    owner.timeline.onMark(() => this.schedule(owner));
    this.schedule(owner);
  }

  ended(owner: Owner): void {
    this.live.delete(owner.id);
    this.endedTimelines.delete(owner.id);
    this.endedTimelines.set(owner.id, owner.timeline.toJSON());
    while (this.endedTimelines.size > KEPT_ENDED_TIMELINES) {
      const oldest = this.endedTimelines.keys().next().value;
      if (oldest === undefined) break;
      this.endedTimelines.delete(oldest);
    }
  }

  get(callId: string): CallTimelineJSON | undefined {
    return this.live.get(callId)?.timeline.toJSON() ?? this.endedTimelines.get(callId);
  }

  /** When the INVITE of this Call-ID reached the socket (undefined when not seen). */
  inviteArrival(callId: string): number | undefined {
    return this.arrivals.get(callId);
  }

  onWire(message: SipMessageSummary, direction: WireDirection, at: number): void {
    const owner = this.findLive(message.callId);
    if (!owner) {
      if (direction === 'received' && message.method === 'INVITE') {
        this.arrivals.set(message.callId, at);
        if (this.arrivals.size > KEPT_ARRIVALS) this.arrivals.delete(this.arrivals.keys().next().value!);
      }
      return;
    }
    const mark = wireMark(message, direction);
    // The ACK of a 407 or 487 is not the call's: only the ACK that confirms its 200 OK counts.
    if (mark === 'ackSent' && !owner.timeline.has('ok200Received')) return;
    if (mark === 'ackReceived' && !owner.timeline.has('ok200Sent')) return;
    if (mark) owner.timeline.mark(mark, at);
  }

  private findLive(sipCallId: string): Owner | undefined {
    const direct = this.live.get(sipCallId);
    if (direct) return direct;
    for (const owner of this.live.values()) if (owner.timeline.sipCallId === sipCallId) return owner;
    return undefined;
  }

  private schedule(owner: Owner): void {
    this.pending.add(owner);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      this.flushScheduled = false;
      const owners = [...this.pending];
      this.pending.clear();
      for (const o of owners) this.announce(o);
    }, ANNOUNCE_BATCH_MS);
  }
}
