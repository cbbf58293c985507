// Delivers each Wazo call event to the live call it is about, matched by SIP Call-ID
// (`sip_call_id`) or by the server's call id, through the engine's applyServerUpdate (which
// emits a fresh snapshot; the UI's snapshot is never touched).
//
// The events and the SIP messages travel on two different connections, so the server's news
// of a call may come before the call itself (calld announces an incoming call as it sends the
// INVITE). Such an event waits, briefly and in a bounded list, for its call to appear.

import type { CallSession, CallSessionInit } from '../../shared/call-session';
import type { PhoneApi } from '../sip/phone-api';
import { readCallEvent, sessionUpdateFor, type WazoCallEvent } from './call-events';
import type { BusMessage } from './websocketd-client';

/** The part of the engine the router uses. */
export interface CallEventTarget {
  sessions(): CallSession[];
  applyServerUpdate: PhoneApi['applyServerUpdate'];
  on(event: 'onSessionChanged', handler: (session: CallSession) => void): () => void;
}

/** How long an event waits for its call, and how many may wait. */
export const PENDING_TTL_MS = 60_000;
export const PENDING_MAX = 32;

interface Pending {
  keys: string[];
  event: WazoCallEvent;
  at: number;
}

function keysOf(event: WazoCallEvent): string[] {
  if (event.kind === 'hold') return [event.callId];
  return [event.call.sip_call_id, event.call.call_id].filter((key): key is string => !!key);
}

function concerns(session: Pick<CallSession, 'sipCallId' | 'callId'>, keys: readonly string[]): boolean {
  // Empty ids name nothing (CallSession.isId): a session that knows no id matches no event.
  return keys.some((key) => key === session.sipCallId || (!!session.callId && key === session.callId));
}

export class CallEventRouter {
  private pending: Pending[] = [];
  private readonly stopListening: () => void;

  constructor(
    private readonly phone: CallEventTarget,
    private readonly now: () => number = Date.now,
  ) {
    this.stopListening = phone.on('onSessionChanged', (session) => this.onSession(session));
  }

  /** Handles one websocketd event; returns whether a live call took an update from it. */
  handle(message: BusMessage): boolean {
    const event = readCallEvent(message.name, message.data);
    if (!event) return false;
    const keys = keysOf(event);
    const session = this.phone.sessions().find((candidate) => !candidate.isTerminated() && concerns(candidate, keys));
    if (session) return this.apply(session, event);
    if (event.name === 'call_ended') {
      // Over before we saw it: nothing will ever claim what waited for it.
      this.pending = this.pending.filter((entry) => !entry.keys.some((key) => keys.includes(key)));
      return false;
    }
    this.wait({ keys, event, at: this.now() });
    return false;
  }

  dispose(): void {
    this.stopListening();
    this.pending = [];
  }

  private wait(entry: Pending): void {
    const now = this.now();
    this.pending = [...this.pending.filter((old) => now - old.at < PENDING_TTL_MS), entry].slice(-PENDING_MAX);
  }

  private onSession(session: CallSession): void {
    if (this.pending.length === 0 || session.isTerminated()) return;
    const now = this.now();
    const mine = this.pending.filter((entry) => now - entry.at < PENDING_TTL_MS && concerns(session, entry.keys));
    if (mine.length === 0) return;
    // Taken out first: applying an update announces the session again, which lands back here.
    this.pending = this.pending.filter((entry) => !mine.includes(entry));
    for (const entry of mine) {
      const live = this.phone.sessions().find((candidate) => candidate.is(session)) ?? session;
      this.apply(live, entry.event);
    }
  }

  private apply(session: CallSession, event: WazoCallEvent): boolean {
    const id = session.getId();
    if (!id) return false;
    const update: Partial<CallSessionInit> = sessionUpdateFor(event, session.call);
    return this.phone.applyServerUpdate(id, update);
  }
}
