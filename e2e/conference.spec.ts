// A three-way conference mixed on this phone (issue 9): A talks to B and C, merges the calls,
// and each far end hears the other and A. Every phone's microphone plays a sine of its own
// (tone-microphone.ts), so what B receives is traced to its speaker: C's frequency in B's
// incoming audio can only have come through A's mixer. Figures are printed as "[conference]" lines.

import { expect, test, type Browser, type Page } from '@playwright/test';
import { audioGraphCensus, instrumentAudioGraph } from './support/audio-graph-census';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { openJsSipPhone } from './support/jssip-phone';
import { expectRising } from './support/media-stats';
import { answeredCall, dial, openPhone, register, sessions, type TestPhone } from './support/phone-page';
import { launchWithTone } from './support/tone-microphone';
import { HEARD_DBFS, receivedToneLevels } from './support/tone-probe';

const A_HZ = 500;
const B_HZ = 820;
const C_HZ = 1230;
const ALL = [A_HZ, B_HZ, C_HZ];

function report(text: string): void {
  console.log(`[conference] ${text}`);
}

interface Bed {
  a: TestPhone;
  b: TestPhone;
  c: TestPhone;
  browsers: Browser[];
}

/** Three browsers, each with its own microphone tone; A counts its capture tracks and Web Audio. */
async function withThreePhones(body: (bed: Bed) => Promise<void>): Promise<void> {
  const browsers = await Promise.all([launchWithTone(A_HZ), launchWithTone(B_HZ), launchWithTone(C_HZ)]);
  try {
    const a = await openPhone(browsers[0]!, {
      displayName: 'Alice',
      beforeLoad: async (context) => {
        await instrumentCaptureTracks(context);
        await instrumentAudioGraph(context);
      },
    });
    const b = await openPhone(browsers[1]!, { displayName: 'Bob' });
    const c = await openPhone(browsers[2]!, { displayName: 'Carol' });
    for (const phone of [a, b, c]) await register(phone);
    await body({ a, b, c, browsers });
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
  }
}

/** A talks to B (held) and C (live), both answered through the UI. */
async function twoCalls({ a, b, c }: Bed): Promise<void> {
  await answeredCall(a, b);
  await dial(a, c.user);
  await c.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect.poll(async () => (await sessions(a.page)).map((s) => `${s.number}:${s.sipStatus}:${s.paused ? 'held' : 'live'}`).sort()).toEqual(
    [`${b.user}:Established:held`, `${c.user}:Established:live`].sort(),
  );
}

async function merge(a: TestPhone): Promise<void> {
  await a.page.getByRole('button', { name: 'Merge calls' }).click();
  await expect.poll(async () => (await sessions(a.page)).map((s) => `${s.conference}:${s.paused}`)).toEqual(['true:false', 'true:false']);
  await expect(a.page.getByRole('heading', { name: /^Conference with / })).toBeVisible();
}

/** Polls until `page` hears exactly `expected` among the three tones. */
async function expectHears(page: Page, who: string, expected: number[]): Promise<void> {
  let last: Record<number, number> = {};
  await expect
    .poll(
      async () => {
        const levels = await receivedToneLevels(page, ALL);
        last = levels.peakDb;
        return ALL.filter((frequency) => (last[frequency] ?? -200) >= HEARD_DBFS);
      },
      { message: `${who} hears ${expected.join(', ')} Hz`, timeout: 15_000, intervals: [200] },
    )
    .toEqual(expected);
  report(`${who} hears ${expected.join(' + ')} Hz; peak dBFS: ${ALL.map((f) => `${f}:${last[f]}`).join(' ')}`);
}

/** The audio each of A's open calls sends is one of A's own microphone tracks (not a mix). */
function sendersCarryMicrophone(page: Page): Promise<boolean[]> {
  return page.evaluate(() => {
    const captured = new Set(window.__captureTracks ?? []);
    return (window.__peerConnections ?? [])
      .filter((connection) => connection.connectionState !== 'closed')
      .flatMap((connection) => connection.getSenders().filter((sender) => sender.track?.kind === 'audio'))
      .map((sender) => captured.has(sender.track!));
  });
}

test('merge: B hears C and A, C hears B and A, nobody hears themselves; mute silences only A; split gives two calls back', async () => {
  test.setTimeout(120_000);
  await withThreePhones(async (bed) => {
    const { a, b, c } = bed;
    await twoCalls(bed);
    const before = await audioGraphCensus(a.page);
    await merge(a);
    expect(await audioGraphCensus(a.page)).toEqual({ openContexts: before.openContexts + 1, liveMixedTracks: 2 });

    await expectHears(b.page, 'B', [A_HZ, C_HZ]);
    await expectHears(c.page, 'C', [A_HZ, B_HZ]);
    await expectRising(b.page, 'audio', 'totalAudioEnergy');
    await expectRising(c.page, 'audio', 'totalAudioEnergy');

    // Mute applies to the conference: A's voice leaves neither leg, B and C still hear each other.
    await a.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await expect.poll(async () => (await sessions(a.page)).map((s) => s.muted)).toEqual([true, true]);
    await expectHears(b.page, 'B (A muted)', [C_HZ]);
    await expectHears(c.page, 'C (A muted)', [B_HZ]);
    await a.page.getByRole('button', { name: 'Unmute', exact: true }).click();
    await expectHears(b.page, 'B (A unmuted)', [A_HZ, C_HZ]);

    // Split: two calls again, one held; the mixer is gone and each call sends A's microphone.
    await a.page.getByRole('button', { name: 'Split conference' }).click();
    await expect.poll(async () => (await sessions(a.page)).map((s) => `${s.number}:${s.conference}:${s.paused}`)).toEqual([
      `${b.user}:false:false`,
      `${c.user}:false:true`,
    ]);
    expect(await audioGraphCensus(a.page)).toEqual(before);
    expect(await sendersCarryMicrophone(a.page)).toEqual([true, true]);
    await expectHears(b.page, 'B (split, talking to A)', [A_HZ]);
    report(`Web Audio at A: ${before.openContexts} context(s) before the merge, ${before.openContexts + 1} during, ${before.openContexts} after the split; mixed tracks live after: 0`);
  });
});

