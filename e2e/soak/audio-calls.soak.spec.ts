import { writeFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from '../support/browser';
import { expectRising } from '../support/media-stats';
import { env, freshUser, register, sessions, type TestPhone } from '../support/phone-page';
import {
  formatResources,
  instrumentPageResources,
  liveMedia,
  openMetrics,
  readPageResources,
  writeHeapSnapshot,
  type PageResources,
} from './page-resources';

// Many audio calls in one pair of pages, the way a phone left open all day is used: whatever a
// call leaves behind (a detached <audio> still holding its stream, a listener, an ended call
// kept for ever) shows up as growth per call. Answer and hang-up go through the UI.

const WARM_UP_CALLS = 5;
const CALLS = Number(process.env.SOAK_CALLS ?? 200);
/** Every this many calls, check that audio really flows both ways. */
const MEDIA_CHECK_EVERY = 40;
// After the garbage collector ran, a page that leaks nothing is back within a few nodes of the
// baseline; the leak this guards against was +315 nodes and +6 listeners per call.
const NODE_TOLERANCE = 50;
const LISTENER_TOLERANCE = 10;
/** Timer L/M (64 x T1) plus a margin: see the final reading below. */
const SIP_TRANSACTION_LINGER_MS = 34_000;
/**
 * JS heap includes compiled code, which keeps growing while the JIT warms up (measured here:
 * about 6 KB per call over 200 calls, nearly all of it code): allow 12 KB per call. The leak
 * this guards against was 29 KB per call, on top of that.
 */
const HEAP_TOLERANCE_BYTES = 12 * 1024 * CALLS;

async function openSoakPhone(browser: Awaited<ReturnType<typeof launchChromium>>, displayName: string): Promise<TestPhone> {
  const context = await browser.newContext();
  await instrumentPageResources(context);
  const page = await context.newPage();
  await page.goto(env('SOFTPHONE_WEB_URL'));
  return { page, context, user: freshUser(), displayName, close: () => context.close() };
}

async function callsGone(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __softphone: { sessions(): unknown[] } }).__softphone.sessions().length === 0, undefined, {
    timeout: 10_000,
  });
  await expect(page.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
}

/**
 * Types the number the way a paste does (one input event) and presses Call. Playwright's fill()
 * goes through the browser's editing commands, and Chromium keeps every one on the field's
 * undo stack (up to 1000 steps, each holding a text node): +1 node per call that is the test
 * typing, not the phone leaking.
 */
