import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { launchChromium } from './support/browser';
import { dial, openPhone, register, waitForCallStatus, withRegisteredPhones, type TestPhone } from './support/phone-page';

// An incoming call is impossible to miss: in view and focused whatever the user was doing in
// the window, answered with Enter, declined with Escape; the tab's title says what happens; a
// tab in the background gets a browser notification.

async function scrollToBottom(page: Page): Promise<number> {
  return page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    return window.scrollY;
  });
}

test('a call arriving while the window is scrolled down: Answer is in view and focused, Enter answers, the call controls take the focus', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand'], async ([alice, bob]) => {
    // A short window, scrolled to the bottom of the dialpad.
    await bob.page.setViewportSize({ width: 400, height: 420 });
    expect(await scrollToBottom(bob.page)).toBeGreaterThan(0);

    await dial(alice, bob.user);
    const answer = bob.page.getByRole('alertdialog').getByRole('button', { name: 'Answer', exact: true });
    await expect(answer).toBeFocused();
    await expect(answer).toBeInViewport({ ratio: 1 });

    await bob.page.keyboard.press('Enter');
    await waitForCallStatus(bob.page, 'Established');
    await expect(bob.page.getByRole('group', { name: 'Call controls' })).toBeFocused();
  });
});

test('Escape declines a ringing call, even a second one during a call; the decline reads without a status code', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand', 'Carol Petit'], async ([alice, bob, carol]) => {
    await dial(alice, bob.user);
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toBeFocused();
    await bob.page.keyboard.press('Enter');
    await waitForCallStatus(bob.page, 'Established');

    await dial(carol, bob.user);
    await expect(bob.page.getByRole('alertdialog')).toContainText('Carol Petit');
    await bob.page.keyboard.press('Escape');
    await expect(carol.page.getByText('Call declined')).toBeVisible();
    await expect(bob.page.getByText('You declined the call from Carol Petit')).toBeVisible();
    await expect(bob.page.getByText(/603/)).toHaveCount(0);
    // The first call goes on.
    await expect(bob.page.getByText('Connected', { exact: true })).toBeVisible();
  });
});

test('the tab title says who rings, then who the call is with and for how long', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand'], async ([alice, bob]) => {
    await expect(bob.page).toHaveTitle('Softphone');
    await dial(alice, bob.user);
    await expect(bob.page).toHaveTitle('Ringing: Alice Martin — Softphone');
    // The caller knows the number it dialled (the callee's name is not sent back).
    await expect(alice.page).toHaveTitle(`Calling ${bob.user}… — Softphone`);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(bob.page).toHaveTitle(/^In call with Alice Martin \(\d\d:\d\d\)$/);
    await bob.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(bob.page).toHaveTitle('Softphone');
  });
});

/** Records the page's notifications, and makes the tab look as if another window had the focus. */
async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.grantPermissions(['notifications']);
  await context.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    (window as unknown as { __notifications: typeof shown }).__notifications = shown;
    class RecordingNotification {
      static permission: NotificationPermission = 'default';
      static async requestPermission(): Promise<NotificationPermission> {
        RecordingNotification.permission = 'granted';
        return 'granted';
      }
      onclick: ((event: Event) => unknown) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body ?? '' });
      }
      close(): void {}
    }
    Object.defineProperty(window, 'Notification', { value: RecordingNotification, configurable: true });
    document.hasFocus = () => false;
  });
}

async function notifications(phone: TestPhone): Promise<Array<{ title: string; body: string }>> {
  return phone.page.evaluate(() => (window as unknown as { __notifications: Array<{ title: string; body: string }> }).__notifications.slice());
}

test('web target: notifications are asked for after the first sign-in, then an incoming and a missed call in a background tab are notified', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice Martin' });
    const bob = await openPhone(browser, { displayName: 'Bob Durand', beforeLoad: recordNotifications });
    await register(alice);
    const allow = bob.page.getByRole('button', { name: 'Turn on notifications' });
    // Not on page load: the first page is the account form, with no question about notifications.
    await expect(bob.page.getByLabel('WebSocket server')).toBeVisible();
    await expect(allow).toHaveCount(0);
    await register(bob);
    await allow.click();
    await expect(allow).toHaveCount(0);

    await dial(alice, bob.user);
    await expect(bob.page.getByRole('alertdialog')).toBeVisible();
    await expect.poll(() => notifications(bob)).toEqual([{ title: 'Incoming call', body: `Alice Martin (${alice.user})` }]);
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(bob.page.getByText('Missed call from Alice Martin')).toBeVisible();
    await expect.poll(() => notifications(bob)).toEqual([
      { title: 'Incoming call', body: `Alice Martin (${alice.user})` },
      { title: 'Missed call', body: `Alice Martin (${alice.user})` },
    ]);
  } finally {
    await browser.close();
  }
});
