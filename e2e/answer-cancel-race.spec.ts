import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { dial, openPhone, register, sessions, type TestPhone } from './support/phone-page';

// The caller gives up at the very moment the callee answers. Whoever wins, no microphone may
// stay open once the call is gone. Bob's microphone takes a quarter of a second to open (as a
// real headset often does), so the CANCEL lands while his Answer waits for it.

const ROUNDS = 30;
const MICROPHONE_OPENS_IN_MS = 250;

async function noCallAndNoLiveTrack(phone: TestPhone): Promise<void> {
  await expect.poll(async () => (await sessions(phone.page)).length, { message: `${phone.displayName} has no call left` }).toBe(0);
  await expect
    .poll(async () => (await liveCaptureTracks(phone.page)).kinds, { message: `${phone.displayName} has no live capture track` })
    .toEqual([]);
}

test(`CANCEL racing Answer ${ROUNDS} times in a row leaves no call and no live microphone`, async () => {
  test.setTimeout(180_000);
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice', beforeLoad: (context) => instrumentCaptureTracks(context) });
    const bob = await openPhone(browser, {
      displayName: 'Bob',
      beforeLoad: (context) => instrumentCaptureTracks(context, { getUserMediaDelayMs: MICROPHONE_OPENS_IN_MS }),
    });
    await register(alice);
    await register(bob);
    let answeredFirst = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await dial(alice, bob.user);
      const answer = bob.page.getByRole('button', { name: 'Answer', exact: true });
      await answer.waitFor({ timeout: 10_000 });
      // Spread the CANCEL over the whole time the answer is in progress, and a little beyond.
      const cancelAfterMs = (round * 97) % (MICROPHONE_OPENS_IN_MS + 100);
      await Promise.all([
        // The CANCEL may win outright and take the button away: then there is nothing to click.
        answer.click({ timeout: 2_000 }).catch(() => undefined),
        (async () => {
          await alice.page.waitForTimeout(cancelAfterMs);
          await alice.page.getByRole('button', { name: 'Hang up' }).click({ timeout: 10_000 });
        })(),
      ]);
      await noCallAndNoLiveTrack(bob);
      await noCallAndNoLiveTrack(alice);
      if ((await bob.page.getByText(/missed/i).count()) === 0) answeredFirst += 1;
    }
    const opened = (await liveCaptureTracks(bob.page)).opened;
    console.log(`answer/cancel race: ${ROUNDS} rounds, Bob opened ${opened} capture tracks, none left live; the answer won about ${answeredFirst} times`);
    expect(opened).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});
