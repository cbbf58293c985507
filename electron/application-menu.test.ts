import { beforeEach, describe, expect, it } from 'vitest';
import { applicationMenuTemplate, installApplicationMenu } from './application-menu';
import { app, BrowserWindow, fakeSystem, Menu, resetElectronFake } from './test-support/electron-fake';

beforeEach(() => resetElectronFake());

describe('application menu', () => {
  it('is none at all on Windows and Linux in an installed app', () => {
    expect(applicationMenuTemplate({ platform: 'win32', development: false })).toBeNull();
    expect(applicationMenuTemplate({ platform: 'linux', development: false })).toBeNull();
  });

  it('is app, Edit and Window on macOS, with no View menu (no Reload, no DevTools)', () => {
    expect(applicationMenuTemplate({ platform: 'darwin', development: false })).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]);
  });

  it('adds Toggle Developer Tools in development only, and never Reload', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const roles = JSON.stringify(applicationMenuTemplate({ platform, development: true }));
      expect(roles).toContain('toggleDevTools');
      expect(roles).not.toMatch(/reload|viewMenu/i);
    }
  });

  it('set before ready, keeps Electron’s default menu (and its Reload) from ever being installed', () => {
    fakeSystem.platform = 'darwin';
    installApplicationMenu(Menu, { platform: 'darwin', development: false });
    app.emitReady();
    const window = new BrowserWindow();
    expect(window.pressAccelerator('Cmd+R')).toBeNull();
    expect(window.pressAccelerator('Cmd+A')).toBe('selectall');
  });
});
