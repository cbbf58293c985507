import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from './support/browser';
import { expectRising } from './support/media-stats';
import { answeredCall, dial, env, openPhone, register, sessions, waitForCallStatus, type TestPhone } from './support/phone-page';

// The call history through the UI, with real phones: each call lands in the list with its
// direction and outcome, the list survives a reload (IndexedDB), and a call cut off by the page
// closing is still listed.

function historyTab(page: Page) {
  return page.getByRole('navigation').getByRole('button', { name: /^History/ });
}

async function openHistory(page: Page) {
  await historyTab(page).click();
  const region = page.getByRole('region', { name: 'Call history' });
  await expect(region).toBeVisible();
  return region;
}

/** The history row of the call with `who` (a name or a number) that reads `text`. */
function row(page: Page, who: string, text: RegExp) {
  return page.getByRole('region', { name: 'Call history' }).getByRole('listitem').filter({ hasText: who }).filter({ hasText: text });
}

async function toggleDoNotDisturb(phone: TestPhone, on: boolean): Promise<void> {
  const toggle = phone.page.getByRole('button', { name: 'Do not disturb' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', String(on));
}

test('answered, declined, missed and do-not-disturb calls are listed, and still are after a reload; search, Missed and call back work', async () => {
  test.setTimeout(150_000);
  const browser = await launchChromium();
  try {
    const me = await openPhone(browser, { displayName: 'Bob Durand' });
    const alice = await openPhone(browser, { displayName: 'Alice Martin' });
    const carol = await openPhone(browser, { displayName: 'Carol Petit' });
    for (const phone of [me, alice, carol]) await register(phone);

    // 1. Outgoing, answered: media flows, then I hang up.
    await answeredCall(me, alice);
    await expectRising(me.page, 'audio', 'bytesReceived');
    await me.page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => sessions(me.page)).toEqual([]);

    // 2. Incoming, declined by me.
    await dial(carol, me.user);
    await me.page.getByRole('button', { name: 'Decline' }).click();
    await expect(carol.page.getByText('Call declined')).toBeVisible();

    // 3. Incoming, missed: Alice gives up while it rings.
    await dial(alice, me.user);
    await expect(me.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(me.page.getByText('Missed call from Alice Martin')).toBeVisible();

    // 4. Incoming, refused by do-not-disturb (486): Carol hears busy.
    await toggleDoNotDisturb(me, true);
    await dial(carol, me.user);
    await expect(carol.page.getByText('Busy', { exact: true })).toBeVisible();
    await toggleDoNotDisturb(me, false);

    // Two missed calls are news until the list is seen.
    await expect(historyTab(me.page)).toHaveAccessibleName(/2 missed calls/);
    await openHistory(me.page);
    await expect(historyTab(me.page)).toHaveAccessibleName('History');

    const expectRows = async () => {
      await expect(row(me.page, alice.user, /Outgoing.*Answered/)).toHaveCount(1);
      await expect(row(me.page, 'Carol Petit', /Incoming.*Declined/)).toHaveCount(1);
      await expect(row(me.page, 'Alice Martin', /Incoming.*Missed/)).toHaveCount(1);
      await expect(row(me.page, 'Carol Petit', /Incoming.*Missed \(do not disturb\)/)).toHaveCount(1);
      await expect(me.page.getByRole('region', { name: 'Call history' }).getByRole('listitem')).toHaveCount(4);
    };
    await expectRows();
    // The answered call shows how long it lasted.
    await expect(row(me.page, alice.user, /Answered/).locator('.duration')).toHaveText(/^\d\d:\d\d$/);

    // A reload keeps every row (and the missed calls stay seen).
    await me.page.reload();
    await openHistory(me.page);
    await expectRows();
    await expect(historyTab(me.page)).toHaveAccessibleName('History');

    // Search by name, then by number.
    const search = me.page.getByRole('searchbox', { name: 'Search by name or number' });
    await search.fill('carol');
    await expect(me.page.getByRole('region', { name: 'Call history' }).getByRole('listitem')).toHaveCount(2);
    // Alice's number: the call I made to her and the one she gave up.
    await search.fill(alice.user);
    await expect(me.page.getByRole('region', { name: 'Call history' }).getByRole('listitem')).toHaveCount(2);
    await expect(me.page.getByRole('region', { name: 'Call history' }).getByRole('listitem').filter({ hasText: 'Carol' })).toHaveCount(0);
    await search.fill('');

    // Missed: the call Alice gave up and the one refused by do-not-disturb.
    await me.page.getByRole('button', { name: 'Missed', exact: true }).click();
    await expect(me.page.getByRole('button', { name: 'Missed', exact: true })).toHaveAttribute('aria-pressed', 'true');
    const listed = me.page.getByRole('region', { name: 'Call history' }).getByRole('listitem');
    await expect(listed).toHaveCount(2);
    await expect(listed.filter({ hasText: 'Alice Martin' })).toHaveCount(1);
    await expect(listed.filter({ hasText: 'Carol Petit' })).toHaveCount(1);
    await me.page.getByRole('button', { name: 'All', exact: true }).click();

    // Call back, one click: the line is signed in again after the reload (the web tab keeps no password).
    await me.page.getByRole('navigation').getByRole('button', { name: 'Phone' }).click();
    await register(me);
    await openHistory(me.page);
    await me.page.getByRole('button', { name: 'Call back Alice Martin' }).click();
    await expect(alice.page.getByRole('alertdialog')).toContainText('Bob Durand');
    await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(me.page, 'Established');
    expect((await sessions(me.page)).map((call) => [call.isCaller, call.number])).toEqual([[true, alice.user]]);
    await expectRising(alice.page, 'audio', 'bytesReceived');
    await openHistory(me.page);
    await expect(row(me.page, alice.user, /Outgoing.*In progress/)).toHaveCount(1);
  } finally {
    await browser.close();
  }
});

test('a call in progress when the page closes is listed as interrupted when it opens again', async () => {
  test.setTimeout(90_000);
  const browser = await launchChromium();
  try {
    const me = await openPhone(browser, { displayName: 'Bob Durand' });
    const alice = await openPhone(browser, { displayName: 'Alice Martin' });
    await register(me);
    await register(alice);
    await answeredCall(alice, me);
    await expectRising(me.page, 'audio', 'bytesReceived');
    // Long enough for a row to carry a known duration (the row is rewritten every 15 s).
    await me.page.waitForTimeout(16_000);

    // Closed mid-call, no hang-up: then the same origin opens again in the same profile.
    await me.page.close();
    const page = await me.context.newPage();
    await page.goto(env('SOFTPHONE_WEB_URL'));
    await openHistory(page);
    const cut = row(page, 'Alice Martin', /Incoming.*Interrupted/);
    await expect(cut).toHaveCount(1);
    await expect(cut.locator('.duration')).toHaveText(/^00:1\d$/);
    // Nothing else was made up.
    await expect(page.getByRole('region', { name: 'Call history' }).getByRole('listitem')).toHaveCount(1);
  } finally {
    await browser.close();
  }
});
