import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { answeredAfterEveryLoss, nthCallEnd, recordCallEnds, type CallEnd } from './support/call-ends';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { dial, openPhone, register, sessions, waitForCallStatus, type TestPhone } from './support/phone-page';

// The caller gives up at the very moment the callee answers. Whoever wins, no microphone may
// stay open once the call is gone, and the phone must take its next call: an answer the CANCEL
// beat once left the phone unable to answer or dial again (its WebRTC steps never settled on
// the closed connection, and every later answer queued behind them). Bob's microphone takes a
// quarter of a second to open (as a real headset often does), so a hang-up that comes after
// the answer (a BYE then) lands while it is still opening.

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
    await recordCallEnds(bob.page);
    const outcomes: CallEnd[] = [];
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
      outcomes.push(await nthCallEnd(bob.page, round + 1));
    }
    const opened = (await liveCaptureTracks(bob.page)).opened;
    const answered = outcomes.filter((outcome) => outcome === 'answered').length;
    console.log(`answer/cancel race: ${ROUNDS} rounds, the answer won ${answered} times, the CANCEL ${ROUNDS - answered}; Bob opened ${opened} capture tracks, none left live`);
    // A hang-up 300 ms after the Answer comes long after the 200 OK: those rounds are answered.
    expect(answered).toBeGreaterThan(0);
    // Every round after a lost race was a new chance to answer: one of them was taken.
    expect(answeredAfterEveryLoss(outcomes), outcomes.join(' ')).toBe(true);
    expect(opened).toBeGreaterThan(0);
    // And Bob still answers a call, and places one.
    await dial(alice, bob.user);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    expect((await waitForCallStatus(bob.page, 'Established')).isCaller).toBe(false);
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await noCallAndNoLiveTrack(bob);
    await noCallAndNoLiveTrack(alice);
    await dial(bob, alice.user);
    await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();
    expect((await waitForCallStatus(bob.page, 'Established')).isCaller).toBe(true);
    await bob.page.getByRole('button', { name: 'Hang up' }).click();
    await noCallAndNoLiveTrack(bob);
  } finally {
    await browser.close();
  }
});
