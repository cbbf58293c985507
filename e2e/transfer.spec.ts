import { expect, test, type Browser, type Page } from '@playwright/test';
import { launchChromium } from './support/browser';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { expectJsSipAudioFlowing, openJsSipPhone, type JsSipPhone } from './support/jssip-phone';
import { expectRising } from './support/media-stats';
import { answeredCall, dial, freshUser, openPhone, register, sessions, waitForCallStatus, type TestPhone } from './support/phone-page';

// Transfers this phone makes (issue 9): A transfers its call with B to C, blind (REFER) or
// attended (a consultation call to C, then REFER with Replaces). Three phones through the UI,
// a real Kamailio, media proven by getStats counters that rise. B is our phone, or JsSIP (an
// independent stack that follows our REFER its own way, Replaces included).

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

/** Records the page's transfer events (onTransferProgress) as "status" strings, from now on. */
async function recordTransferSteps(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __steps: string[]; __softphone: { phone: { on(event: string, handler: (...args: unknown[]) => void): void } } };
    w.__steps = [];
    w.__softphone.phone.on('onTransferProgress', (_session, transfer) => {
      w.__steps.push(transfer ? (transfer as { status: string }).status : 'none');
    });
  });
}

function transferSteps(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __steps: string[] }).__steps.slice());
}

async function openTransfer(alice: TestPhone, target: string): Promise<void> {
  await alice.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await alice.page.getByLabel('Transfer to').fill(target);
}

async function expectNoCall(phone: TestPhone): Promise<void> {
  await expect.poll(() => sessions(phone.page)).toEqual([]);
  await expect.poll(async () => (await liveCaptureTracks(phone.page)).live).toBe(0);
}

async function expectOnlyCallWith(phone: TestPhone, number: string): Promise<void> {
  await expect
    .poll(async () => (await sessions(phone.page)).map((s) => [s.number, s.sipStatus, s.paused]))
    .toEqual([[number, 'Established', false]]);
}

/** Both ends hear each other: audio bytes and energy rise on both pages. */
async function expectTalking(first: TestPhone, second: TestPhone): Promise<void> {
  await expectRising(first.page, 'audio', 'bytesReceived');
  await expectRising(first.page, 'audio', 'totalAudioEnergy');
  await expectRising(second.page, 'audio', 'bytesReceived');
  await expectRising(second.page, 'audio', 'totalAudioEnergy');
}

/** A calls B (JsSIP), B answers. */
async function callJsSip(alice: TestPhone, bob: JsSipPhone): Promise<void> {
  await dial(alice, bob.user);
  await bob.waitForEvent('incoming');
  await bob.answer();
  await waitForCallStatus(alice.page, 'Established');
  await bob.waitForEvent('confirmed');
}

/** A consults C ("Call first"), C answers: B is held, the panel offers Complete and Cancel. */
async function consult(alice: TestPhone, carol: TestPhone, heldNumber: string): Promise<void> {
  await openTransfer(alice, carol.user);
  await alice.page.getByRole('button', { name: 'Call first' }).click();
  await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect
    .poll(async () => (await sessions(alice.page)).map((s) => [s.number, s.sipStatus, s.paused]).sort())
    .toEqual([[carol.user, 'Established', false], [heldNumber, 'Established', true]].sort());
  await expect(alice.page.getByText(`Consulting ${carol.user}`)).toBeVisible();
  await expect(alice.page.getByRole('button', { name: 'Complete transfer' })).toBeEnabled();
}

