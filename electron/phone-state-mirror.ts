// The main process's copy of what the renderer's phone is doing, fed by the
// `phone:call-changed` and `phone:registration-changed` messages. The tray, notifications and
// the incoming-call popup read this instead of asking the renderer, and subscribe to changes.

import type { CallSessionJSON } from '../shared/call-session';
import type { RegistrationSnapshot } from '../shared/phone-status';

export interface PhoneStateMirror {
  updateCall(snapshot: CallSessionJSON): void;
  updateRegistration(snapshot: RegistrationSnapshot): void;
  registration(): RegistrationSnapshot | null;
  /** Calls not yet ended, oldest first. */
  activeCalls(): CallSessionJSON[];
  /**
   * The page that published everything is gone (reloading, crashed, closed): its calls and its
   * registration died with it. Returns the calls that were live.
   */
  reset(): CallSessionJSON[];
  /** Returns the function that removes `listener`. */
  onChange(listener: () => void): () => void;
}

function hasEnded(call: CallSessionJSON): boolean {
  return call.sipStatus === 'Terminated' || call.endTime !== null;
}

export function createPhoneStateMirror(): PhoneStateMirror {
  const calls = new Map<string, CallSessionJSON>();
  const listeners = new Set<() => void>();
  let registration: RegistrationSnapshot | null = null;

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  return {
    updateCall(snapshot) {
      if (hasEnded(snapshot)) calls.delete(snapshot.sipCallId);
      else calls.set(snapshot.sipCallId, snapshot);
      notify();
    },
    updateRegistration(snapshot) {
      registration = snapshot;
      notify();
    },
    reset() {
      const dropped = [...calls.values()];
      calls.clear();
      registration = null;
      notify();
      return dropped;
    },
    registration: () => registration,
    activeCalls: () => [...calls.values()],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
