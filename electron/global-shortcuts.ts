// System-wide shortcuts for answer, hang up / decline and mute. A global shortcut takes its key
// away from every other application, so each one is held only while it can act: answer while a
// call rings, hang up / decline while a call rings or is up, mute while a call is answered. When
// the preferences are applied, each key is tried once (taken and given back) so Preferences can
// say at once that another application owns it ('in-use') or that Electron cannot parse it.
//
// Wayland is different (docs/api/global-shortcut.md, shell/browser/api/
// electron_api_global_shortcut.cc): shortcuts go through the xdg-desktop-portal, the desktop may
// ask the user to confirm the first binding, and the binding persists per app id. There
// register() always returns true, so the status is 'requested', never 'registered'; and
// unregister() never reaches the portal's bindings (it only looks at the X11/Windows/macOS map),
// so changes are applied with unregisterAll() and the new set registered again. Binding and
// unbinding on every call would raise the desktop's consent dialog while the phone rings, so on
// Wayland the configured set stays bound, and the desktop's settings are where the user turns
// them off; a press with nothing to act on does nothing.

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

export type GlobalShortcutPort = Pick<GlobalShortcut, 'register' | 'unregister' | 'unregisterAll'>;

export interface GlobalShortcutOptions {
  /** Wayland: Electron binds through the desktop portal. */
  portal: boolean;
}

export interface GlobalShortcuts {
  /** Takes `shortcuts` as the configured set (releasing the old one); returns what the system said. */
  apply(shortcuts: ShortcutPreferences, calls: readonly CallSessionJSON[]): ShortcutStatusReport;
  /** Holds exactly the shortcuts that can act on `calls` now (nothing on the portal, where all stay bound). */
  sync(calls: readonly CallSessionJSON[]): void;
  status(): ShortcutStatusReport;
  /** Releases every shortcut this module holds. */
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

export function createGlobalShortcuts(
  globalShortcut: GlobalShortcutPort,
  onAction: (action: ShortcutAction) => void,
  { portal }: GlobalShortcutOptions,
): GlobalShortcuts {
  let report = emptyReport();
  /** Accelerators this module holds now, by action. */
  const held = new Map<ShortcutAction, string>();

  function take(action: ShortcutAction, accelerator: string): boolean | 'invalid' {
    try {
      return globalShortcut.register(accelerator, () => onAction(action));
    } catch {
      return 'invalid';
    }
  }

  function release(action: ShortcutAction) {
    const accelerator = held.get(action);
    if (accelerator === undefined) return;
    held.delete(action);
    globalShortcut.unregister(accelerator);
  }

  function releaseAll() {
    if (portal) {
      // unregister() cannot release a portal binding (see above): only unregisterAll() does.
      if (held.size > 0) globalShortcut.unregisterAll();
      held.clear();
    } else {
      for (const action of [...held.keys()]) release(action);
    }
  }

  /** The status of a configured accelerator before the system is asked, or null to ask it. */
  function precheck(accelerator: string): ShortcutStatus | null {
    if (accelerator === '') return { accelerator, registered: false };
    if (!isValidAccelerator(accelerator)) return { accelerator, registered: false, error: 'invalid' };
    return null;
  }

  function sync(calls: readonly CallSessionJSON[]) {
    if (portal) return;
    for (const action of SHORTCUT_ACTIONS) {
      const status = report[action];
      const wanted = status.registered && shortcutCommand(action, calls) !== null;
      if (!wanted) {
        release(action);
        continue;
      }
      if (held.has(action)) continue;
      const taken = take(action, status.accelerator);
      if (taken === true) held.set(action, status.accelerator);
      // Another application took the key since it was last tried.
      else report[action] = { accelerator: status.accelerator, registered: false, error: taken === 'invalid' ? 'invalid' : 'in-use' };
    }
  }

  return {
    apply(shortcuts, calls) {
      releaseAll();
      const next = emptyReport();
      for (const action of SHORTCUT_ACTIONS) {
        const accelerator = shortcuts[action];
        const known = precheck(accelerator);
        if (known) {
          next[action] = known;
          continue;
        }
        const taken = take(action, accelerator);
        if (taken === 'invalid') next[action] = { accelerator, registered: false, error: 'invalid' };
        else if (portal) {
          held.set(action, accelerator);
          next[action] = { accelerator, registered: false, requested: true };
        } else if (!taken) next[action] = { accelerator, registered: false, error: 'in-use' };
        else {
          // Tried: the key is free. Given back until a call needs it (sync below).
          globalShortcut.unregister(accelerator);
          next[action] = { accelerator, registered: true };
        }
      }
      report = next;
      sync(calls);
      return structuredClone(report);
    },
    sync,
    status: () => structuredClone(report),
    releaseAll() {
      releaseAll();
      report = emptyReport();
    },
  };
}
