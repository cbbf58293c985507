// Counts missed calls for the tray: incoming calls seen ringing that ended without being
// answered, except those this process declined on the user's behalf (tray, popup, shortcut,
// do-not-disturb), which the user chose not to take.

import type { CallSessionJSON } from '../shared/call-session';
import { hasEnded, isRingingIncoming } from './phone-calls';

export interface MissedCallTracker {
  /** Feeds a snapshot; returns it when this snapshot is the moment the call became missed. */
  observe(snapshot: CallSessionJSON): CallSessionJSON | null;
  /** The call was declined or refused from the main process: its end is not a miss. */
  markDeclined(callId: string): void;
  /** The call vanished without an end (its page reloaded or crashed): it is no longer followed. */
  forget(callId: string): void;
  count(): number;
  /** The user has seen them (opened the window from the missed-call entry or notification). */
  clear(): void;
}

export function createMissedCallTracker(): MissedCallTracker {
  const rang = new Set<string>();
  const declined = new Set<string>();
  let missed = 0;
  return {
    observe(snapshot) {
      const id = snapshot.sipCallId;
      if (isRingingIncoming(snapshot)) rang.add(id);
      if (!hasEnded(snapshot) || !rang.has(id)) return null;
      rang.delete(id);
      const wasDeclined = declined.delete(id);
      if (snapshot.answered || snapshot.isCaller || wasDeclined) return null;
      missed += 1;
      return snapshot;
    },
    markDeclined: (callId) => void declined.add(callId),
    forget(callId) {
      rang.delete(callId);
      declined.delete(callId);
    },
    count: () => missed,
    clear: () => void (missed = 0),
  };
}
