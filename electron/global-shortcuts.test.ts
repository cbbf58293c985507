import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_PREFERENCES, type ShortcutAction } from '../shared/app-preferences';
import { createGlobalShortcuts, shortcutCommand } from './global-shortcuts';
import { answered, incomingRinging, outgoing } from './test-support/calls';
import { globalShortcut, resetElectronFake } from './test-support/electron-fake';

let pressed: ShortcutAction[];
beforeEach(() => {
  resetElectronFake();
  pressed = [];
});

const defaults = DEFAULT_APP_PREFERENCES.shortcuts;

describe('global shortcut registration', () => {
  it('registers the three defaults and calls back with the action', () => {
    const shortcuts = createGlobalShortcuts(globalShortcut, (action) => pressed.push(action));
    const report = shortcuts.apply(defaults);
    expect(report).toEqual({
      answer: { accelerator: 'CommandOrControl+Shift+A', registered: true },
      hangup: { accelerator: 'CommandOrControl+Shift+H', registered: true },
      toggleMute: { accelerator: 'CommandOrControl+Shift+M', registered: true },
    });
    globalShortcut.press('CommandOrControl+Shift+H');
    globalShortcut.press('CommandOrControl+Shift+A');
    expect(pressed).toEqual(['hangup', 'answer']);
  });

  it('reports a shortcut another application owns as in-use, and keeps the others', () => {
    globalShortcut.ownedByOtherApps.add('commandorcontrol+shift+m');
    const shortcuts = createGlobalShortcuts(globalShortcut, (action) => pressed.push(action));
    const report = shortcuts.apply(defaults);
    expect(report.toggleMute).toEqual({ accelerator: 'CommandOrControl+Shift+M', registered: false, error: 'in-use' });
    expect(report.answer.registered).toBe(true);
    expect(shortcuts.status()).toEqual(report);
  });

  it('reports invalid accelerators without handing them to Electron, and skips empty ones', () => {
    const shortcuts = createGlobalShortcuts(globalShortcut, () => {});
    const report = shortcuts.apply({ answer: 'Shift+A', hangup: '', toggleMute: 'F9' });
    expect(report.answer).toEqual({ accelerator: 'Shift+A', registered: false, error: 'invalid' });
    expect(report.hangup).toEqual({ accelerator: '', registered: false });
    expect(report.toggleMute.registered).toBe(true);
    expect(globalShortcut.registeredAccelerators()).toEqual(['f9']);
  });

  it('re-registers on change, freeing the old keys, and releases all on quit', () => {
    const shortcuts = createGlobalShortcuts(globalShortcut, (action) => pressed.push(action));
    shortcuts.apply(defaults);
    shortcuts.apply({ ...defaults, answer: 'F8' });
    expect(globalShortcut.isRegistered('CommandOrControl+Shift+A')).toBe(false);
    expect(globalShortcut.press('F8')).toBe(true);
    expect(pressed).toEqual(['answer']);
    shortcuts.releaseAll();
    expect(globalShortcut.registeredAccelerators()).toEqual([]);
    expect(shortcuts.status().answer.registered).toBe(false);
  });
});

describe('shortcut dispatch', () => {
  const ringing = incomingRinging('r@pbx');
  const live = answered(incomingRinging('a@pbx'));

  it('answer takes the ringing call, or does nothing', () => {
    expect(shortcutCommand('answer', [live, ringing])).toEqual({ kind: 'answer', callId: 'r@pbx' });
    expect(shortcutCommand('answer', [live])).toBeNull();
  });

  it('hang up ends the call in progress, else declines the ringing one', () => {
    expect(shortcutCommand('hangup', [live, ringing])).toEqual({ kind: 'hangup', callId: 'a@pbx' });
    expect(shortcutCommand('hangup', [ringing])).toEqual({ kind: 'decline', callId: 'r@pbx' });
    expect(shortcutCommand('hangup', [outgoing('o@pbx')])).toEqual({ kind: 'hangup', callId: 'o@pbx' });
    expect(shortcutCommand('hangup', [])).toBeNull();
  });

  it('mute acts on an answered call only, preferring the one not on hold', () => {
    const held = { ...answered(incomingRinging('h@pbx')), paused: true };
    expect(shortcutCommand('toggleMute', [live, held])).toEqual({ kind: 'toggle-mute', callId: 'a@pbx' });
    expect(shortcutCommand('toggleMute', [ringing])).toBeNull();
    expect(shortcutCommand('toggleMute', [outgoing('o@pbx')])).toBeNull();
  });
});
