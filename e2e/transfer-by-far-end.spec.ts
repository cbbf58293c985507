import { expect, test, type Browser } from '@playwright/test';
import { launchChromium } from './support/browser';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { expectJsSipAudioFlowing, openJsSipPhone, type JsSipPhone } from './support/jssip-phone';
import { expectRising } from './support/media-stats';
import { dial, freshUser, openPhone, openPreferences, register, sessions, waitForCallStatus, type TestPhone } from './support/phone-page';

// A REFER from the far end (blind transfer, RFC 3515), sent by an independent SIP stack (JsSIP).
// The transferee is our phone A: the new call must be one the user sees, hears and can hang up,
// and the transferor must hear how it went (NOTIFY sipfrags).

async function withBrowser(body: (browser: Browser) => Promise<void>): Promise<void> {
  const browser = await launchChromium();
  try {
    await body(browser);
  } finally {
    await browser.close();
  }
}

async function ourPhone(browser: Browser, displayName: string): Promise<TestPhone> {
  const phone = await openPhone(browser, { displayName, beforeLoad: (context) => instrumentCaptureTracks(context) });
  await register(phone);
  return phone;
}

/** B (JsSIP) calls A, A answers in the UI: returns once both say the call is up. */
async function jssipCallsUs(bob: JsSipPhone, alice: TestPhone): Promise<void> {
  await bob.call(alice.user);
  await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await waitForCallStatus(alice.page, 'Established');
  await bob.waitForEvent('confirmed');
}

async function expectOnlyCallWith(phone: TestPhone, number: string): Promise<void> {
  await expect
    .poll(async () => (await sessions(phone.page)).map((s) => [s.number, s.sipStatus, s.paused]))
    .toEqual([[number, 'Established', false]]);
}

