import { expect, test } from '@playwright/test';
import { expectNotRising, expectRising } from './support/media-stats';
import { answeredCall, dial, sessions, withRegisteredPhones, type TestPhone } from './support/phone-page';

// Exactly one call may be un-held: whichever way the user swaps, one party hears them.

async function unheld(phone: TestPhone): Promise<string[]> {
  return (await sessions(phone.page)).filter((s) => s.sipStatus === 'Established' && !s.paused).map((s) => s.number);
}

test('swapping calls: Resume on the held call holds the other one, and only one party hears the user', async () => {
  await withRegisteredPhones(['Alice', 'Bob', 'Carol'], async ([alice, bob, carol]) => {
    await answeredCall(alice, bob);
    await dial(carol, alice.user);
    await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(() => unheld(alice)).toEqual([carol.user]);

    // Bob's call is the one with a Resume button: the swap.
    await alice.page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => unheld(alice)).toEqual([bob.user]);
    await expect.poll(async () => (await sessions(alice.page)).filter((s) => s.paused).map((s) => s.number)).toEqual([carol.user]);
    await expectRising(bob.page, 'audio', 'bytesReceived', { settleMs: 300 });
    await expectNotRising(carol.page, 'audio', 'bytesReceived', { settleMs: 500 });

    // And back again.
    await alice.page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => unheld(alice)).toEqual([carol.user]);
    await expectRising(carol.page, 'audio', 'bytesReceived', { settleMs: 300 });
    await expectNotRising(bob.page, 'audio', 'bytesReceived', { settleMs: 500 });
  });
});
