#!/usr/bin/env node
// `npm run demo`: a first call without a PBX. Starts, on this machine only (127.0.0.1):
//   - the test bed's Kamailio (scripts/testbed/), with digest auth and a password made for this run;
//   - an echo test line on 9196: a real SIP user agent in a headless Chromium (echo-line.mjs)
//     that answers, plays a few tones, then sends the caller's own audio and video back;
//   - the phone: the web target, served with the demo account in the page (demo-page.mjs), and
//     opened in the desktop's browser, or the desktop app where an Electron binary exists.
// Ctrl+C (or SIGTERM, or closing the terminal) stops all of it: the echo browser, Kamailio by its
// pid, the web server; the run folder is removed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../serve-web.mjs';
import { CHROMIUM_PATH } from '../testbed/chromium.mjs';
import { isAlive, sbinProgram, startKamailio } from '../testbed/kamailio.mjs';
import { commandName, DEMO_USER, ECHO_EXTENSION, parseDemoOptions, portFailureMessage } from './demo-options.mjs';
import { demoAccount, newDemoPassword, writeDemoPage } from './demo-page.mjs';
import { findElectron, startDesktopApp } from './desktop.mjs';
import { openEchoLine } from './echo-line.mjs';
import { isStale, runNpmScript } from './fresh-build.mjs';
import { pickFreePort, portProblem } from './ports.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DOMAIN = '127.0.0.1';
const DEMO_DISPLAY_NAME = 'Demo user';
const ECHO_DISPLAY_NAME = 'Echo test';
const MAX_ECHO_CALLS = 4;
/** Whatever happens while stopping, the process is gone after this. */
const STOP_DEADLINE_MS = 15_000;
const WEB_SOURCES = ['renderer', 'shared', 'vite.config.ts', 'package.json', 'package-lock.json'].map((path) => join(ROOT, path));
const ELECTRON_SOURCES = ['electron', 'shared', 'renderer', 'scripts/build-electron.mjs', 'package.json'].map((path) => join(ROOT, path));

/** Thrown to end the start-up quietly: the message was already printed. */
class Stop extends Error {}

const startedAt = performance.now();
const command = commandName(process.env.npm_lifecycle_event);

/** @type {Array<{ name: string, stop: () => Promise<void> }>} what was started, in order */
const running = [];
/** @type {number | null} */
let kamailioPid = null;
/** @type {import('node:child_process').ChildProcess | null} */
let desktopApp = null;
/** @type {string | null} */
let runDir = null;
let stopping = false;

// Last resort if Node exits some other way (an exception in a callback): no Kamailio left behind.
// Playwright kills its own browser on exit.
process.on('exit', () => {
  if (kamailioPid !== null && isAlive(kamailioPid)) process.kill(kamailioPid, 'SIGTERM');
  if (desktopApp && desktopApp.exitCode === null) desktopApp.kill('SIGTERM');
});

/**
 * The first line of an error: Playwright puts the page's stack under the message.
 * @param {unknown} error
 */
function reason(error) {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(message);
  throw new Stop(message);
}

/**
 * @param {number} port
 * @param {import('./demo-options.mjs').PortRole} role
 * @param {Array<'tcp' | 'udp'>} protocols
 */
async function requireFreePort(port, role, protocols) {
  const error = await portProblem(port, protocols);
  if (error !== null) fail(portFailureMessage(error, port, role, command) ?? `Port ${port} cannot be used: ${String(error)}`);
}

/** @param {string} name */
function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((folder) => folder !== '' && existsSync(join(folder, name)));
}

/**
 * @param {import('./echo-page/echo-line').EchoLineEvent} event
 */
function printEchoEvent(event) {
  const line = `Echo ${ECHO_EXTENSION}:`;
  switch (event.type) {
    case 'call':
      console.log(`${line} ${event.video ? 'video call' : 'call'} from ${event.caller}: tones, then the echo`);
      break;
    case 'echoing':
      console.log(`${line} echoing ${event.caller}`);
      break;
    case 'ended':
      console.log(`${line} call with ${event.caller} ended`);
      break;
    case 'busy':
      console.log(`${line} ${MAX_ECHO_CALLS} calls already, ${event.caller} got busy`);
      break;
    case 'problem':
      console.log(`${line} ${event.message}`);
      break;
    case 'disconnected':
      if (!stopping) {
        console.error(`${line} lost its connection to Kamailio; stopping the demo.`);
        void stop(1);
      }
      break;
  }
}

