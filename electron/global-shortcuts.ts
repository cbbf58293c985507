// System-wide shortcuts for answer, hang up / decline and mute. Registered after `ready` from
// the preferences, registered again when they change, all released on `will-quit`. A shortcut
// another application owns (`register()` returns false) or one Electron cannot parse is not
// dropped silently: the status says which and why, and the settings panel shows it.

import type { GlobalShortcut } from 'electron';
import {
  isValidAccelerator,
  SHORTCUT_ACTIONS,
  type ShortcutAction,
  type ShortcutPreferences,
  type ShortcutStatus,
  type ShortcutStatusReport,
} from '../shared/app-preferences';
import type { CallSessionJSON } from '../shared/call-session';
import type { PhoneCommand } from '../shared/platform';
import { currentCall, ringingCall } from './phone-calls';

export type GlobalShortcutPort = Pick<GlobalShortcut, 'register' | 'unregister'>;

export interface GlobalShortcuts {
  /** Replaces the registered shortcuts with `shortcuts`; returns what worked. */
  apply(shortcuts: ShortcutPreferences): ShortcutStatusReport;
  status(): ShortcutStatusReport;
  /** Releases every shortcut this module registered. */
  releaseAll(): void;
}

/** What a shortcut does with the calls as they are now; null when there is nothing to act on. */
export function shortcutCommand(action: ShortcutAction, calls: readonly CallSessionJSON[]): PhoneCommand | null {
  const ringing = ringingCall(calls);
  const call = currentCall(calls);
  switch (action) {
    case 'answer':
      return ringing ? { kind: 'answer', callId: ringing.sipCallId } : null;
    case 'hangup':
      // Hang up what is up; with nothing up, the same key refuses what rings.
      if (call) return { kind: 'hangup', callId: call.sipCallId };
      return ringing ? { kind: 'decline', callId: ringing.sipCallId } : null;
    case 'toggleMute':
      return call?.answered ? { kind: 'toggle-mute', callId: call.sipCallId } : null;
  }
}

function emptyReport(): ShortcutStatusReport {
  const none: ShortcutStatus = { accelerator: '', registered: false };
  return { answer: { ...none }, hangup: { ...none }, toggleMute: { ...none } };
}

export function createGlobalShortcuts(globalShortcut: GlobalShortcutPort, onAction: (action: ShortcutAction) => void): GlobalShortcuts {
  let report = emptyReport();
  const held = new Set<string>();

  function releaseAll() {
    // Only ours: unregisterAll() would also drop shortcuts registered elsewhere in the app.
    for (const accelerator of held) globalShortcut.unregister(accelerator);
    held.clear();
    report = emptyReport();
  }

  function register(action: ShortcutAction, accelerator: string): ShortcutStatus {
    if (accelerator === '') return { accelerator, registered: false };
    if (!isValidAccelerator(accelerator)) return { accelerator, registered: false, error: 'invalid' };
    try {
      if (!globalShortcut.register(accelerator, () => onAction(action))) return { accelerator, registered: false, error: 'in-use' };
    } catch {
      return { accelerator, registered: false, error: 'invalid' };
    }
    held.add(accelerator);
    return { accelerator, registered: true };
  }

  return {
    apply(shortcuts) {
      releaseAll();
      const next = emptyReport();
      for (const action of SHORTCUT_ACTIONS) next[action] = register(action, shortcuts[action]);
      report = next;
      return structuredClone(report);
    },
    status: () => structuredClone(report),
    releaseAll,
  };
}
