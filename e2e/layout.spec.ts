import { expect, test, type Locator, type Page } from '@playwright/test';
import { answeredCall, dial, fillAccount, openPhone, register, waitForCallStatus, withRegisteredPhones } from './support/phone-page';
import { launchChromium } from './support/browser';

// The window from 360 px to full screen: nothing scrolls sideways, the account gets out of
// the way once signed in, and a wide window puts the call and the keypad side by side.

async function noSidewaysScroll(page: Page, state: string): Promise<void> {
  const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(scrollWidth, `${state}: page ${scrollWidth} px wide in a ${viewport} px window`).toBeLessThanOrEqual(viewport);
}

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not laid out');
  return found;
}

test('360 px: first run, signed in, ringing and in call, nothing scrolls sideways', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice Martin' });
    const bob = await openPhone(browser, { displayName: 'Bob Durand with a rather long display name' });
    await bob.page.setViewportSize({ width: 360, height: 720 });
    await register(alice);
    await fillAccount(bob);
    await noSidewaysScroll(bob.page, 'first run');
    await bob.page.getByRole('button', { name: 'Connect' }).click();
    await expect(bob.page.getByRole('button', { name: 'Call', exact: true })).toBeVisible();
    await noSidewaysScroll(bob.page, 'signed in');

    await dial(alice, bob.user);
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toBeInViewport();
    await noSidewaysScroll(bob.page, 'ringing');
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(bob.page, 'Established');
    await expect(bob.page.getByRole('button', { name: 'Hang up' })).toBeVisible();
    await noSidewaysScroll(bob.page, 'in call');
    // Narrow: the keypad waits behind its button, then opens under the call.
    await expect(bob.page.getByRole('button', { name: 'Send DTMF 1' })).toBeHidden();
    await bob.page.getByRole('button', { name: 'Keypad' }).click();
    await expect(bob.page.getByRole('button', { name: 'Send DTMF 1' })).toBeVisible();
    await noSidewaysScroll(bob.page, 'in call with the keypad');
  } finally {
    await browser.close();
  }
});

test('1280 px: the call controls and the keypad side by side, digits typed on the call send tones', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand'], async ([alice, bob]) => {
    await answeredCall(alice, bob);
    const page = bob.page;
    expect(page.viewportSize()?.width).toBe(1280);
    const controls = page.getByRole('group', { name: 'Call controls' });
    const keys = page.getByRole('group', { name: 'Keypad tones' });
    await expect(controls).toBeInViewport({ ratio: 1 });
    await expect(keys).toBeInViewport({ ratio: 1 });
    const [c, k] = [await box(controls), await box(keys)];
    expect(k.x, 'the keypad is right of the controls').toBeGreaterThanOrEqual(c.x + c.width);
    await noSidewaysScroll(page, 'in call, wide');
    // One keypad: no number field during the call unless the user asks for a new call.
    await expect(page.getByLabel('Number or SIP address')).toHaveCount(0);

    await controls.focus();
    await page.keyboard.type('5#');
    await expect(page.getByRole('status', { name: 'Tones sent' })).toHaveText('5#');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});

test('the account form leaves the front page once signed in, and stays in Settings', async () => {
  await withRegisteredPhones(['Alice Martin'], async ([alice]) => {
    const server = alice.page.getByLabel('WebSocket server');
    await expect(server).toHaveCount(0);
    await expect(alice.page.getByRole('button', { name: 'Call', exact: true })).toBeVisible();
    await alice.page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await expect(server).toBeVisible();
    await expect(alice.page.getByRole('button', { name: 'Disconnect' })).toBeVisible();
    await alice.page.getByRole('navigation').getByRole('button', { name: 'Phone' }).click();
    await expect(server).toHaveCount(0);
  });
});

test('remote video can fill the window and go full screen, and back', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand'], async ([alice, bob]) => {
    await alice.page.getByLabel('Number or SIP address').fill(bob.user);
    await alice.page.getByRole('button', { name: 'Video call', exact: true }).click();
    await bob.page.getByRole('button', { name: 'Answer with video' }).click();
    await waitForCallStatus(bob.page, 'Established');
    const page = bob.page;
    await expect(page.locator('video.remote')).toBeVisible({ timeout: 15_000 });

    const enlarge = page.getByRole('button', { name: 'Enlarge video' });
    await enlarge.click();
    await expect(enlarge).toHaveAttribute('aria-pressed', 'true');
    const call = page.getByRole('region', { name: /Alice Martin/ });
    await expect.poll(async () => (await box(call)).width).toBe(1280);
    await expect(page.getByRole('button', { name: 'Hang up' })).toBeInViewport();
    await enlarge.click();
    await expect(enlarge).toHaveAttribute('aria-pressed', 'false');

    const fullscreen = page.getByRole('button', { name: 'Full screen' });
    await fullscreen.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await expect(fullscreen).toHaveAttribute('aria-pressed', 'true');
    await fullscreen.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
  });
});
