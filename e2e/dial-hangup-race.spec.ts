import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { expectRising } from './support/media-stats';
import { dial, openPhone, register, sessions, waitForCallStatus, type TestPhone } from './support/phone-page';

// The caller's side of the answer/cancel race: Hang up pressed at any moment of a call's
// set-up (before its INVITE left, while its microphone opens, while it rings). Whatever the
// moment, no call and no microphone are left on either side, and the phone places its next
// call: a set-up step left waiting on the closed connection would hold every later dial.

const ROUNDS = 20;
const MICROPHONE_OPENS_IN_MS = 250;

async function nothingLeft(phone: TestPhone): Promise<void> {
  await expect.poll(async () => (await sessions(phone.page)).length, { message: `${phone.displayName} has no call left` }).toBe(0);
  await expect
    .poll(async () => (await liveCaptureTracks(phone.page)).kinds, { message: `${phone.displayName} has no live capture track` })
    .toEqual([]);
}

test(`Hang up pressed at any moment of a call's set-up, ${ROUNDS} times: nothing left, and the next call connects`, async () => {
  test.setTimeout(120_000);
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, {
      displayName: 'Alice',
      beforeLoad: (context) => instrumentCaptureTracks(context, { getUserMediaDelayMs: MICROPHONE_OPENS_IN_MS }),
    });
    const bob = await openPhone(browser, { displayName: 'Bob', beforeLoad: (context) => instrumentCaptureTracks(context) });
    await register(alice);
    await register(bob);
    for (let round = 0; round < ROUNDS; round++) {
      const hangUpAfterMs = (round * 37) % (MICROPHONE_OPENS_IN_MS + 50);
      await dial(alice, bob.user);
      await alice.page.waitForTimeout(hangUpAfterMs);
      await alice.page.getByRole('button', { name: 'Hang up' }).click({ timeout: 10_000 });
      await nothingLeft(alice);
      await nothingLeft(bob);
    }
    // The phone still places calls: this one is answered and carries audio both ways.
    await dial(alice, bob.user);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(alice.page, 'Established');
    await expectRising(alice.page, 'audio', 'bytesReceived');
    await expectRising(bob.page, 'audio', 'bytesReceived');
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await nothingLeft(alice);
    await nothingLeft(bob);
    expect((await liveCaptureTracks(alice.page)).opened).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});
