import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from './support/browser';
import { expectNotRising, expectRising } from './support/media-stats';
import { freePort, startKamailio } from './support/kamailio';
import { answeredCall, fillAccount, lineStatus, openPhone, sessions, withRegisteredPhones } from './support/phone-page';

// Things the network does to a phone that works all day: both sides changing the call at
// once, and the server going away and coming back.

function holdThroughEngine(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const api = (window as unknown as { __softphone: { phone: { hold(id: string): Promise<void>; sessions(): { getId(): string }[] } } }).__softphone;
    await api.phone.hold(api.phone.sessions()[0]!.getId());
  });
}

test('both sides put the call on hold at the same moment: the glare settles and the call stays usable', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await answeredCall(alice, bob);

    // Two re-INVITEs cross in flight; at least one side gets 491 and retries after the RFC 3261 delay.
    await Promise.all([holdThroughEngine(alice.page), holdThroughEngine(bob.page)]);
    await expect.poll(async () => (await sessions(alice.page))[0]?.paused, { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await sessions(bob.page))[0]?.paused, { timeout: 15_000 }).toBe(true);
    await expectNotRising(bob.page, 'audio', 'bytesReceived', { settleMs: 500 });

    // Nothing is wedged: both resume at once too (glare again), and audio flows both ways.
    await Promise.all([
      alice.page.getByRole('button', { name: 'Resume' }).click(),
      bob.page.getByRole('button', { name: 'Resume' }).click(),
    ]);
    // The Call-ID owner's retry may wait up to 4 s (RFC 3261 §14.1).
    await expect(alice.page.getByRole('button', { name: 'Hold' })).toBeVisible({ timeout: 15_000 });
    await expect(bob.page.getByRole('button', { name: 'Hold' })).toBeVisible({ timeout: 15_000 });
    await expect(alice.page.getByRole('alert')).toHaveCount(0);
    await expect(bob.page.getByRole('alert')).toHaveCount(0);
    await expectRising(alice.page, 'audio', 'bytesReceived', { settleMs: 300 });
    await expectRising(bob.page, 'audio', 'bytesReceived');
  });
});

test('the server goes away and comes back: the phone says so, reconnects and registers again', async () => {
  const runDir = await mkdtemp(join(tmpdir(), 'kamailio-restart-'));
  const ports = { sipPort: await freePort(), wsPort: await freePort() };
  let kamailio = await startKamailio({ ...ports, runDir, auth: true });
  const browser = await launchChromium();
  try {
    const phone = await openPhone(browser, { displayName: 'Erin' });
    await fillAccount(phone, { serverUrl: kamailio.wsUrl });
    await phone.page.getByRole('button', { name: 'Connect' }).click();
    await expect(lineStatus(phone.page)).toContainText('Connected as');

    await kamailio.stop();
    await expect(lineStatus(phone.page)).toContainText('Connection lost, reconnecting');

    kamailio = await startKamailio({ ...ports, runDir, auth: true });
    // Backoff starts at 0.5 s and doubles; a few attempts fit well within the timeout.
    await expect(lineStatus(phone.page)).toContainText('Connected as', { timeout: 20_000 });
    await expect.poll(() => kamailio.contacts(), { message: 'the contact registered again' }).toContain(phone.user);
  } finally {
    await browser.close();
    await kamailio.stop();
  }
});
