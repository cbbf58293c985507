import { describe, expect, it } from 'vitest';
import type { RegistrationSnapshot } from '../shared/phone-status';
import { answered, incomingRinging, outgoing } from './test-support/calls';
import { type TrayState, trayModel } from './tray-model';

const registered: RegistrationSnapshot = { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null };
const base: TrayState = { registration: registered, calls: [], doNotDisturb: false, missedCalls: 0, windowVisible: true };

const ids = (state: TrayState) => trayModel(state).menu.map((item) => (item.kind === 'separator' ? '---' : item.id));

describe('tray model', () => {
  it('offline: grey icon, says so, offers window, DND and quit', () => {
    const model = trayModel({ ...base, registration: null, windowVisible: false });
    expect(model.icon).toBe('offline');
    expect(model.tooltip).toBe('Softphone\nOffline');
    expect(ids({ ...base, registration: null })).toEqual(['toggle-window', '---', 'do-not-disturb', '---', 'quit']);
    expect(model.menu[0]).toEqual({ kind: 'action', id: 'toggle-window', label: 'Show window' });
  });

  it('connecting and reconnecting are offline too, with their own words', () => {
    expect(trayModel({ ...base, registration: { status: 'registering', aor: null, error: null } })).toMatchObject({
      icon: 'offline',
      tooltip: 'Softphone\nConnecting…',
    });
    expect(trayModel({ ...base, registration: { status: 'reconnecting', aor: null, error: null, reconnectAttempt: 2 } }).tooltip).toContain(
      'reconnecting',
    );
  });

  it('registered: green icon, the address in the tooltip, Hide window when shown', () => {
    const model = trayModel(base);
    expect(model.icon).toBe('registered');
    expect(model.tooltip).toBe('Softphone\nReady as 1001@pbx.example.com');
    expect(model.menu[0]).toMatchObject({ label: 'Hide window' });
  });

  it('ringing: answer and decline the ringing call by its id', () => {
    const model = trayModel({ ...base, calls: [incomingRinging('c1@pbx')] });
    expect(model.icon).toBe('ringing');
    expect(model.tooltip).toBe('Softphone\nIncoming call from Alice (1002)');
    expect(model.menu).toContainEqual({ kind: 'action', id: 'answer', label: 'Answer Alice (1002)', callId: 'c1@pbx' });
    expect(model.menu).toContainEqual({ kind: 'action', id: 'decline', label: 'Decline', callId: 'c1@pbx' });
    expect(ids({ ...base, calls: [incomingRinging('c1@pbx')] })).not.toContain('hangup');
  });

  it('in a call: hang up the current call, no answer', () => {
    const state = { ...base, calls: [answered(incomingRinging('c1@pbx'))] };
    const model = trayModel(state);
    expect(model.icon).toBe('in-call');
    expect(model.tooltip).toBe('Softphone\nIn call with Alice (1002)');
    expect(model.menu).toContainEqual({ kind: 'action', id: 'hangup', label: 'Hang up', callId: 'c1@pbx' });
    expect(ids(state)).not.toContain('answer');
  });

  it('dialling out counts as a call that can be hung up', () => {
    const model = trayModel({ ...base, calls: [outgoing('o1@pbx')] });
    expect(model.icon).toBe('in-call');
    expect(model.tooltip).toContain('Calling Bob (1003)');
    expect(model.menu).toContainEqual({ kind: 'action', id: 'hangup', label: 'Hang up', callId: 'o1@pbx' });
  });

  it('a second call ringing during a call offers answer, decline and hang up, and shows ringing', () => {
    const state = { ...base, calls: [answered(incomingRinging('c1@pbx')), incomingRinging('c2@pbx', { displayName: 'Carol', number: '1004' })] };
    expect(trayModel(state).icon).toBe('ringing');
    expect(ids(state)).toEqual(['toggle-window', '---', 'answer', 'decline', 'hangup', '---', 'do-not-disturb', '---', 'quit']);
  });

  it('do-not-disturb: red icon when registered and idle, checked item; offline still wins', () => {
    const model = trayModel({ ...base, doNotDisturb: true });
    expect(model.icon).toBe('do-not-disturb');
    expect(model.tooltip).toContain('(do not disturb)');
    expect(model.menu).toContainEqual({ kind: 'checkbox', id: 'do-not-disturb', label: 'Do not disturb', checked: true });
    expect(trayModel({ ...base, registration: null, doNotDisturb: true }).icon).toBe('offline');
    expect(trayModel({ ...base, doNotDisturb: true, calls: [answered(incomingRinging('c1@pbx'))] }).icon).toBe('in-call');
  });

  it('counts missed calls in the tooltip and the menu', () => {
    expect(trayModel({ ...base, missedCalls: 1 }).tooltip).toBe('Softphone\nReady as 1001@pbx.example.com\n1 missed call');
    const model = trayModel({ ...base, missedCalls: 3 });
    expect(model.tooltip.split('\n').at(-1)).toBe('3 missed calls');
    expect(model.menu).toContainEqual({ kind: 'action', id: 'show-missed', label: '3 missed calls…' });
  });

  it('ignores ignored and ended calls', () => {
    const ignored = { ...incomingRinging('c1@pbx'), ignored: true };
    expect(trayModel({ ...base, calls: [ignored] }).icon).toBe('registered');
  });
});
