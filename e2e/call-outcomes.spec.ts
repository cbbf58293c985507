import { expect, test } from '@playwright/test';
import { expectNotRising, expectRising } from './support/media-stats';
import { answeredCall, dial, freshUser, openPreferences, sessions, withRegisteredPhones } from './support/phone-page';

test.describe('call outcomes', () => {
  test('B declines: A is told the call was declined (603)', async () => {
    await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
      await dial(alice, bob.user);
      await bob.page.getByRole('button', { name: 'Decline' }).click();

      await expect(alice.page.getByText('Call declined')).toBeVisible();
      await expect(alice.page.getByText(/603/)).toBeVisible();
      await expect(bob.page.getByText('You declined the call from Alice')).toBeVisible();
      await expect.poll(() => sessions(alice.page)).toEqual([]);
      await expect.poll(() => sessions(bob.page)).toEqual([]);
    });
  });

  test('B is on do-not-disturb: A is told B is busy (486)', async () => {
    await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
      const preferences = await openPreferences(bob.page);
      await preferences.getByLabel('Do not disturb').check();
      await preferences.getByRole('button', { name: 'Save preferences' }).click();

      await dial(alice, bob.user);
      await expect(alice.page.getByText('Busy', { exact: true })).toBeVisible();
      await expect(alice.page.getByText(/486/)).toBeVisible();
      await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0);
    });
  });

  test('answering a second call puts the first on hold', async () => {
    await withRegisteredPhones(['Alice', 'Bob', 'Carol'], async ([alice, bob, carol]) => {
      await answeredCall(alice, bob);
      await dial(carol, alice.user);
      await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();

      await expect.poll(async () => (await sessions(alice.page)).map((s) => [s.number, s.paused]).sort()).toEqual(
        [[bob.user, true], [carol.user, false]].sort(),
      );
      // Bob no longer hears Alice; Carol does.
      await expectNotRising(bob.page, 'audio', 'bytesReceived', { settleMs: 500 });
      await expectRising(carol.page, 'audio', 'bytesReceived');
    });
  });

  test('calling nobody: A is told the number was not found (404)', async () => {
    await withRegisteredPhones(['Alice'], async ([alice]) => {
      await dial(alice, freshUser());
      await expect(alice.page.getByText('Not found', { exact: true })).toBeVisible();
      await expect(alice.page.getByText(/404/)).toBeVisible();
    });
  });

  test('A cancels before B answers: B is shown a missed call', async () => {
    await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
      await dial(alice, bob.user);
      await expect(bob.page.getByRole('button', { name: 'Answer' })).toBeVisible();
      await alice.page.getByRole('button', { name: 'Hang up' }).click();

      await expect(bob.page.getByText('Missed call from Alice')).toBeVisible();
      await expect(bob.page.getByRole('button', { name: 'Answer' })).toHaveCount(0);
      await expect(alice.page.getByText('Call cancelled')).toBeVisible();
    });
  });

  test('a malformed dial string is explained and nothing is dialled', async () => {
    await withRegisteredPhones(['Alice'], async ([alice]) => {
      await dial(alice, '10<01>');
      await expect(alice.page.getByText(/characters an address cannot hold/)).toBeVisible();
      expect(await sessions(alice.page)).toEqual([]);
    });
  });
});