test('when C hangs up the conference collapses to a call with B on A\'s own microphone; End conference hangs up both', async () => {
  test.setTimeout(120_000);
  await withThreePhones(async (bed) => {
    const { a, b, c } = bed;
    await twoCalls(bed);
    const before = await audioGraphCensus(a.page);
    await merge(a);
    await expectHears(b.page, 'B', [A_HZ, C_HZ]);

    await c.page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await sessions(a.page)).map((s) => `${s.number}:${s.conference}:${s.paused}`)).toEqual([`${b.user}:false:false`]);
    await expect(a.page.getByRole('heading', { name: /^Conference with / })).toHaveCount(0);
    expect(await audioGraphCensus(a.page)).toEqual(before);
    expect(await sendersCarryMicrophone(a.page)).toEqual([true]);
    await expectHears(b.page, 'B (after C left)', [A_HZ]);
    report(`collapse: open AudioContexts at A ${before.openContexts} (as before the merge), mixed tracks live 0, B's sender carries A's microphone`);

    // A new party, a new conference, and this time A ends it for everyone.
    await dial(a, c.user);
    await c.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(async () => (await sessions(a.page)).filter((s) => s.sipStatus === 'Established').length).toBe(2);
    await merge(a);
    await a.page.getByRole('button', { name: 'End conference' }).click();
    await expect.poll(async () => (await sessions(a.page)).length).toBe(0);
    await expect.poll(async () => (await sessions(b.page)).length).toBe(0);
    await expect.poll(async () => (await sessions(c.page)).length).toBe(0);
    expect(await audioGraphCensus(a.page)).toEqual(before);
    await expect.poll(async () => (await liveCaptureTracks(a.page)).live).toBe(0);
    report(`end: every call over, live capture tracks at A 0, open AudioContexts ${before.openContexts}, mixed tracks live 0`);
  });
});

test('one leg to JsSIP: the mix crosses an independent stack both ways', async () => {
  test.setTimeout(120_000);
  const browsers = await Promise.all([launchWithTone(A_HZ), launchWithTone(B_HZ), launchWithTone(C_HZ)]);
  try {
    const a = await openPhone(browsers[0]!, { displayName: 'Alice' });
    const b = await openPhone(browsers[1]!, { displayName: 'Bob' });
    for (const phone of [a, b]) await register(phone);
    const j = await openJsSipPhone(browsers[2]!, { displayName: 'Jay' });
    await answeredCall(a, b);
    await dial(a, j.user);
    await j.waitForEvent('incoming');
    await j.answer();
    await expect.poll(async () => (await sessions(a.page)).filter((s) => s.sipStatus === 'Established').length).toBe(2);
    await merge(a);
    await expectHears(j.page, 'JsSIP', [A_HZ, B_HZ]);
    await expectHears(b.page, 'B (with JsSIP)', [A_HZ, C_HZ]);
    await j.hangup();
    await expect.poll(async () => (await sessions(a.page)).map((s) => `${s.number}:${s.conference}`)).toEqual([`${b.user}:false`]);
    await j.close();
  } finally {
    await Promise.all(browsers.map((browser) => browser.close()));
  }
});

test('A leaves and connects the two others: B and C then hear each other (not A), A has no call and no live microphone', async () => {
  test.setTimeout(120_000);
  await withThreePhones(async (bed) => {
    const { a, b, c } = bed;
    await twoCalls(bed);
    const before = await audioGraphCensus(a.page);
    await merge(a);
    await expectHears(c.page, 'C (in the conference)', [A_HZ, B_HZ]);

    // An attended transfer of B to A's call with C: B's INVITE with Replaces takes C's call over.
    await a.page.getByRole('button', { name: 'Leave and connect them' }).click();
    await expect.poll(async () => (await sessions(a.page)).length, { message: 'A has no call left' }).toBe(0);
    await expect.poll(async () => (await sessions(b.page)).map((s) => s.sipStatus)).toEqual(['Established']);
    await expect.poll(async () => (await sessions(c.page)).map((s) => s.sipStatus)).toEqual(['Established']);
    await expectHears(b.page, 'B (connected to C)', [C_HZ]);
    await expectHears(c.page, 'C (connected to B)', [B_HZ]);
    await expectRising(b.page, 'audio', 'totalAudioEnergy');
    expect(await audioGraphCensus(a.page)).toEqual(before);
    await expect.poll(async () => (await liveCaptureTracks(a.page)).live).toBe(0);
    report(`leave: A free (0 calls, 0 live capture tracks, ${before.openContexts} AudioContexts as before), B and C hear each other`);
  });
});
