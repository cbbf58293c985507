import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { openJsSipPhone } from './support/jssip-phone';
import { answeredCall, openPhone, register, sessions, waitForCallStatus, withRegisteredPhones } from './support/phone-page';

// The far end puts the call on hold: its re-INVITE makes our side receive-only (sendonly offer,
// JsSIP) or inactive (our own phone). The user is told in words, "Held by …", and it goes when
// the far end takes the call back; our own Hold/Resume is untouched.

test('our other phone holds the call: "Held by Alice Martin", gone on Resume', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand'], async ([alice, bob]) => {
    await answeredCall(alice, bob);
    const heldBy = bob.page.getByText('Held by Alice Martin');
    await expect(heldBy).toHaveCount(0);

    await alice.page.getByRole('button', { name: 'Hold' }).click();
    await expect(heldBy).toBeVisible();
    expect((await sessions(bob.page))[0]).toMatchObject({ remotelyHeld: true, paused: false });
    // Bob did not hold anything himself: his own button still offers Hold.
    await expect(bob.page.getByRole('button', { name: 'Hold' })).toBeVisible();

    await alice.page.getByRole('button', { name: 'Resume' }).click();
    await expect(heldBy).toHaveCount(0);
    await expect.poll(async () => (await sessions(bob.page))[0]?.remotelyHeld).toBe(false);
  });
});

test('a JsSIP far end holds the call (sendonly): "Held by Jane JsSIP", gone on unhold', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice' });
    await register(alice);
    const jane = await openJsSipPhone(browser, { displayName: 'Jane JsSIP' });
    await jane.call(alice.user);
    await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(alice.page, 'Established');
    await jane.waitForEvent('confirmed');

    await jane.hold();
    await expect(alice.page.getByText('Held by Jane JsSIP')).toBeVisible();
    await expect(alice.page.getByText('Connected', { exact: true })).toBeVisible();

    // JsSIP takes no new re-INVITE before its hold is acknowledged: ask until it agrees.
    await expect.poll(() => jane.unhold().then(() => true, () => false), { message: 'JsSIP resumed the call' }).toBe(true);
    await expect(alice.page.getByText('Held by Jane JsSIP')).toHaveCount(0);
    expect((await sessions(alice.page))[0]).toMatchObject({ remotelyHeld: false, paused: false });
  } finally {
    await browser.close();
  }
});
