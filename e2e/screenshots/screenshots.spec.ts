// The pictures in docs/screenshots/ (shown in the README), taken from the e2e build against the
// test bed: `npm run screenshots`. Not part of the normal e2e run (playwright.config.ts adds
// this project only when SOFTPHONE_SCREENSHOTS=1), so the committed pictures change only when
// someone asks for new ones. SOFTPHONE_SCREENSHOTS_DIR writes them elsewhere (to look at a
// change without touching the committed ones).

import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from '../support/browser';
import { dial, env, openPhone, register, waitForCallStatus, type TestPhone } from '../support/phone-page';

const OUT = resolve(process.env.SOFTPHONE_SCREENSHOTS_DIR ?? 'docs/screenshots');
const SIZES = {
  narrow: { width: 380, height: 760 },
  wide: { width: 1280, height: 800 },
  ...(process.env.SOFTPHONE_SCREENSHOTS_MEDIUM === '1' ? { medium: { width: 800, height: 700 } } : {}),
} as const;

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, size] of Object.entries(SIZES)) {
    await page.setViewportSize(size);
    // Let the layout settle at the new width (media queries, the video's size).
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.screenshot({ path: `${OUT}/${name}-${label}.png`, animations: 'disabled', caret: 'hide' });
  }
}

test('screenshots of the main states, narrow and wide', async () => {
  test.setTimeout(240_000);
  await mkdir(OUT, { recursive: true });
  const browser = await launchChromium();
  try {
    const me = await openPhone(browser, { displayName: 'Camille Laurent' });
    const alice = await openPhone(browser, { displayName: 'Alice Martin' });
    const bob = await openPhone(browser, { displayName: 'Bob Durand' });
    await register(alice);
    await register(bob);

    // First run: the account form, half filled in as a person would be doing it.
    await me.page.getByLabel('WebSocket server').fill(env('SOFTPHONE_WS_URL'));
    await me.page.getByLabel('SIP address', { exact: true }).fill(env('SOFTPHONE_SIP_DOMAIN'));
    await shoot(me.page, 'first-run');
    await register(me);
    await dismissNotificationPrompt(me);
    await shoot(me.page, 'signed-in');

    // Ringing.
    await dial(alice, me.user);
    await expect(me.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    await shoot(me.page, 'ringing');

    // In call: talking to Alice, a few tones sent, the quality reading in.
    await me.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(me.page, 'Established');
    await me.page.getByRole('button', { name: 'Send DTMF 1' }).click();
    await me.page.getByRole('button', { name: 'Send DTMF 2' }).click();
    await expect(me.page.getByText(/connection$/).first()).toBeVisible({ timeout: 15_000 });
    await shoot(me.page, 'in-call');

    // Two calls: Bob calls while Alice is on the line; answering holds Alice.
    await dial(bob, me.user);
    await expect(me.page.getByRole('alertdialog')).toBeVisible();
    await shoot(me.page, 'call-waiting');
    await me.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(me.page.getByRole('button', { name: 'Resume' })).toBeVisible();
    await shoot(me.page, 'two-calls');
    await me.page.getByRole('button', { name: 'Hang up' }).last().click();
    await me.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(me.page.getByRole('button', { name: 'Hang up' })).toHaveCount(0);

    // A video call.
    await alice.page.getByLabel('Number or SIP address').fill(me.user);
    await alice.page.getByRole('button', { name: 'Video call', exact: true }).click();
    await me.page.getByRole('button', { name: 'Answer with video' }).click();
    await waitForCallStatus(me.page, 'Established');
    await expect(me.page.locator('video.remote')).toBeVisible({ timeout: 15_000 });
    await shoot(me.page, 'video-call');
    await me.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(me.page.getByRole('button', { name: 'Hang up' })).toHaveCount(0);

    // The call history, with a call Bob gave up on while it rang.
    await dial(bob, me.user);
    await expect(me.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    await bob.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(me.page.getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0);
    await me.page.getByRole('navigation').getByRole('button', { name: /^History/ }).click();
    await expect(me.page.getByRole('region', { name: 'Call history' }).getByRole('listitem')).toHaveCount(4);
    await shoot(me.page, 'history');

    // Settings.
    await me.page.getByRole('button', { name: 'Settings' }).click();
    await shoot(me.page, 'settings');
  } finally {
    await browser.close();
  }
});

async function dismissNotificationPrompt(phone: TestPhone): Promise<void> {
  const notNow = phone.page.getByRole('button', { name: 'Not now' });
  if (await notNow.isVisible()) await notNow.click();
}
