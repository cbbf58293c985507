import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { launchChromium } from '../support/browser';
import { expectRising } from '../support/media-stats';
import { dial, freshUser, openPhone, register, sessions, type TestPhone, waitForCallStatus } from '../support/phone-page';
import { findElectron, launchSoftphone, MAIN_WINDOW_URL, POPUP_URL, windowAt } from './electron-app';

const electron = findElectron();

// Global shortcuts are grabbed from the X server, so only an X-level key press reaches them:
// xdotool sends one through XTEST (the suite runs under xvfb-run on Linux CI).
function hasXdotool(): boolean {
  try {
    execFileSync('xdotool', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pressGlobalShortcut(keys: string): void {
  execFileSync('xdotool', ['key', '--clearmodifiers', keys]);
}

interface TrayView {
  icon: string;
  tooltip: string;
}

test.describe('desktop app', () => {
  test.skip(!electron.available, `No Electron binary on this machine: ${electron.reason}`);

  test('launches with its window and tray; an incoming call pops up, is answered and hung up by global shortcuts', async () => {
    test.skip(!hasXdotool(), 'xdotool is needed to press a global shortcut at the X server level (apt install xdotool)');
    const desktop = await launchSoftphone(electron.executablePath!);
    const browser = await launchChromium();
    try {
      const { app } = desktop;
      const window = await windowAt(app, MAIN_WINDOW_URL);
      await expect(window.getByLabel('WebSocket server')).toBeVisible();

      const trayView = () =>
        app.evaluate(() => (globalThis as unknown as { __softphoneApp: { trayModel(): TrayView | null } }).__softphoneApp.trayModel());
      await expect.poll(async () => (await trayView())?.icon).toBe('offline');

      // The desktop phone registers through its own UI, like a user would.
      const desk: TestPhone = { page: window, context: app.context(), user: freshUser(), displayName: 'Desk Agent', close: async () => {} };
      await register(desk);
      await expect.poll(async () => (await trayView())?.icon).toBe('registered');

      // Hidden in the tray, as most of the day: the call must come to the user.
      await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().find((candidate) => candidate.webContents.getURL().startsWith('app://softphone/index.html'))?.hide(),
      );
      const caller = await openPhone(browser, { displayName: 'Alice Martin' });
      await register(caller);
      await dial(caller, desk.user);

      const popup = await windowAt(app, POPUP_URL);
      await expect(popup.getByRole('alertdialog')).toContainText('Alice Martin');
      await expect(popup.getByRole('button', { name: 'Answer call from Alice Martin' })).toBeEnabled();
      await expect(popup.getByRole('button', { name: 'Decline call from Alice Martin' })).toBeEnabled();
      await expect.poll(async () => (await trayView())?.icon).toBe('ringing');

      // Taken from the X server only while the call rings (electron/global-shortcuts.ts).
      pressGlobalShortcut('ctrl+shift+a');
      await waitForCallStatus(caller.page, 'Established');
      await expect.poll(async () => (await trayView())?.icon).toBe('in-call');
      await expect.poll(() => popup.isClosed()).toBe(true);
      // The desktop phone's fake microphone reaches the caller.
      await expectRising(caller.page, 'audio', 'bytesReceived');
      await expectRising(caller.page, 'audio', 'totalAudioEnergy');

      pressGlobalShortcut('ctrl+shift+h');
      await expect.poll(async () => (await sessions(caller.page))[0]?.sipStatus ?? 'Terminated').toBe('Terminated');
      await expect.poll(async () => (await trayView())?.icon).toBe('registered');
    } finally {
      await browser.close();
      await desktop.close();
    }
  });
});
