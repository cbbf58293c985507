import { beforeEach, describe, expect, it } from 'vitest';
import type { PhoneCommand } from '../shared/platform';
import { incomingRinging } from './test-support/calls';
import { app, fakeSystem, FakeTray, Menu, resetElectronFake } from './test-support/electron-fake';
import { createTrayController, type TrayActions } from './tray-controller';
import type { TrayState } from './tray-model';

const idle: TrayState = {
  registration: { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null },
  calls: [],
  doNotDisturb: false,
  missedCalls: 0,
  windowVisible: false,
};

let log: string[];
let commands: PhoneCommand[];
let actions: TrayActions;

beforeEach(() => {
  resetElectronFake();
  app.emitReady();
  log = [];
  commands = [];
  actions = {
    toggleWindow: () => log.push('toggle-window'),
    command: (command) => commands.push(command),
    setDoNotDisturb: (enabled) => log.push(`dnd:${enabled}`),
    showMissedCalls: () => log.push('show-missed'),
    quit: () => log.push('quit'),
  };
});

const ports = { Tray: FakeTray, Menu, iconPath: (icon: string) => `/icons/${icon}.png` };

describe('tray controller', () => {
  it('creates one tray with the icon, tooltip and menu of the state', () => {
    createTrayController(ports, actions, idle, 'linux');
    const [tray] = FakeTray.all();
    expect(FakeTray.all()).toHaveLength(1);
    expect(tray?.image).toBe('/icons/registered.png');
    expect(tray?.toolTip).toContain('Ready as 1001@pbx.example.com');
    expect(tray?.contextMenu?.items.map((item) => item.id ?? item.type)).toEqual(['toggle-window', 'separator', 'do-not-disturb', 'separator', 'quit']);
  });

  it('sets the menu again on every update, as Linux needs', () => {
    const controller = createTrayController(ports, actions, idle, 'linux');
    const tray = FakeTray.all()[0]!;
    controller.update({ ...idle, calls: [incomingRinging('c1@pbx')] });
    expect(tray.contextMenuSets).toBe(2);
    expect(tray.image).toBe('/icons/ringing.png');
  });

  it('routes answer and decline to phone commands for the ringing call', () => {
    const controller = createTrayController(ports, actions, idle, 'linux');
    controller.update({ ...idle, calls: [incomingRinging('c1@pbx')] });
    const menu = FakeTray.all()[0]!.contextMenu!;
    menu.click('answer');
    menu.click('decline');
    expect(commands).toEqual([
      { kind: 'answer', callId: 'c1@pbx' },
      { kind: 'decline', callId: 'c1@pbx' },
    ]);
  });

  it('flips do-not-disturb, toggles the window, quits, and toggles the window on click', () => {
    const controller = createTrayController(ports, actions, idle, 'linux');
    const tray = FakeTray.all()[0]!;
    tray.contextMenu!.click('do-not-disturb');
    controller.update({ ...idle, doNotDisturb: true, missedCalls: 2 });
    tray.contextMenu!.click('do-not-disturb');
    tray.contextMenu!.click('toggle-window');
    tray.contextMenu!.click('show-missed');
    tray.contextMenu!.click('quit');
    tray.emit('click');
    expect(log).toEqual(['dnd:true', 'dnd:false', 'toggle-window', 'show-missed', 'quit', 'toggle-window']);
  });

  it('on macOS leaves the click to the menu it opens', () => {
    fakeSystem.platform = 'darwin';
    createTrayController(ports, actions, idle, 'darwin');
    const tray = FakeTray.all()[0]!;
    tray.click();
    expect(tray.menuOpenCount).toBe(1);
    expect(log).toEqual([]);
  });

  it('replaces, rather than duplicates, a tray created earlier', () => {
    createTrayController(ports, actions, idle, 'linux');
    const second = createTrayController(ports, actions, idle, 'linux');
    expect(FakeTray.all()).toHaveLength(1);
    second.destroy();
    expect(FakeTray.all()).toHaveLength(0);
  });
});