test.describe('transfer requested by the far end (REFER)', () => {
  test('JsSIP B transfers A to our phone C: A sees it, talks with C, B is told 200 and hung up, Hang up ends it all', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const carol = await ourPhone(browser, 'Carol Petit');
      const bob = await openJsSipPhone(browser, { displayName: 'Bob JsSIP' });
      await jssipCallsUs(bob, alice);

      await bob.refer(carol.user);
      await expect(alice.page.getByText(`Transferring to ${carol.user}…`)).toBeVisible();
      expect(await bob.waitForEvent('referRequestSucceeded')).toMatchObject({ status: 202 });
      await bob.waitForEvent('referNotify', { status: 100 });
      // The original call is held while the new one rings, so B no longer hears A.
      await bob.waitForEvent('hold', { originator: 'remote' });

      const ringing = carol.page.getByRole('alertdialog');
      await expect(ringing).toContainText('Alice Martin');
      await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();

      await bob.waitForEvent('referNotify', { status: 200 });
      await bob.waitForEvent('ended', { originator: 'remote' });
      await expectOnlyCallWith(alice, carol.user);
      await expect(alice.page.getByRole('button', { name: 'Hang up' })).toHaveCount(1);
      await expect(alice.page.getByText(`Transferring to`)).toHaveCount(0);

      await expectRising(alice.page, 'audio', 'bytesReceived');
      await expectRising(carol.page, 'audio', 'bytesReceived');
      await expectRising(carol.page, 'audio', 'totalAudioEnergy');

      await alice.page.getByRole('button', { name: 'Hang up' }).click();
      await expect(carol.page.getByText('Alice Martin hung up')).toBeVisible();
      await expect.poll(() => sessions(alice.page)).toEqual([]);
      await expect.poll(() => sessions(carol.page)).toEqual([]);
      await expect.poll(async () => (await liveCaptureTracks(alice.page)).live).toBe(0);
    });
  });

  test('A calls JsSIP B, B transfers A to JsSIP C: audio A<->C, A hangs up and C is told', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const bob = await openJsSipPhone(browser, { displayName: 'Bob JsSIP' });
      const carol = await openJsSipPhone(browser, { displayName: 'Carol JsSIP' });
      await dial(alice, bob.user);
      await bob.waitForEvent('incoming');
      await bob.answer();
      await waitForCallStatus(alice.page, 'Established');
      await bob.waitForEvent('confirmed');

      await bob.refer(carol.user);
      await expect(alice.page.getByText(`Transferring to ${carol.user}…`)).toBeVisible();
      expect(await carol.waitForEvent('incoming')).toMatchObject({ remoteUser: alice.user });
      await bob.waitForEvent('referNotify', { status: 180 });
      await carol.answer();

      await bob.waitForEvent('referNotify', { status: 200 });
      await bob.waitForEvent('ended', { originator: 'remote' });
      await expectOnlyCallWith(alice, carol.user);
      await expectRising(alice.page, 'audio', 'bytesReceived');
      await expectJsSipAudioFlowing(carol);

      await alice.page.getByRole('button', { name: 'Hang up' }).click();
      await carol.waitForEvent('ended', { originator: 'remote' });
      await expect.poll(() => sessions(alice.page)).toEqual([]);
      await expect.poll(async () => (await liveCaptureTracks(alice.page)).live).toBe(0);
    });
  });

  test('B hangs up right after its REFER is accepted (as many phones do): A still gets a visible call with C', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const carol = await ourPhone(browser, 'Carol Petit');
      const bob = await openJsSipPhone(browser, { displayName: 'Bob JsSIP' });
      await jssipCallsUs(bob, alice);

      await bob.refer(carol.user);
      await bob.waitForEvent('referRequestSucceeded');
      await bob.hangup();
      await bob.waitForEvent('ended', { originator: 'local' });

      await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();
      await expectOnlyCallWith(alice, carol.user);
      await expect(alice.page.getByText('Transferring to')).toHaveCount(0);
      await expectRising(alice.page, 'audio', 'bytesReceived');
      await expectRising(carol.page, 'audio', 'bytesReceived');

      await alice.page.getByRole('button', { name: 'Hang up' }).click();
      await expect.poll(() => sessions(carol.page)).toEqual([]);
      await expect.poll(async () => (await liveCaptureTracks(alice.page)).live).toBe(0);
    });
  });

  test('transfers refused in Preferences: B gets 603, nothing is dialled, A and B keep talking', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const preferences = await openPreferences(alice.page);
      await preferences.getByLabel('Accept transfers requested by the other side').uncheck();
      await preferences.getByRole('button', { name: 'Save preferences' }).click();
      const carol = await openJsSipPhone(browser, { displayName: 'Carol JsSIP' });
      const bob = await openJsSipPhone(browser, { displayName: 'Bob JsSIP' });
      await jssipCallsUs(bob, alice);

      await bob.refer(carol.user);
      expect(await bob.waitForEvent('referRequestFailed')).toMatchObject({ status: 603 });
      await alice.page.waitForTimeout(1_000);
      expect(await carol.sessionCount()).toBe(0);
      await expectOnlyCallWith(alice, bob.user);
      await expect(alice.page.getByText('Transferring to')).toHaveCount(0);
      await expectRising(alice.page, 'audio', 'bytesReceived');
      await expectJsSipAudioFlowing(bob);
      expect((await bob.events()).filter((event) => event.type === 'ended' || event.type === 'hold')).toEqual([]);
    });
  });

  test('an attended transfer (Refer-To with Replaces) is followed: A calls C with Replaces, JsSIP C takes it over from B, A and C talk', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const bob = await openJsSipPhone(browser, { displayName: 'Bob JsSIP' });
      const carol = await openJsSipPhone(browser, { displayName: 'Carol JsSIP' });
      await jssipCallsUs(bob, alice);
      // B's second call, with C: the one A's new call replaces.
      await bob.call(carol.user);
      await carol.waitForEvent('incoming');
      await carol.answer();
      await bob.waitForEvent('confirmed', { session: 1 });

      await bob.refer(carol.user, { session: 0, replacesSession: 1 });
      expect(await bob.waitForEvent('referRequestSucceeded', { session: 0 })).toMatchObject({ status: 202 });
      // C's stack matched A's Replaces header to its call with B (JsSIP answers 481 otherwise).
      await carol.waitForEvent('replaces', { session: 0 });
      await carol.waitForEvent('incoming', { session: 1 });
      await carol.answer();

      await bob.waitForEvent('referNotify', { session: 0, status: 200 });
      await carol.waitForEvent('ended', { session: 0 });
      await bob.waitForEvent('ended', { session: 0, originator: 'remote' });
      await expectOnlyCallWith(alice, carol.user);
      await expectRising(alice.page, 'audio', 'bytesReceived');
      await expectJsSipAudioFlowing(carol);
    });
  });

  test('a transfer to a number that does not exist: A stays on hold with B, is told why, and Resume brings B back', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const bob = await openJsSipPhone(browser, { displayName: 'Bob JsSIP' });
      await jssipCallsUs(bob, alice);
      const nobody = freshUser();

      await bob.refer(nobody);
      await bob.waitForEvent('referNotify', { status: 404 });
      await expect(
        alice.page.getByText(`The transfer to ${nobody} failed: Not found (404). You are still on hold with Bob JsSIP — Resume to talk.`),
      ).toBeVisible();
      await expect.poll(async () => (await sessions(alice.page)).map((s) => [s.number, s.paused])).toEqual([[bob.user, true]]);
      expect((await bob.events()).some((event) => event.type === 'ended')).toBe(false);

      await alice.page.getByRole('button', { name: 'Resume' }).click();
      await expectOnlyCallWith(alice, bob.user);
      await expect(alice.page.getByText(/The transfer to/)).toHaveCount(0);
      await expectRising(alice.page, 'audio', 'bytesReceived');
      await expectJsSipAudioFlowing(bob);
    });
  });
});
