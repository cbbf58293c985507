// `npm run bench`: the same calls through our phone and through plain SIP.js 0.21 (defaults,
// iceServers: []), alternated call by call against one real Kamailio on loopback, then a table
// of medians, p95s and ratios. It asserts nothing but that every call succeeded: it is a
// measurement, not a test. Run through scripts/run-bench.sh (it builds the pages and enters a
// private network namespace); this file is bundled to dist/bench/run-bench.mjs, which sits as
// deep under the repository as e2e/support does, so the test-bed modules' relative file URLs
// still resolve.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../e2e/support/browser';
import { freePort, startKamailio, type KamailioHandle } from '../e2e/support/kamailio';
import { serveStatic } from '../e2e/support/web-server';
import type { DialTimings, LineOptions, RingTimings } from './agent-contract';
import type { SentInviteMessage } from './page/probe-registry';
import { emptySamples, formatTable, type BenchResults, type Samples } from './report';

const PASSWORD = 'secret';
const WARM_UP_CALLS = 1;
/** Lets Kamailio and both pages settle after a call before the next one is timed. */
const PAUSE_BETWEEN_CALLS_MS = 150;

interface Implementation {
  name: 'ours' | 'baseline';
  caller: Page;
  callee: Page;
  callerLine: LineOptions;
  calleeLine: LineOptions;
  callerRegistered: boolean;
  samples: Samples;
  painted: number[];
}

interface CallRecord {
  registerMs: number;
  dial: DialTimings;
  ring: RingTimings;
  /** Page time the caller sent its first INVITE (the offer; a 407 makes it send a second). */
  inviteSentAt: number;
  /** Page time the callee sent its 200 OK (the answer). */
  okSentAt: number;
}

const NOTES = [
  'register: measured on the caller before every call — unregister and close the socket (not timed), then a new connect + REGISTER with its 401 digest challenge until the 200 OK.',
  'dial: from the call request (our phone.call / new Inviter + invite()) to the caller session being Established, and to the first getStats() poll (every 5 ms, once the answer is applied) that shows inbound-rtp audio packetsReceived > 0 (so up to ~5 ms late, equally for both).',
  'INVITE arrival: the same init script in both pages wraps WebSocket and stamps performance.now() when an "INVITE " frame arrives, before SIP.js sees it; it also stamps the INVITE and the 200 OK as they are sent, for the two "where set-up goes" rows.',
  'ringing shown: ours = the Answer button of the incoming-call panel entering the DOM, visible (MutationObserver); the baseline has no UI, so its figure is the moment its onInvite delegate runs — a lower bound any UI would add to. The extra row is ours up to the next animation frame (the paint).',
  "the baseline keeps SIP.js's default logLevel 'log': it prints every SIP message to the console, which costs a few ms per message in a driven browser (register and ringing show it); our engine logs warnings only.",
  'both callees answer at once (our onCallIncoming / SIP.js onInvite); Kamailio challenges every INVITE (407), which both answer.',
  `calls alternate ours/baseline, the order flipping every round; ${WARM_UP_CALLS} unrecorded warm-up call per implementation first (the first getUserMedia of a page is slow).`,
];

function repoRoot(): string {
  return resolve(process.env.BENCH_REPO_ROOT ?? process.cwd());
}

