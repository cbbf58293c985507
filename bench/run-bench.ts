// `npm run bench`: the same calls through our phone, plain SIP.js 0.21 (its defaults) and JsSIP 3
// (its defaults), alternated call by call against one real Kamailio on loopback, in three ICE
// scenarios (no servers, coturn as STUN, a STUN server that never answers); then a table per
// scenario of medians, p95s and ratios, and our page's own figures (bundle, load, soak). It
// asserts nothing but that every call succeeded: a measurement, not a test. Run through
// scripts/run-bench.sh (it builds the pages and enters a private network namespace); this file
// is bundled to dist/bench/run-bench.mjs, which sits as deep under the repository as
// e2e/support does, so the test-bed modules' relative file URLs still resolve.

import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../e2e/support/browser';
import { startCoturn, unreachableStun } from '../e2e/support/coturn';
import { freePort, startKamailio, type KamailioHandle } from '../e2e/support/kamailio';
import { serveStatic } from '../e2e/support/web-server';
import { BrowserCpu, total, usedBetween, type ProcessorByKind } from './browser-cpu';
import { BrowserTrace, threadSummary, traceCategories, TraceBook } from './browser-trace';
import { PageProfiler, saveProfile, sequence, summarize } from './cpu-profile';
import type { AnswerTimings, DialTimings, IceServerOption, LineOptions, RingTimings } from './agent-contract';
import type { SentInviteMessage } from './page/probe-registry';
import {
  emptyScenario,
  formatExtras,
  formatScenario,
  IMPLEMENTATIONS,
  SCENARIOS,
  type BenchResults,
  type ExtraFigures,
  type Implementation,
  type ScenarioName,
  type ScenarioResults,
} from './report';

const PASSWORD = 'secret';
/** Lets Kamailio and the pages settle after a call before the next one is timed. */
const PAUSE_BETWEEN_CALLS_MS = 150;
/** The time a person takes to type a short number before pressing Call (ours warms up meanwhile). */
const TYPING_MS = 300;
/** How long an incoming call rings before the callee clicks Answer (ours prepares the answer meanwhile). */
const RING_MS = 400;
const PAGE_LOADS = 10;

interface Agent {
  name: Implementation;
  caller: Page;
  callee: Page;
  callerUser: string;
  calleeUser: string;
  callerRegistered: boolean;
  calleeRegistered: boolean;
}

function notes(typingMs: number, slowCalls: number): string[] {
  return [
    'register: timed on the caller before the calls of the first scenario, as many times as there are calls, rotating — unregister and close the socket (not timed), then a new connect + REGISTER with its 401 digest challenge until the 200 OK. The calls then run on lines that stay registered, as a softphone is used all day.',
    `dial: from pressing Call (our phone.call, SIP.js new Inviter + invite(), JsSIP ua.call) to the caller's session being Established (JsSIP: its "accepted" event), and to the first inbound audio packet. The user types the number for ${typingMs} ms first: ours warms a connection up on the first key (phone.warmUp, as the dialpad does), the others have nothing to do then. The "without dialpad warm-up" row is ours dialled with no typing at all (a link, a redial).`,
    "ours: dial and answer figures are read from the call's own timeline (phone.timeline, the one the call-details panel shows and exports); the same init-script probes that time the peers (WebSocket frames, getStats() polled every 5 ms) time ours too, and the cross-check line gives their difference.",
    'INVITE arrival: the same init script in every page stamps performance.now() when an "INVITE " frame arrives on the WebSocket, before the SIP stack sees it; it also stamps the INVITE and 200 OK as they are sent ("where set-up goes" rows).',
    "ringing shown: ours = the Answer button of the incoming-call panel entering the DOM, visible (MutationObserver); the peers have no UI, so theirs is the moment their incoming-call callback runs (SIP.js onInvite, JsSIP newRTCSession) — a lower bound any UI would add to.",
    `answer click: the callee rings for ${RING_MS} ms, then ours gets a click on its Answer button and the peers their answer call; to the callee's first inbound audio packet (the user hears the caller). The ringing rows come from these calls too; the dial rows from other calls, answered at once (ours then never shows them ringing).`,
    "SIP.js keeps its default logLevel 'log' (every SIP message printed to the console, a few ms each in a driven browser); JsSIP logs nothing by default; our engine logs warnings only.",
    `calls rotate ours / SIP.js / JsSIP, the order shifting every round, after 1 unrecorded warm-up call each per scenario. With a STUN server that never answers, SIP.js waits its 5 s gathering timeout and JsSIP for Chromium to give up on the server, so they place ${slowCalls} call(s) there (BENCH_SLOW_CALLS) and no answer-click calls.`,
    `processor time: all of the browser's processes (browser, both pages' renderers, GPU, network and audio services), as Chromium reports them (CDP SystemInfo.getProcessInfo, 10 ms steps), from the start of the ${typingMs} ms of typing to the caller's first inbound audio, on the calls answered at once: what one call's set-up costs the machine, both ends together. Ours warms a connection up while the number is typed and paints its window; the peers have no UI. The idle pages add the same few ms per ms of call to every softphone. On a 2-core machine running both ends, processor time one end spends is time the other waits.`,
    "Kamailio challenges every INVITE (407), which all three answer; ours sends the credentials of the server's last challenge with its next INVITE (RFC 3261 §22.3, renderer/sip/credential-cache.ts), which Kamailio accepts, so after its first call on a line ours meets no 407 — SIP.js and JsSIP at their defaults pay that round trip on every call. Everything runs on loopback in a private network namespace, on a shared 2-core machine: compare figures of one run, and read the load line.",
  ];
}