async function dial(caller: TestPhone, target: string): Promise<void> {
  await caller.page.getByLabel('Number or SIP address').evaluate((input, value) => {
    (input as HTMLInputElement).value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, target);
  await caller.page.getByRole('button', { name: 'Call', exact: true }).click();
}

async function oneCall(caller: TestPhone, callee: TestPhone, index: number, checkMedia: boolean): Promise<void> {
  await dial(caller, callee.user);
  await callee.page.getByRole('alertdialog').getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(caller.page.getByText('Connected', { exact: true })).toBeVisible();
  await expect(callee.page.getByText('Connected', { exact: true })).toBeVisible();
  if (checkMedia) {
    await expectRising(caller.page, 'audio', 'bytesReceived', { windowMs: 500 });
    await expectRising(callee.page, 'audio', 'bytesReceived', { windowMs: 500 });
  }
  // Either side hangs up, as in real life.
  const hangingUp = index % 2 === 0 ? caller : callee;
  await hangingUp.page.getByRole('button', { name: 'Hang up' }).click();
  await callsGone(caller.page);
  await callsGone(callee.page);
}

function growth(label: string, baseline: PageResources, after: PageResources, calls: number): string {
  const perCall = (field: keyof PageResources) => ((after[field] - baseline[field]) / calls).toFixed(1);
  return `${label} growth over ${calls} calls: ${after.nodes - baseline.nodes} nodes (${perCall('nodes')}/call), ${after.listeners - baseline.listeners} listeners (${perCall('listeners')}/call), ${((after.heapBytes - baseline.heapBytes) / 1024).toFixed(0)} KB heap (${(Number(perCall('heapBytes')) / 1024).toFixed(2)} KB/call)`;
}

test(`${CALLS} audio calls in one page pair leave no DOM nodes, listeners, tracks or peer connections behind`, async () => {
  test.setTimeout(60_000 + SIP_TRANSACTION_LINGER_MS + CALLS * 2_500);
  const started = Date.now();
  const browser = await launchChromium();
  try {
    const alice = await openSoakPhone(browser, 'Alice Soak');
    const bob = await openSoakPhone(browser, 'Bob Soak');
    await register(alice);
    await register(bob);
    const phones = [alice, bob] as const;
    const metrics = await Promise.all(phones.map((phone) => openMetrics(phone.page)));

    for (let i = 0; i < WARM_UP_CALLS; i++) await oneCall(alice, bob, i, i === 0);
    const baseline = await Promise.all(phones.map((phone, n) => readPageResources(phone.page, metrics[n]!)));

    const halfway = Math.floor(CALLS / 2);
    let middle: PageResources[] = [];
    for (let i = 0; i < CALLS; i++) {
      await oneCall(alice, bob, i, (i + 1) % MEDIA_CHECK_EVERY === 0);
      if (i + 1 === halfway) middle = await Promise.all(phones.map((phone, n) => readPageResources(phone.page, metrics[n]!)));
    }

    // Hanging up must release the microphone and the connection at once, not at some later GC.
    for (const phone of phones) {
      await expect.poll(() => liveMedia(phone.page), { message: `${phone.displayName}: nothing open after the last hang-up`, timeout: 3_000 })
        .toEqual({ liveTracks: 0, openPeerConnections: 0 });
    }
    // SIP.js keeps each INVITE transaction, and through its delegate the call's media handler
    // and streams, for Timer L/M (64 x T1 = 32 s, RFC 6026) after the 2xx: memory bounded in
    // time, not a leak. The final reading comes once the last ones have expired.
    const justAfter = await Promise.all(phones.map((phone, n) => readPageResources(phone.page, metrics[n]!)));
    await alice.page.waitForTimeout(SIP_TRANSACTION_LINGER_MS);
    const after = await Promise.all(phones.map((phone, n) => readPageResources(phone.page, metrics[n]!)));
    // To hunt a leak down: SOAK_HEAP_SNAPSHOT=/tmp/soak writes <prefix>-<name>.heapsnapshot for DevTools.
    const snapshotPrefix = process.env.SOAK_HEAP_SNAPSHOT;
    if (snapshotPrefix) {
      for (const [n, phone] of phones.entries()) await writeHeapSnapshot(metrics[n]!, `${snapshotPrefix}-${phone.user}.heapsnapshot`);
    }

    const report: string[] = [];
    phones.forEach((phone, n) => {
      report.push(formatResources(`${phone.displayName} baseline (after ${WARM_UP_CALLS} calls)`, baseline[n]!));
      if (middle[n]) report.push(formatResources(`${phone.displayName} after ${halfway} calls`, middle[n]));
      report.push(formatResources(`${phone.displayName} right after ${CALLS} calls`, justAfter[n]!));
      report.push(formatResources(`${phone.displayName} after ${CALLS} calls, transactions expired`, after[n]!));
      report.push(growth(phone.displayName, baseline[n]!, after[n]!, CALLS));
    });
    report.push(`wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`audio soak\n  ${report.join('\n  ')}`);
    await test.info().attach('soak-figures', { body: report.join('\n'), contentType: 'text/plain' });
    // `BENCH_SOAK=1 npm run bench` prints these figures with the bench's own.
    if (process.env.SOAK_REPORT) await writeFile(process.env.SOAK_REPORT, `${report.join('\n')}\n`);

    phones.forEach((phone, n) => {
      const base = baseline[n]!;
      const end = after[n]!;
      expect.soft(end.nodes - base.nodes, `${phone.displayName}: DOM nodes over the baseline`).toBeLessThanOrEqual(NODE_TOLERANCE);
      expect.soft(end.listeners - base.listeners, `${phone.displayName}: event listeners over the baseline`).toBeLessThanOrEqual(LISTENER_TOLERANCE);
      expect.soft(end.heapBytes - base.heapBytes, `${phone.displayName}: JS heap over the baseline`).toBeLessThanOrEqual(HEAP_TOLERANCE_BYTES);
      expect.soft(end.documents, `${phone.displayName}: documents`).toBe(base.documents);
    });
    // Both phones still work: the soak did not wear anything out.
    expect(await sessions(alice.page)).toEqual([]);
  } finally {
    await browser.close();
  }
});