test.describe('transfers made by this phone', () => {
  test('blind: A transfers B to C; each step is reported, B and C talk, A is free', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const bob = await ourPhone(browser, 'Bob Durand');
      const carol = await ourPhone(browser, 'Carol Petit');
      await answeredCall(alice, bob);
      await recordTransferSteps(alice.page);

      await openTransfer(alice, carol.user);
      await alice.page.getByRole('button', { name: 'Transfer now' }).click();
      await expect(carol.page.getByRole('alertdialog')).toContainText('Bob Durand');
      await expect(alice.page.getByText(`Transferring… ${carol.user} is ringing`)).toBeVisible();
      await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();

      await expectNoCall(alice);
      // A dialled B's number: that is the name A knows B by.
      await expect(alice.page.getByText(`You transferred ${bob.user}`)).toBeVisible();
      const steps = await transferSteps(alice.page);
      expect(steps[0]).toBe('requested');
      expect(steps).toContain('ringing');
      expect(steps.filter((s) => s !== 'none').at(-1)).toBe('succeeded');
      await expectOnlyCallWith(bob, carol.user);
      await expectOnlyCallWith(carol, bob.user);
      await expectTalking(bob, carol);
    });
  });

  test('blind to a number nobody has: A is told why and keeps the call; B resumes and they talk', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const bob = await ourPhone(browser, 'Bob Durand');
      await answeredCall(alice, bob);
      const nobody = freshUser();

      await openTransfer(alice, nobody);
      await alice.page.getByRole('button', { name: 'Transfer now' }).click();
      await expect(alice.page.getByRole('status').filter({ hasText: `Transfer failed: not found (404). You are still on the call with ${bob.user}.` })).toBeVisible();
      await expectOnlyCallWith(alice, bob.user);
      // B held us while it tried the target, and tells its user so: Resume brings the talk back.
      await expect(bob.page.getByText(`The transfer to ${nobody} failed`)).toBeVisible();
      await bob.page.getByRole('button', { name: 'Resume' }).click();
      await expectOnlyCallWith(bob, alice.user);
      await expectTalking(alice, bob);
      await alice.page.getByRole('button', { name: 'Dismiss', exact: true }).click();
      await expect(alice.page.getByText('Transfer failed')).toHaveCount(0);
    });
  });

  test('attended: A consults C with B held, completes; C sees one call, now with B; B and C talk, A is free', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const bob = await ourPhone(browser, 'Bob Durand');
      const carol = await ourPhone(browser, 'Carol Petit');
      await answeredCall(alice, bob);
      await consult(alice, carol, bob.user);
      await recordTransferSteps(alice.page);
      // C never rings for the replacing call: count what its page shows from here on.
      await carol.page.evaluate(() => {
        const w = window as unknown as { __maxCalls: number; __softphone: { sessions(): unknown[]; phone: { on(e: string, h: () => void): void } } };
        w.__maxCalls = 0;
        w.__softphone.phone.on('onSessionChanged', () => {
          w.__maxCalls = Math.max(w.__maxCalls, w.__softphone.sessions().length);
        });
      });

      await alice.page.getByRole('button', { name: 'Complete transfer' }).click();

      await expectNoCall(alice);
      expect((await transferSteps(alice.page)).filter((s) => s !== 'none').at(-1)).toBe('succeeded');
      await expectOnlyCallWith(carol, bob.user);
      await expectOnlyCallWith(bob, carol.user);
      await expect(carol.page.getByRole('alertdialog')).toHaveCount(0);
      expect(await carol.page.evaluate(() => (window as unknown as { __maxCalls: number }).__maxCalls)).toBeLessThanOrEqual(2);
      await expect(carol.page.getByRole('button', { name: 'Hang up' })).toHaveCount(1);
      await expectTalking(bob, carol);
      await expect.poll(async () => (await liveCaptureTracks(carol.page)).live).toBe(1);

      await bob.page.getByRole('button', { name: 'Hang up' }).click();
      await expectNoCall(carol);
      await expectNoCall(bob);
    });
  });

  test('attended, cancelled: the consultation ends, B stays held until A resumes it, then they talk', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const bob = await ourPhone(browser, 'Bob Durand');
      const carol = await ourPhone(browser, 'Carol Petit');
      await answeredCall(alice, bob);
      await consult(alice, carol, bob.user);

      await alice.page.getByRole('button', { name: 'Cancel transfer' }).click();
      await expectNoCall(carol);
      await expect
        .poll(async () => (await sessions(alice.page)).map((s) => [s.number, s.sipStatus, s.paused]))
        .toEqual([[bob.user, 'Established', true]]);
      await expect(alice.page.getByRole('button', { name: 'Complete transfer' })).toHaveCount(0);

      await alice.page.getByRole('button', { name: 'Resume' }).click();
      await expectOnlyCallWith(alice, bob.user);
      await expectTalking(alice, bob);
    });
  });

  test('JsSIP as B, blind: JsSIP follows our REFER to C, reports 200, A hangs up; JsSIP and C talk', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const carol = await ourPhone(browser, 'Carol Petit');
      const bob = await openJsSipPhone(browser, { displayName: 'Bob JsSIP', acceptRefers: true });
      await callJsSip(alice, bob);

      await openTransfer(alice, carol.user);
      await alice.page.getByRole('button', { name: 'Transfer now' }).click();
      const refer = await bob.waitForEvent('referReceived');
      expect(refer.target).toBe(`<sip:${carol.user}@${process.env.SOFTPHONE_SIP_DOMAIN}>`);
      await expect(carol.page.getByRole('alertdialog')).toContainText('Bob JsSIP');
      await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();

      await expectNoCall(alice);
      await bob.waitForEvent('ended', { session: 0, originator: 'remote' });
      await expectOnlyCallWith(carol, bob.user);
      await expectRising(carol.page, 'audio', 'bytesReceived');
      await expectRising(carol.page, 'audio', 'totalAudioEnergy');
      await expectJsSipAudioFlowing(bob);
    });
  });

  test('JsSIP as B, attended: JsSIP sends our Replaces on to C, which takes it over; A is free, JsSIP and C talk', async () => {
    await withBrowser(async (browser) => {
      const alice = await ourPhone(browser, 'Alice Martin');
      const carol = await ourPhone(browser, 'Carol Petit');
      const bob = await openJsSipPhone(browser, { displayName: 'Bob JsSIP', acceptRefers: true });
      await callJsSip(alice, bob);
      await consult(alice, carol, bob.user);

      await alice.page.getByRole('button', { name: 'Complete transfer' }).click();
      const refer = await bob.waitForEvent('referReceived');
      expect(refer.target).toMatch(new RegExp(`^<sip:${carol.user}@[^?]+\\?Replaces=[^>]+%3Bto-tag%3D[^>]+%3Bfrom-tag%3D[^>]+>$`));

      await expectNoCall(alice);
      await bob.waitForEvent('ended', { session: 0, originator: 'remote' });
      await expectOnlyCallWith(carol, bob.user);
      await expect(carol.page.getByRole('alertdialog')).toHaveCount(0);
      await expectRising(carol.page, 'audio', 'bytesReceived');
      await expectRising(carol.page, 'audio', 'totalAudioEnergy');
      await expectJsSipAudioFlowing(bob);
    });
  });
});
