import { expect, test } from '@playwright/test';
import { launchChromium } from '../support/browser';
import { expectNotRising, expectRising, inboundStats } from '../support/media-stats';
import { dial, freshUser, openPhone, register, sessions, type TestPhone, waitForCallStatus } from '../support/phone-page';
import { findElectron, launchSoftphone, MAIN_WINDOW_URL, PICKER_URL, windowAt } from './electron-app';

const electron = findElectron();

// On the desktop, getDisplayMedia() is answered by the main process: our own picker window
// lists the screens and windows, and the far end must then decode what was chosen. The app
// serves the e2e build here, so `sessions(window)` reads the desktop phone's own snapshots.

test.describe('desktop screen sharing', () => {
  test.skip(!electron.available, `No Electron binary on this machine: ${electron.reason}`);

  test('shares the entire screen chosen by keyboard in our picker; the far end decodes it until Stop sharing', async () => {
    const desktop = await launchSoftphone(electron.executablePath!);
    const browser = await launchChromium();
    try {
      const { app } = desktop;
      const window = await windowAt(app, MAIN_WINDOW_URL);
      const desk: TestPhone = { page: window, context: app.context(), user: freshUser(), displayName: 'Desk Agent', close: async () => {} };
      await register(desk);
      const bob = await openPhone(browser, { displayName: 'Bob' });
      await register(bob);

      await dial(desk, bob.user);
      await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
      await waitForCallStatus(window, 'Established');
      await waitForCallStatus(bob.page, 'Established');
      await expectRising(bob.page, 'audio', 'bytesReceived');
      expect((await inboundStats(bob.page, 'video')).framesDecoded).toBe(0);

      // With a single source the app (rightly) shares it without a picker, as on Wayland. An X
      // server without a window manager lists no windows (they carry no WM_STATE), so it has one.
      const sourceCount = await app.evaluate(({ desktopCapturer }) =>
        desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } }).then((sources) => sources.length),
      );
      test.skip(sourceCount < 2, `The desktop lists ${sourceCount} source(s); the picker needs two or more (run under a window manager)`);

      await window.getByRole('button', { name: 'Share screen' }).click();
      const picker = await windowAt(app, PICKER_URL);
      await expect(picker.getByRole('heading', { name: 'Choose what to share' })).toBeVisible();
      await expect(picker.getByRole('button', { name: 'Cancel' })).toBeVisible();

      // Screens come first and the first card has focus; walk away and back with the arrows.
      const entireScreen = picker.getByRole('button', { name: 'Share Entire screen' });
      await expect(entireScreen).toBeFocused();
      await picker.keyboard.press('ArrowRight');
      await expect(entireScreen).not.toBeFocused();
      await picker.keyboard.press('ArrowLeft');
      await expect(entireScreen).toBeFocused();
      await picker.keyboard.press('Enter');
      await expect.poll(() => picker.isClosed()).toBe(true);

      await expect(window.getByRole('status').filter({ hasText: 'You are sharing your screen' })).toBeVisible();
      await expect.poll(async () => (await sessions(window))[0]?.screensharing).toBe(true);
      await expect.poll(async () => (await inboundStats(bob.page, 'video')).framesDecoded, { message: 'first shared frames' }).toBeGreaterThan(0);
      await expectRising(bob.page, 'video', 'framesDecoded');
      await expectRising(bob.page, 'audio', 'bytesReceived');

      await window.getByRole('button', { name: 'Stop sharing your screen' }).click();
      await expect(window.getByText('You are sharing your screen')).toHaveCount(0);
      await expect.poll(async () => (await sessions(window))[0]?.screensharing).toBe(false);
      await expectNotRising(bob.page, 'video', 'framesDecoded', { settleMs: 500 });
      await expectRising(bob.page, 'audio', 'bytesReceived');
    } finally {
      await browser.close();
      await desktop.close();
    }
  });
  test('a Cancel in the picker shares nothing and reports no error', async () => {
    const desktop = await launchSoftphone(electron.executablePath!);
    const browser = await launchChromium();
    try {
      const { app } = desktop;
      const window = await windowAt(app, MAIN_WINDOW_URL);
      const desk: TestPhone = { page: window, context: app.context(), user: freshUser(), displayName: 'Desk Agent', close: async () => {} };
      await register(desk);
      const bob = await openPhone(browser, { displayName: 'Bob' });
      await register(bob);
      await dial(desk, bob.user);
      await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
      await waitForCallStatus(window, 'Established');

      const sourceCount = await app.evaluate(({ desktopCapturer }) =>
        desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } }).then((sources) => sources.length),
      );
      test.skip(sourceCount < 2, `The desktop lists ${sourceCount} source(s); the picker needs two or more (run under a window manager)`);

      await window.getByRole('button', { name: 'Share screen' }).click();
      const picker = await windowAt(app, PICKER_URL);
      await picker.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => picker.isClosed()).toBe(true);
      // Electron answers the page's getDisplayMedia with an AbortError here, as for a failure;
      // the page must take it for the Cancel it is.
      await expect(window.getByRole('alert')).toHaveCount(0);
      await expect(window.getByText('You are sharing your screen')).toHaveCount(0);
      expect((await sessions(window))[0]?.screensharing).toBe(false);
      await expectRising(bob.page, 'audio', 'bytesReceived');
    } finally {
      await browser.close();
      await desktop.close();
    }
  });
});
