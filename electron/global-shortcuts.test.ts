import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_PREFERENCES, type ShortcutAction } from '../shared/app-preferences';
import { createGlobalShortcuts, shortcutCommand } from './global-shortcuts';
import { answered, incomingRinging, outgoing } from './test-support/calls';
import { app, globalShortcut, resetElectronFake } from './test-support/electron-fake';

let pressed: ShortcutAction[];
beforeEach(() => {
  resetElectronFake();
  app.emitReady();
  pressed = [];
});

const defaults = DEFAULT_APP_PREFERENCES.shortcuts;
const ringing = [incomingRinging('r@pbx')];
const inCall = [answered(incomingRinging('a@pbx'))];
const shortcuts = (portal = false) => createGlobalShortcuts(globalShortcut, (action) => pressed.push(action), { portal });

describe('global shortcut registration', () => {
  it('tries the three defaults, says they are free, and holds none while idle', () => {
    const report = shortcuts().apply(defaults, []);
    expect(report).toEqual({
      answer: { accelerator: 'CommandOrControl+Shift+A', registered: true },
      hangup: { accelerator: 'CommandOrControl+Shift+H', registered: true },
      toggleMute: { accelerator: 'CommandOrControl+Shift+M', registered: true },
    });
    expect(globalShortcut.registeredAccelerators()).toEqual([]);
  });

  it('holds answer and hang up while a call rings, hang up and mute while one is up, and calls back', () => {
    const keys = shortcuts();
    keys.apply(defaults, []);
    keys.sync(ringing);
    expect(globalShortcut.registeredAccelerators().sort()).toEqual(['commandorcontrol+shift+a', 'commandorcontrol+shift+h']);
    globalShortcut.press('CommandOrControl+Shift+A');
    keys.sync(inCall);
    expect(globalShortcut.registeredAccelerators().sort()).toEqual(['commandorcontrol+shift+h', 'commandorcontrol+shift+m']);
    globalShortcut.press('CommandOrControl+Shift+H');
    keys.sync([]);
    expect(globalShortcut.registeredAccelerators()).toEqual([]);
    expect(pressed).toEqual(['answer', 'hangup']);
  });

  it('reports a shortcut another application owns as in-use, and keeps the others', () => {
    globalShortcut.ownedByOtherApps.add('commandorcontrol+shift+m');
    const keys = shortcuts();
    const report = keys.apply(defaults, inCall);
    expect(report.toggleMute).toEqual({ accelerator: 'CommandOrControl+Shift+M', registered: false, error: 'in-use' });
    expect(report.hangup.registered).toBe(true);
    expect(globalShortcut.isRegistered('CommandOrControl+Shift+H')).toBe(true);
    expect(keys.status()).toEqual(report);
  });

  it('reports invalid accelerators without handing them to Electron, and skips empty ones', () => {
    const keys = shortcuts();
    const report = keys.apply({ answer: 'Shift+A', hangup: '', toggleMute: 'F9' }, inCall);
    expect(report.answer).toEqual({ accelerator: 'Shift+A', registered: false, error: 'invalid' });
    expect(report.hangup).toEqual({ accelerator: '', registered: false });
    expect(report.toggleMute.registered).toBe(true);
    expect(globalShortcut.registeredAccelerators()).toEqual(['f9']);
  });

  it('re-registers on change, freeing the old keys, and releases all on quit', () => {
    const keys = shortcuts();
    keys.apply(defaults, ringing);
    keys.apply({ ...defaults, answer: 'F8' }, ringing);
    expect(globalShortcut.isRegistered('CommandOrControl+Shift+A')).toBe(false);
    expect(globalShortcut.press('F8')).toBe(true);
    expect(pressed).toEqual(['answer']);
    keys.releaseAll();
    expect(globalShortcut.registeredAccelerators()).toEqual([]);
    expect(keys.status().answer.registered).toBe(false);
  });
});

describe('global shortcuts through the Wayland portal', () => {
  beforeEach(() => {
    globalShortcut.portal = true;
  });

  it('are requested, not registered: the portal answers yes to everything', () => {
    globalShortcut.ownedByOtherApps.add('commandorcontrol+shift+a');
    const report = shortcuts(true).apply(defaults, []);
    expect(report.answer).toEqual({ accelerator: 'CommandOrControl+Shift+A', registered: false, requested: true });
    // Bound once, for good: binding while a call rings could raise the desktop's consent dialog then.
    expect(globalShortcut.registeredAccelerators()).toHaveLength(3);
  });

  it('release a changed or removed shortcut with unregisterAll(), then bind the new set', () => {
    const keys = shortcuts(true);
    keys.apply(defaults, []);
    keys.apply({ answer: 'F8', hangup: 'CommandOrControl+Shift+H', toggleMute: '' }, []);
    expect(globalShortcut.press('CommandOrControl+Shift+A')).toBe(false);
    expect(globalShortcut.press('CommandOrControl+Shift+M')).toBe(false);
    expect(globalShortcut.press('F8')).toBe(true);
    keys.releaseAll();
    expect(globalShortcut.registeredAccelerators()).toEqual([]);
  });
});

describe('shortcut dispatch', () => {
  const [ringingCall] = ringing;
  const ringingOne = ringingCall!;
  const live = answered(incomingRinging('a@pbx'));

  it('answer takes the ringing call, or does nothing', () => {
    expect(shortcutCommand('answer', [live, ringingOne])).toEqual({ kind: 'answer', callId: 'r@pbx' });
    expect(shortcutCommand('answer', [live])).toBeNull();
  });

  it('hang up ends the call in progress, else declines the ringing one', () => {
    expect(shortcutCommand('hangup', [live, ringingOne])).toEqual({ kind: 'hangup', callId: 'a@pbx' });
    expect(shortcutCommand('hangup', [ringingOne])).toEqual({ kind: 'decline', callId: 'r@pbx' });
    expect(shortcutCommand('hangup', [outgoing('o@pbx')])).toEqual({ kind: 'hangup', callId: 'o@pbx' });
    expect(shortcutCommand('hangup', [])).toBeNull();
  });

  it('mute acts on an answered call only, preferring the one not on hold', () => {
    const held = { ...answered(incomingRinging('h@pbx')), paused: true };
    expect(shortcutCommand('toggleMute', [live, held])).toEqual({ kind: 'toggle-mute', callId: 'a@pbx' });
    expect(shortcutCommand('toggleMute', [ringingOne])).toBeNull();
    expect(shortcutCommand('toggleMute', [outgoing('o@pbx')])).toBeNull();
  });
});