async function start() {
  const parsed = parseDemoOptions(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    (parsed.exitCode === 0 ? console.log : console.error)(parsed.message);
    process.exitCode = parsed.exitCode;
    throw new Stop(parsed.message);
  }
  const options = parsed.options;

  if (!existsSync(sbinProgram('kamailio'))) fail(`Kamailio is not installed: run npm run setup (it installs kamailio and chromium), then ${command}.`);
  if (!existsSync(CHROMIUM_PATH)) fail(`Chromium is not installed (${CHROMIUM_PATH}): run npm run setup, then ${command}.`);

  // Ports the user chose are tried first; the others are whatever the system says is free.
  if (options.webPort !== 0) await requireFreePort(options.webPort, 'web', ['tcp']);
  if (options.sipPort !== null) await requireFreePort(options.sipPort, 'sip', ['udp', 'tcp']);
  if (options.wsPort !== null) await requireFreePort(options.wsPort, 'ws', ['tcp']);
  const sipPort = options.sipPort ?? (await pickFreePort([options.webPort, options.wsPort]));
  const wsPort = options.wsPort ?? (await pickFreePort([options.webPort, sipPort]));

  let webRoot = options.webRoot === null ? null : resolve(options.webRoot);
  if (webRoot === null) {
    webRoot = join(ROOT, 'dist', 'web');
    if (await isStale(join(webRoot, 'index.html'), WEB_SOURCES)) {
      console.log('Building the web app (npm run build:web)…');
      if (!runNpmScript(ROOT, 'build:web')) fail('The web app did not build; see above.');
    }
  }
  if (!existsSync(join(webRoot, 'index.html'))) fail(`${webRoot}/index.html not found: is SOFTPHONE_DEMO_WEB_ROOT a built web target?`);

  const electron = options.open === 'auto' ? findElectron(ROOT, process.env) : null;
  const mainEntry = join(ROOT, 'dist', 'electron', 'main.cjs');
  if (electron !== null && (await isStale(mainEntry, ELECTRON_SOURCES))) {
    console.log('Building the desktop app (npm run build:electron)…');
    if (!runNpmScript(ROOT, 'build:electron')) fail('The desktop app did not build; see above.');
  }
  if (stopping) throw new Stop('stopped');

  console.log(`Starting Kamailio, the echo test line (${ECHO_EXTENSION}) and the phone's page…`);
  runDir = await mkdtemp(join(tmpdir(), 'softphone-demo-'));
  const password = newDemoPassword();
  const wsUrl = `ws://${DOMAIN}:${wsPort}`;
  const account = demoAccount({ wsUrl, domain: DOMAIN, user: DEMO_USER, password, displayName: DEMO_DISPLAY_NAME });
  const pageRoot = join(runDir, 'web');
  await writeDemoPage(webRoot, pageRoot, account);

  let web;
  try {
    web = await startStaticServer(pageRoot, { port: options.webPort });
  } catch (error) {
    fail(portFailureMessage(error, options.webPort, 'web', command) ?? `The web server did not start: ${String(error)}`);
  }
  const server = web;
  running.push({ name: 'web server', stop: () => server.close() });
  if (stopping) throw new Stop('stopped');

  // Kamailio and the echo line's browser start side by side; the line registers once both are up.
  const [kamailioStart, echoOpen] = await Promise.allSettled([
    startKamailio({ sipPort, wsPort, runDir, auth: true, password }),
    openEchoLine({
      onEvent: printEchoEvent,
      onExit: () => {
        if (stopping) return;
        console.error("The echo line's browser exited; stopping the demo.");
        void stop(1);
      },
    }),
  ]);
  if (kamailioStart.status === 'fulfilled') {
    const started = kamailioStart.value;
    kamailioPid = started.pid;
    running.push({ name: 'Kamailio', stop: () => started.stop() });
  }
  if (echoOpen.status === 'fulfilled') {
    const opened = echoOpen.value;
    running.push({ name: 'echo line', stop: () => opened.stop() });
  }
  if (kamailioStart.status === 'rejected') {
    const error = kamailioStart.reason;
    const missing = /** @type {{ code?: unknown }} */ (error).code === 'ENOENT';
    fail(missing ? `Kamailio is not installed: run npm run setup, then ${command}.` : `Kamailio did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (echoOpen.status === 'rejected') {
    const error = echoOpen.reason;
    fail(`The echo line's browser did not start: ${reason(error)}`);
  }
  const sip = kamailioStart.value;
  const echo = echoOpen.value;
  if (stopping) throw new Stop('stopped');
  try {
    await echo.register({ wsUrl, domain: DOMAIN, user: ECHO_EXTENSION, password, displayName: ECHO_DISPLAY_NAME, maxCalls: MAX_ECHO_CALLS });
  } catch (error) {
    fail(`The echo line could not register with Kamailio: ${reason(error)} (Kamailio's log: ${sip.logFile})`);
  }
  if (stopping) throw new Stop('stopped');

  // Kamailio is a daemon, not our child: look at it now and then.
  const watchdog = setInterval(() => {
    if (!stopping && kamailioPid !== null && !isAlive(kamailioPid)) {
      console.error(`Kamailio stopped unexpectedly (its log: ${sip.logFile}); stopping the demo.`);
      void stop(1);
    }
  }, 1000);
  running.push({ name: 'watchdog', stop: async () => clearInterval(watchdog) });

  const phoneUrl = `${web.url}/#dial=${ECHO_EXTENSION}`;
  let opened = 'Open it in Chromium, Chrome or Firefox.';
  if (electron !== null) {
    const app = await startDesktopApp({ executable: electron, mainEntry, profileDir: join(runDir, 'desktop-profile'), account });
    desktopApp = app;
    app.once('exit', () => {
      if (!stopping) {
        console.log('The desktop app was closed; stopping the demo.');
        void stop(0);
      }
    });
    running.push({ name: 'desktop app', stop: () => stopChild(app) });
    opened = 'The desktop app is open with a demo profile: type the password below into its form, or use this page.';
  } else if (options.open !== 'none' && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && onPath('xdg-open')) {
    const opener = spawn('xdg-open', [phoneUrl], { stdio: 'ignore', detached: true });
    opener.on('error', () => undefined);
    opener.unref();
    opened = 'Opened in your browser (if not, open it yourself).';
  }

  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(
    [
      '',
      `Softphone demo ready in ${seconds} s: a SIP server on this machine, and an echo test line to call.`,
      '',
      `  Phone:     ${phoneUrl}`,
      `             ${opened}`,
      `  Account:   sip:${DEMO_USER}@${DOMAIN} on ${wsUrl}, password ${password} (filled in for you)`,
      `  Echo test: ${ECHO_EXTENSION}. Press Connect, then Call: three notes and a tone, then you hear`,
      '             yourself (and see yourself with Video call).',
      `  Kamailio:  pid ${sip.pid}, log ${sip.logFile}`,
      '',
      'Ctrl+C stops everything.',
      '',
    ].join('\n'),
  );
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<void>}
 */
function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((settle) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      settle();
    });
    child.kill('SIGTERM');
  });
}