function repoRoot(): string {
  return resolve(process.env.BENCH_REPO_ROOT ?? process.cwd());
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name] ?? String(fallback);
  const count = Number.parseInt(raw, 10);
  if (!Number.isInteger(count) || count < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return count;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function openAgentPage(browser: Browser, url: string, initScripts: string[], ready: string): Promise<Page> {
  const context = await browser.newContext();
  for (const path of initScripts) await context.addInitScript({ path });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page ${url}] ${error.message}`));
  page.on('console', (message) => {
    if (message.location().url.endsWith('/favicon.ico')) return;
    if (message.type() === 'error' || process.env.BENCH_VERBOSE) console.error(`[page ${url}] ${message.type()}: ${message.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(ready, undefined, { timeout: 15_000 });
  return page;
}

async function sentAt(page: Page, kind: SentInviteMessage['kind'], callId: string): Promise<number> {
  const at = await page.evaluate(
    ([k, id]) => window.__benchProbes?.sent.find((m) => m.kind === k && m.callId === id)?.at ?? null,
    [kind, callId] as const,
  );
  if (at === null) throw new Error(`the probes saw no ${kind} sent for call ${callId}`);
  return at;
}

/**
 * A failed call of ours, as each end sees it: its timeline, and every open connection's
 * states, senders and RTP counters. Printed before the bench stops, so the failure can be read.
 */
async function mediaState(agent: Agent): Promise<string> {
  const lines: string[] = [];
  for (const [role, page] of [['caller', agent.caller], ['callee', agent.callee]] as const) {
    const state = await page
      .evaluate(async () => {
        const probes = window.__benchProbes!;
        const callId = probes.sent.at(-1)?.callId ?? probes.inviteArrivals.at(-1)?.callId;
        const phone = (window as unknown as { __softphone: { phone: { timeline(i: string): unknown } } }).__softphone.phone;
        const connections = [];
        for (const { pc } of probes.peerConnections.filter((t) => t.pc.signalingState !== 'closed')) {
          const rtp: string[] = [];
          for (const s of (await pc.getStats()).values()) {
            const r = s as { type: string; kind?: string; packetsSent?: number; packetsReceived?: number; state?: string; nominated?: boolean };
            if (r.type === 'outbound-rtp') rtp.push(`out ${r.kind} ${r.packetsSent}`);
            if (r.type === 'inbound-rtp') rtp.push(`in ${r.kind} ${r.packetsReceived}`);
            if (r.type === 'candidate-pair' && r.nominated) rtp.push(`pair ${r.state}`);
          }
          connections.push({
            signaling: pc.signalingState,
            ice: pc.iceConnectionState,
            connection: pc.connectionState,
            transceivers: pc.getTransceivers().map((t) => `${t.mid}:${t.direction}/${t.currentDirection} track=${t.sender.track ? `${t.sender.track.kind} ${t.sender.track.readyState} enabled=${t.sender.track.enabled}` : 'none'}`),
            rtp,
            localCandidates: pc.localDescription?.sdp.match(/^a=candidate:.*$/gm) ?? [],
            remoteCandidates: pc.remoteDescription?.sdp.match(/^a=candidate:.*$/gm) ?? [],
            gathering: pc.iceGatheringState,
          });
        }
        return { callId, timeline: callId ? phone.timeline(callId) : null, connections };
      })
      .catch((error: unknown) => ({ error: String(error) }));
    lines.push(`${role}: ${JSON.stringify(state)}`);
  }
  return lines.join('\n');
}

async function endCall(agent: Agent): Promise<void> {
  await agent.caller.evaluate(() => window.benchAgent!.hangupAll());
  await Promise.all([agent.caller, agent.callee].map((page) => page.evaluate(() => window.benchAgent!.idle())));
}

interface ImmediateCall {
  dial: DialTimings;
  offerSentMs: number;
  answerSentMs: number;
  /** Processor time of the whole browser from the typing's start to the caller's first inbound audio, by kind of process. */
  processor: ProcessorByKind;
}

/** A call answered at once by the callee: dial and ringing figures. */
async function immediateCall(agent: Agent, line: (user: string) => LineOptions, domain: string, typingMs: number, cpu: BrowserCpu): Promise<ImmediateCall> {
  if (!agent.callerRegistered) await registerCaller(agent, line(agent.callerUser));
  await agent.callee.evaluate(() => window.benchAgent!.armCallee('immediate'));
  const profiling = process.env.BENCH_PROFILE && agent.name === 'ours' && typingMs > 0;
  const profilers = profiling ? await Promise.all([PageProfiler.start(agent.caller), PageProfiler.start(agent.callee)]) : null;
  const browser = agent.caller.context().browser();
  const trace = process.env.BENCH_TRACE && typingMs > 0 && browser ? await BrowserTrace.start(browser, traceCategories(process.env.BENCH_TRACE)) : null;
  const cpuBefore = await cpu.byKind();
  const dial = await agent.caller.evaluate((options) => window.benchAgent!.dial(options), { target: `${agent.calleeUser}@${domain}`, typingMs });
  const processor = usedBetween(cpuBefore, await cpu.byKind());
  if (trace) await keepTrace(agent.name, await trace.stop());
  // Answered at once, ours never shows the call ringing (no Answer button to wait for): only the
  // INVITE's arrival counts here. Ringing is timed on the calls that ring (answeredCall).
  const inviteAt = await inviteArrival(agent.callee, dial.callId);
  if (profilers) await reportProfiles(agent, profilers, dial, inviteAt);
  await endCall(agent);
  if (process.env.BENCH_TIMELINES && agent.name === 'ours') {
    // Both ends' timelines of the call, for finding where time goes.
    for (const page of [agent.caller, agent.callee]) {
      const timeline = await page.evaluate((id) => (window as unknown as { __softphone: { phone: { timeline(i: string): unknown } } }).__softphone.phone.timeline(id), dial.callId);
      console.log(JSON.stringify(timeline));
    }
  }
  const inviteSentAt = await sentAt(agent.caller, 'invite', dial.callId);
  const okSentAt = await sentAt(agent.callee, 'invite-ok', dial.callId);
  return { dial, offerSentMs: inviteSentAt - dial.startedAt, answerSentMs: okSentAt - inviteAt, processor };
}

let profileCount = 0;
let traceCount = 0;
const traces = new TraceBook();

/** BENCH_TRACE: the call's trace to dist/bench/traces/, and its browser main thread to the book. */
async function keepTrace(softphone: string, trace: Buffer): Promise<void> {
  const dir = join(repoRoot(), 'dist', 'bench', 'traces');
  await mkdir(dir, { recursive: true });
  traceCount += 1;
  await writeFile(join(dir, `${softphone}-${traceCount}.json`), trace);
  traces.add(softphone, threadSummary(JSON.parse(trace.toString('utf8'))));
}

/** BENCH_PROFILE: where both of our pages spent the call's set-up (bench/cpu-profile.ts). */
async function reportProfiles(agent: Agent, [callerProfiler, calleeProfiler]: PageProfiler[], dial: DialTimings, inviteAt: number): Promise<void> {
  const [caller, callee] = await Promise.all([callerProfiler!.stop(), calleeProfiler!.stop()]);
  const okSentAt = await sentAt(agent.callee, 'invite-ok', dial.callId);
  const dir = join(repoRoot(), 'dist', 'bench', 'profiles');
  await mkdir(dir, { recursive: true });
  profileCount += 1;
  await saveProfile(dir, `call-${profileCount}-caller`, caller.profile);
  await saveProfile(dir, `call-${profileCount}-callee`, callee.profile);
  console.log(`profile ${profileCount} (${dir}): caller, dial -> Established\n${summarize(caller.profile, caller.anchorAt, dial.startedAt, dial.startedAt + dial.establishedMs)}`);
  console.log(`profile ${profileCount}: callee, INVITE arrival -> 200 OK sent\n${summarize(callee.profile, callee.anchorAt, inviteAt, okSentAt)}`);
  console.log(`profile ${profileCount}: callee, INVITE arrival -> 200 OK sent, in order\n${sequence(callee.profile, callee.anchorAt, inviteAt, okSentAt)}`);
  const marks = await agent.caller.evaluate(
    (id) => (window as unknown as { __softphone: { phone: { timeline(i: string): { marks: Record<string, number | undefined> } | undefined } } }).__softphone.phone.timeline(id)?.marks,
    dial.callId,
  );
  if (marks?.ok200Received !== undefined && marks.ackSent !== undefined) {
    const at = (ms: number) => dial.startedAt + ms;
    console.log(`profile ${profileCount}: caller, 200 OK received -> ACK sent, in order\n${sequence(caller.profile, caller.anchorAt, at(marks.ok200Received), at(marks.ackSent))}`);
  }
}

/** When the INVITE of this call reached the callee's socket (the page's probes saw it). */
function inviteArrival(callee: Page, callId: string): Promise<number> {
  return callee.evaluate(async (id) => {
    const started = performance.now();
    for (;;) {
      const at = window.__benchProbes!.inviteArrivals.find((a) => a.callId === id)?.at;
      if (at !== undefined) return at;
      if (performance.now() - started > 90_000) throw new Error(`no INVITE of ${id} arrived`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }, callId);
}

/** A call that rings for RING_MS, then is answered with a click: ringing and answer figures. */
async function answeredCall(agent: Agent, domain: string): Promise<{ ring: RingTimings; answer: AnswerTimings }> {
  await agent.callee.evaluate(() => window.benchAgent!.armCallee('manual'));
  const profiler = process.env.BENCH_PROFILE && agent.name === 'ours' ? await PageProfiler.start(agent.callee) : null;
  const dialing = agent.caller.evaluate((options) => window.benchAgent!.dial(options), { target: `${agent.calleeUser}@${domain}`, typingMs: 0 });
  // The Call-ID is known once the INVITE reached the callee.
  const callId = await agent.callee.evaluate(async () => {
    const probes = window.__benchProbes!;
    const before = probes.inviteArrivals.length;
    const started = performance.now();
    while (probes.inviteArrivals.length === before) {
      if (performance.now() - started > 90_000) throw new Error('no INVITE arrived');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return probes.inviteArrivals.at(-1)!.callId;
  });
  const ring = await agent.callee.evaluate((id) => window.benchAgent!.ringing(id), callId);
  if (profiler) {
    const { profile, anchorAt } = await profiler.stop();
    console.log(`profile: callee, INVITE arrival -> Answer button in the DOM, in order\n${sequence(profile, anchorAt, ring.inviteAt, ring.paintedAt ?? ring.shownAt)}`);
  }
  await sleep(RING_MS);
  const answer = await agent.callee.evaluate((id) => window.benchAgent!.answerNow(id), callId);
  await dialing;
  await endCall(agent);
  return { ring, answer };
}

/** Unregister (not timed) and register the caller again: the time to its 200 OK. */
async function registerCaller(agent: Agent, line: LineOptions): Promise<number> {
  if (agent.callerRegistered) await agent.caller.evaluate(() => window.benchAgent!.unregister());
  agent.callerRegistered = false;
  const ms = await agent.caller.evaluate((l) => window.benchAgent!.register(l), line);
  agent.callerRegistered = true;
  return ms;
}

async function registerCallee(agent: Agent, line: LineOptions): Promise<void> {
  if (agent.calleeRegistered) await agent.callee.evaluate(() => window.benchAgent!.unregister());
  await agent.callee.evaluate((l) => window.benchAgent!.register(l), line);
  agent.calleeRegistered = true;
  // The caller re-registers with the scenario's ICE servers on its next call.
  if (agent.callerRegistered) await agent.caller.evaluate(() => window.benchAgent!.unregister());
  agent.callerRegistered = false;
}

async function bundleFigures(webDir: string): Promise<ExtraFigures['bundle']> {
  const html = await readFile(join(webDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  const all = (await readdir(join(webDir, 'assets'))).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const gzip = async (file: string) => gzipSync(await readFile(join(webDir, file))).length;
  const lazy = all.filter((f) => !initial.includes(f));
  let initialGzipBytes = 0;
  for (const f of initial) initialGzipBytes += await gzip(f);
  let lazyGzipBytes = 0;
  for (const f of lazy) lazyGzipBytes += await gzip(f);
  return { initialGzipBytes, initialFiles: initial, lazyGzipBytes, lazyFiles: lazy };
}

/** Navigation start -> saved account ready in the form, and -> registered after pressing Connect at once. */
async function pageLoadFigures(browser: Browser, appDir: string, pageUrl: string, line: LineOptions): Promise<ExtraFigures['pageLoad']> {
  const account = { serverUrl: line.wsUrl, sipUri: `sip:${line.user}@${line.domain}`, username: line.user, password: line.password, displayName: 'Bench Load', iceServers: [] };
  const meta = `<meta name="softphone-demo-account" content="${JSON.stringify(account).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
  const html = await readFile(join(appDir, 'index.html'), 'utf8');
  await writeFile(join(appDir, 'saved-account.html'), html.replace('</head>', `${meta}</head>`));
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const marks: { ready: number | null; registered: number | null } = { ready: null, registered: null };
    (window as unknown as { __loadMarks: typeof marks }).__loadMarks = marks;
    const tick = () => {
      if (marks.ready === null) {
        const password = document.querySelector<HTMLInputElement>('input[type="password"]');
        const connect = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Connect' && !b.disabled);
        if (password?.value && connect) {
          marks.ready = performance.now();
          connect.click();
        }
      }
      const hook = (window as unknown as { __softphone?: { registration(): { status: string } } }).__softphone;
      if (marks.ready !== null && hook?.registration().status === 'registered') {
        marks.registered = performance.now();
        return;
      }
      setTimeout(tick, 1);
    };
    document.addEventListener('DOMContentLoaded', tick);
  });
  const page = await context.newPage();
  const ready: number[] = [];
  const registered: number[] = [];
  try {
    for (let i = 0; i < PAGE_LOADS + 1; i += 1) {
      await page.goto(pageUrl.replace(/index\.html$/, 'saved-account.html'));
      const marks = await page.waitForFunction(
        () => {
          const m = (window as unknown as { __loadMarks?: { ready: number | null; registered: number | null } }).__loadMarks;
          return m?.registered != null ? m : null;
        },
        undefined,
        { timeout: 15_000, polling: 20 },
      );
      const value = (await marks.jsonValue()) as { ready: number; registered: number };
      if (i > 0) {
        // The first load fills the browser's caches, as a returning user's would be.
        ready.push(value.ready);
        registered.push(value.registered);
      }
    }
  } finally {
    await context.close();
  }
  return { ready, registered };
}

async function soakFigures(benchDir: string): Promise<ExtraFigures['soak']> {
  const file = join(benchDir, 'soak-report.txt');
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { writtenAt: info.mtime.toISOString(), text: text.trim() };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const calls = positiveInt('BENCH_CALLS', 20);
  const slowCalls = positiveInt('BENCH_SLOW_CALLS', 2);
  const root = repoRoot();
  const benchDir = join(root, 'dist', 'bench');
  const started = Date.now();
  const load = loadavg().map((l) => l.toFixed(2)).join(' / ');
  const runDir = await mkdtemp(join(tmpdir(), 'softphone-bench-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  let failed = true;
  try {
    const kamailio: KamailioHandle = await startKamailio({ sipPort: await freePort(), wsPort: await freePort(), runDir: join(runDir, 'kamailio'), auth: true, password: PASSWORD });
    cleanups.push(() => kamailio.stop());
    const coturn = await startCoturn({ runDir: join(runDir, 'coturn') });
    cleanups.push(() => coturn.stop());
    const blackhole = await unreachableStun();
    if (blackhole.url !== null) cleanups.push(() => blackhole.remove());
    else console.warn(`bench: no unreachable-STUN scenario: ${blackhole.reason}`);
    const server = await serveStatic(benchDir);
    cleanups.push(() => server.close());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const cpu = await BrowserCpu.attach(browser);

    const base = server.url.replace(/\/$/, '');
    const probes = join(benchDir, 'probes.js');
    const pages: Record<Implementation, { url: string; scripts: string[]; ready: string }> = {
      ours: { url: `${base}/app/index.html`, scripts: [probes, join(benchDir, 'ours-agent.js')], ready: 'window.benchAgent !== undefined && window.__softphone !== undefined' },
      sipjs: { url: `${base}/baseline/index.html`, scripts: [probes], ready: 'window.benchAgent !== undefined' },
      jssip: { url: `${base}/jssip/index.html`, scripts: [probes], ready: 'window.benchAgent !== undefined' },
    };
    const agents: Agent[] = [];
    for (const [index, name] of IMPLEMENTATIONS.entries()) {
      const { url, scripts, ready } = pages[name];
      const [caller, callee] = await Promise.all([openAgentPage(browser, url, scripts, ready), openAgentPage(browser, url, scripts, ready)]);
      agents.push({ name, caller, callee, callerUser: String(2001 + index * 100), calleeUser: String(2002 + index * 100), callerRegistered: false, calleeRegistered: false });
    }

    const scenarios: Array<[ScenarioName, IceServerOption[]]> = [
      ['none', []],
      ['stun', [{ urls: coturn.stunUrl }]],
    ];
    if (blackhole.url !== null) scenarios.push(['unreachable', [{ urls: blackhole.url }]]);
    // BENCH_SCENARIOS=none,stun runs only those (a quicker look while working on one).
    const only = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim());
    if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter(([name]) => only.includes(name)));
    console.log(`bench: ${calls} calls each per scenario, Chromium ${browser.version()}, Kamailio ${kamailio.wsUrl}, coturn ${coturn.stunUrl}, load average ${load}`);

    const results: Partial<Record<ScenarioName, ScenarioResults>> = {};
    for (const [scenarioName, iceServers] of scenarios) {
      const scenario = emptyScenario(iceServers.map((s) => s.urls).join(', ') || 'iceServers: []');
      results[scenarioName] = scenario;
      const line = (user: string): LineOptions => ({ wsUrl: kamailio.wsUrl, domain: kamailio.domain, user, password: PASSWORD, iceServers });
      const slow = (agent: Agent) => scenarioName === 'unreachable' && agent.name !== 'ours';
      console.log(`\n== ${SCENARIOS[scenarioName]}`);
      for (const agent of agents) await registerCallee(agent, line(agent.calleeUser));
      if (scenarioName === scenarios[0]![0]) {
        // Registration is timed on its own, before the calls: the calls then run on a line that
        // stays registered, as a softphone's do all day.
        for (let round = 0; round < calls; round += 1) {
          for (const [i] of agents.entries()) {
            const agent = agents[(i + round) % agents.length]!;
            scenario.samples[agent.name].register.push(await registerCaller(agent, line(agent.callerUser)));
          }
        }
      }
      for (const agent of agents) {
        if (!slow(agent)) {
          await immediateCall(agent, line, kamailio.domain, TYPING_MS, cpu);
          await sleep(PAUSE_BETWEEN_CALLS_MS);
        }
      }
      for (let round = 0; round < calls; round += 1) {
        const order = agents.map((_, i) => agents[(i + round) % agents.length]!);
        const summary: string[] = [];
        for (const agent of order) {
          if (slow(agent) && round >= slowCalls) continue;
          const what = `${SCENARIOS[scenarioName]}, call ${round + 1} through ${agent.name}`;
          const fail = async (error: unknown): Promise<never> => {
            if (agent.name === 'ours') console.error(`${what}: state of both ends\n${await mediaState(agent)}`);
            throw new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
          };
          const samples = scenario.samples[agent.name];
          const call = await immediateCall(agent, line, kamailio.domain, TYPING_MS, cpu).catch(fail);
          samples.established.push(call.dial.establishedMs);
          samples.firstAudio.push(call.dial.firstAudioMs);
          samples.offerSent.push(call.offerSentMs);
          samples.answerSent.push(call.answerSentMs);
          samples.processor.push(total(call.processor));
          for (const [kind, used] of Object.entries(call.processor)) ((scenario.processorByKind[agent.name] ??= {})[kind] ??= []).push(used);
          if (call.dial.probe) scenario.oursProbeDeviation.push(Math.abs(call.dial.probe.establishedMs - call.dial.establishedMs));
          await sleep(PAUSE_BETWEEN_CALLS_MS);
          let text = `${agent.name} est ${call.dial.establishedMs.toFixed(0)} audio ${call.dial.firstAudioMs.toFixed(0)}`;
          if (!slow(agent)) {
            const { ring, answer } = await answeredCall(agent, kamailio.domain).catch(fail);
            samples.ringing.push(ring.shownAt - ring.inviteAt);
            if (ring.paintedAt !== null) scenario.oursRingingPainted.push(ring.paintedAt - ring.inviteAt);
            samples.answerAudio.push(answer.firstAudioMs);
            samples.answerOk.push(answer.okSentMs);
            text += ` answer->audio ${answer.firstAudioMs.toFixed(0)}`;
            await sleep(PAUSE_BETWEEN_CALLS_MS);
          }
          if (agent.name === 'ours') {
            const cold = await immediateCall(agent, line, kamailio.domain, 0, cpu).catch(fail);
            samples.establishedCold.push(cold.dial.establishedMs);
            text += ` cold ${cold.dial.establishedMs.toFixed(0)}`;
            await sleep(PAUSE_BETWEEN_CALLS_MS);
          }
          summary.push(text);
        }
        console.log(`round ${String(round + 1).padStart(2)}/${calls}: ${summary.join(' | ')}`);
      }
      if (process.env.BENCH_TRACE) {
        console.log(`traced calls (${SCENARIOS[scenarioName]}; one trace per call in dist/bench/traces/):\n${traces.lines().join('\n')}`);
        traces.clear();
      }
    }

    const extras: ExtraFigures = {
      bundle: await bundleFigures(join(benchDir, 'web')).catch((error: unknown) => {
        console.error(`bench: bundle figures: ${String(error)}`);
        return undefined;
      }),
      pageLoad: await pageLoadFigures(browser, join(benchDir, 'app'), pages.ours.url, {
        wsUrl: kamailio.wsUrl,
        domain: kamailio.domain,
        user: '2901',
        password: PASSWORD,
        iceServers: [],
      }),
      soak: await soakFigures(benchDir),
    };

    const record: BenchResults = {
      calls,
      startedAt: new Date(started).toISOString(),
      browser: `Chromium ${browser.version()}`,
      network: process.env.BENCH_NETWORK ?? 'unspecified',
      load: `${load} at start, ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at end (1/5/15 min)`,
      scenarios: results,
      extras,
      notes: notes(TYPING_MS, slowCalls),
    };
    await writeFile(join(benchDir, 'results.json'), `${JSON.stringify(record, null, 2)}\n`);
    console.log('');
    for (const [name] of scenarios) console.log(`${formatScenario(name, results[name]!, calls)}\n`);
    console.log(`${formatExtras(extras)}\n`);
    console.log(record.notes.map((note) => `- ${note}`).join('\n'));
    console.log(`\nnetwork: ${record.network}; machine load ${record.load}; raw numbers: ${join(benchDir, 'results.json')}; wall time ${((Date.now() - started) / 1000).toFixed(1)} s`);
    failed = false;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
    if (failed) console.error(`bench: kept ${runDir} (Kamailio and coturn config and logs) for inspection`);
    else await rm(runDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
