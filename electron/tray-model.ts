// What the tray shows for a phone state: icon, tooltip and menu, as plain data. Pure, so each
// state is tested without Electron; tray-controller.ts turns the model into a real Tray.

import type { CallSessionJSON } from '../shared/call-session';
import type { RegistrationSnapshot } from '../shared/phone-status';
import { currentCall, partyLabel, ringingCall } from './phone-calls';

export const TRAY_ICONS = ['offline', 'registered', 'ringing', 'in-call', 'do-not-disturb'] as const;
export type TrayIcon = (typeof TRAY_ICONS)[number];

export interface TrayState {
  registration: RegistrationSnapshot | null;
  calls: readonly CallSessionJSON[];
  doNotDisturb: boolean;
  missedCalls: number;
  windowVisible: boolean;
}

export type TrayMenuItem =
  | { kind: 'separator' }
  | { kind: 'action'; id: 'toggle-window' | 'show-missed' | 'quit'; label: string }
  | { kind: 'action'; id: 'answer' | 'decline' | 'hangup'; label: string; callId: string }
  | { kind: 'checkbox'; id: 'do-not-disturb'; label: string; checked: boolean };

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  menu: TrayMenuItem[];
}

const APP_NAME = 'Softphone';

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

// A call beats everything (the user must see it rings or is live); being offline beats DND,
// because an offline phone receives nothing whatever DND says.
function iconFor(state: TrayState, ringing: boolean, inCall: boolean): TrayIcon {
  if (ringing) return 'ringing';
  if (inCall) return 'in-call';
  if (state.registration?.status !== 'registered') return 'offline';
  return state.doNotDisturb ? 'do-not-disturb' : 'registered';
}

function statusLine(state: TrayState, ringing: CallSessionJSON | undefined, call: CallSessionJSON | undefined): string {
  if (ringing) return `Incoming call from ${partyLabel(ringing)}`;
  if (call) return call.answered ? `In call with ${partyLabel(call)}` : `Calling ${partyLabel(call)}`;
  const registration = state.registration;
  if (registration?.status !== 'registered') {
    if (registration?.status === 'connecting' || registration?.status === 'registering') return 'Connecting…';
    if (registration?.status === 'reconnecting') return 'Connection lost, reconnecting…';
    return 'Offline';
  }
  const line = registration.aor ? `Ready as ${registration.aor.replace(/^sips?:/, '')}` : 'Ready';
  return state.doNotDisturb ? `${line} (do not disturb)` : line;
}

export function trayModel(state: TrayState): TrayModel {
  const ringing = ringingCall(state.calls);
  const call = currentCall(state.calls);
  const lines = [APP_NAME, statusLine(state, ringing, call)];
  if (state.missedCalls > 0) lines.push(plural(state.missedCalls, 'missed call', 'missed calls'));

  const menu: TrayMenuItem[] = [{ kind: 'action', id: 'toggle-window', label: state.windowVisible ? 'Hide window' : 'Show window' }];
  if (ringing || call) menu.push({ kind: 'separator' });
  if (ringing) {
    menu.push({ kind: 'action', id: 'answer', label: `Answer ${partyLabel(ringing)}`, callId: ringing.sipCallId });
    menu.push({ kind: 'action', id: 'decline', label: 'Decline', callId: ringing.sipCallId });
  }
  if (call) menu.push({ kind: 'action', id: 'hangup', label: 'Hang up', callId: call.sipCallId });
  menu.push({ kind: 'separator' });
  if (state.missedCalls > 0) {
    menu.push({ kind: 'action', id: 'show-missed', label: `${plural(state.missedCalls, 'missed call', 'missed calls')}…` });
  }
  menu.push({ kind: 'checkbox', id: 'do-not-disturb', label: 'Do not disturb', checked: state.doNotDisturb });
  menu.push({ kind: 'separator' });
  menu.push({ kind: 'action', id: 'quit', label: `Quit ${APP_NAME}` });

  return { icon: iconFor(state, ringing !== undefined, call !== undefined), tooltip: lines.join('\n'), menu };
}