/** @type {Promise<void>} */
let startup = Promise.resolve();

/**
 * Stops what was started, newest first, and exits. Safe to call more than once (npm forwards
 * the terminal's Ctrl+C to us, so it often arrives twice).
 * @param {number} exitCode
 */
async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  setTimeout(() => {
    console.error(`Stopping took longer than ${STOP_DEADLINE_MS / 1000} s; exiting anyway.`);
    process.exit(exitCode || 1);
  }, STOP_DEADLINE_MS).unref();
  // A step still starting (Kamailio, the browser) must finish before it can be stopped.
  await startup.catch(() => undefined);
  if (running.length > 0) console.log('Stopping the demo…');
  let failed = false;
  for (const thing of running.reverse()) {
    try {
      await thing.stop();
    } catch (error) {
      failed = true;
      console.error(`Could not stop the ${thing.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (kamailioPid !== null && !isAlive(kamailioPid)) kamailioPid = null;
  // Keep the run folder (Kamailio's log) when something went wrong.
  if (runDir !== null && exitCode === 0 && !failed) await rm(runDir, { recursive: true, force: true });
  else if (runDir !== null) console.error(`Logs kept in ${runDir}`);
  if (running.length > 0) console.log(failed ? 'Demo stopped, not cleanly: see above.' : 'Demo stopped.');
  process.exit(failed ? 1 : exitCode);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => void stop(0));
}

startup = start();
startup.catch((error) => {
  if (!(error instanceof Stop)) console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  void stop(process.exitCode === 0 ? 0 : 1);
});