function callCount(): number {
  const raw = process.env.BENCH_CALLS ?? '20';
  const count = Number.parseInt(raw, 10);
  if (!Number.isInteger(count) || count < 1) throw new Error(`BENCH_CALLS must be a positive integer, got "${raw}"`);
  return count;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function openAgentPage(browser: Browser, url: string, initScripts: string[], ready: string): Promise<Page> {
  const context = await browser.newContext();
  for (const path of initScripts) await context.addInitScript({ path });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page ${url}] ${error.message}`));
  page.on('console', (message) => {
    // Chromium asks every page for /favicon.ico; neither page has one.
    if (message.location().url.endsWith('/favicon.ico')) return;
    if (message.type() === 'error' || process.env.BENCH_VERBOSE) console.error(`[page ${url}] ${message.type()}: ${message.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(ready, undefined, { timeout: 15_000 });
  return page;
}

async function placeCall(impl: Implementation, domain: string): Promise<CallRecord> {
  const { caller, callee } = impl;
  if (impl.callerRegistered) await caller.evaluate(() => window.benchAgent!.unregister());
  impl.callerRegistered = false;
  const registerMs = await caller.evaluate((line) => window.benchAgent!.register(line), impl.callerLine);
  impl.callerRegistered = true;
  await callee.evaluate(() => window.benchAgent!.armCallee());
  const dial = await caller.evaluate((target) => window.benchAgent!.dial(target), `${impl.calleeLine.user}@${domain}`);
  const ring = await callee.evaluate((callId) => window.benchAgent!.ringing(callId), dial.callId);
  await caller.evaluate(() => window.benchAgent!.hangupAll());
  await Promise.all([caller, callee].map((page) => page.evaluate(() => window.benchAgent!.idle())));
  const inviteSentAt = await sentAt(caller, 'invite', dial.callId);
  const okSentAt = await sentAt(callee, 'invite-ok', dial.callId);
  return { registerMs, dial, ring, inviteSentAt, okSentAt };
}

async function sentAt(page: Page, kind: SentInviteMessage['kind'], callId: string): Promise<number> {
  const at = await page.evaluate(
    ([k, id]) => window.__benchProbes?.sent.find((m) => m.kind === k && m.callId === id)?.at ?? null,
    [kind, callId] as const,
  );
  if (at === null) throw new Error(`the probes saw no ${kind} sent for call ${callId}`);
  return at;
}

function record(impl: Implementation, call: CallRecord): void {
  impl.samples.register.push(call.registerMs);
  impl.samples.established.push(call.dial.establishedMs);
  impl.samples.firstAudio.push(call.dial.firstAudioMs);
  impl.samples.ringing.push(call.ring.shownAt - call.ring.inviteAt);
  impl.samples.offerSent.push(call.inviteSentAt - call.dial.startedAt);
  impl.samples.answerSent.push(call.okSentAt - call.ring.inviteAt);
  if (call.ring.paintedAt !== null) impl.painted.push(call.ring.paintedAt - call.ring.inviteAt);
}

function describeCall(impl: Implementation, call: CallRecord): string {
  const ring = call.ring.shownAt - call.ring.inviteAt;
  return `${impl.name.padEnd(8)} reg ${call.registerMs.toFixed(0)} / est ${call.dial.establishedMs.toFixed(0)} / audio ${call.dial.firstAudioMs.toFixed(0)} / ring ${ring.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const calls = callCount();
  const root = repoRoot();
  const distDir = join(root, 'dist');
  const benchDir = join(distDir, 'bench');
  const started = Date.now();
  const runDir = await mkdtemp(join(tmpdir(), 'softphone-bench-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  let failed = true;
  try {
    const kamailio: KamailioHandle = await startKamailio({
      sipPort: await freePort(),
      wsPort: await freePort(),
      runDir: join(runDir, 'kamailio'),
      auth: true,
      password: PASSWORD,
    });
    cleanups.push(() => kamailio.stop());
    const server = await serveStatic(distDir);
    cleanups.push(() => server.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());

    const line = (user: string): LineOptions => ({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user, password: PASSWORD });
    const probes = join(benchDir, 'probes.js');
    const oursUrl = `${server.url.replace(/\/$/, '')}/e2e/index.html`;
    const baselineUrl = `${server.url.replace(/\/$/, '')}/bench/baseline/index.html`;
    const oursReady = 'window.benchAgent !== undefined && window.__softphone !== undefined';
    const baselineReady = 'window.benchAgent !== undefined';
    const oursAgent = join(benchDir, 'ours-agent.js');

    const implementation = async (name: Implementation['name'], firstUser: number): Promise<Implementation> => {
      const [url, scripts, ready] = name === 'ours' ? [oursUrl, [probes, oursAgent], oursReady] : [baselineUrl, [probes], baselineReady];
      const [caller, callee] = await Promise.all([openAgentPage(browser, url, scripts, ready), openAgentPage(browser, url, scripts, ready)]);
      const impl: Implementation = {
        name,
        caller,
        callee,
        callerLine: line(String(firstUser)),
        calleeLine: line(String(firstUser + 1)),
        callerRegistered: false,
        samples: emptySamples(),
        painted: [],
      };
      // The callee stays registered for the whole run; only the caller's registration is timed.
      await callee.evaluate((l) => window.benchAgent!.register(l), impl.calleeLine);
      return impl;
    };
    const ours = await implementation('ours', 2001);
    const baseline = await implementation('baseline', 3001);

    console.log(`bench: ${calls} calls each (+${WARM_UP_CALLS} warm-up), Chromium ${browser.version()}, Kamailio ${kamailio.wsUrl}`);
    for (let i = 0; i < WARM_UP_CALLS; i += 1) {
      for (const impl of [ours, baseline]) {
        await placeCall(impl, kamailio.domain);
        await sleep(PAUSE_BETWEEN_CALLS_MS);
      }
    }
    for (let round = 0; round < calls; round += 1) {
      const order = round % 2 === 0 ? [ours, baseline] : [baseline, ours];
      const lines: string[] = [];
      for (const impl of order) {
        const call = await placeCall(impl, kamailio.domain).catch((error: unknown) => {
          throw new Error(`call ${round + 1} through ${impl.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        });
        record(impl, call);
        lines.push(describeCall(impl, call));
        await sleep(PAUSE_BETWEEN_CALLS_MS);
      }
      console.log(`round ${String(round + 1).padStart(2)}/${calls}: ${lines.join(' | ')}`);
    }

    const results: BenchResults = {
      calls,
      startedAt: new Date(started).toISOString(),
      browser: `Chromium ${browser.version()}`,
      network: process.env.BENCH_NETWORK ?? 'unspecified',
      ours: ours.samples,
      baseline: baseline.samples,
      oursRingingPainted: ours.painted,
      notes: NOTES,
    };
    await writeFile(join(benchDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${formatTable(results)}\n`);
    console.log(NOTES.map((note) => `- ${note}`).join('\n'));
    console.log(`\nnetwork: ${results.network}; raw numbers: ${join(benchDir, 'results.json')}; wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
    failed = false;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
    if (failed) console.error(`bench: kept ${runDir} (Kamailio config and log) for inspection`);
    else await rm(runDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
