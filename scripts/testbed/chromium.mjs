// Debian's Chromium driven by Playwright, for the end-to-end suite (e2e/support/browser.ts), the
// benchmark and the demo's echo line. Playwright's own browser download is not available on our
// machines, so the browser is always /usr/bin/chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags every Chromium of ours gets. */
export const CHROMIUM_ARGS = [
  // Runs as root on CI machines, where Chromium refuses its sandbox; the pages are our own.
  '--no-sandbox',
  // The tests run in a network namespace with only `lo`: without this, ICE gathers no candidate.
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Camera/microphone prompts granted and fed by Chromium's synthetic devices (the test phones). */
export const FAKE_MEDIA_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/**
 * Starts Chromium with a throw-away HOME: Chromium, PulseAudio and dconf would otherwise
 * write into the home folder of whoever runs it. The folder goes with the browser.
 * @param {{ headless?: boolean, args?: string[], handleSignals?: boolean, audible?: boolean, browserAutoplayRule?: boolean }} [opts]
 *   `args` come after CHROMIUM_ARGS; `handleSignals: false` leaves Ctrl+C to the caller
 *   (Playwright's default is to kill the browser at once), which then closes the browser in its
 *   own order; `audible` lets pages make sound (Playwright otherwise adds `--mute-audio`);
 *   `browserAutoplayRule` keeps Chromium's own autoplay rule (no sound before the user
 *   interacted with the page) instead of `--autoplay-policy=no-user-gesture-required`.
 * @returns {Promise<import('@playwright/test').Browser>}
 */
export async function launchChromium(opts = {}) {
  const home = await mkdtemp(join(tmpdir(), 'softphone-chromium-'));
  /** @type {Record<string, string>} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, {
    HOME: home,
    TMPDIR: home,
    XDG_RUNTIME_DIR: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
  });
  try {
    // Loaded on first use: Playwright takes seconds to load on a busy machine, and `npm run demo`
    // has Kamailio to start meanwhile (and a mistyped option to report at once).
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: opts.headless ?? true,
      args: [...(opts.browserAutoplayRule ? CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--autoplay-policy=')) : CHROMIUM_ARGS), ...(opts.args ?? [])],
      ...(opts.audible ? { ignoreDefaultArgs: ['--mute-audio'] } : {}),
      env,
      // Playwright kills the browser anyway if Node exits without closing it.
      handleSIGINT: opts.handleSignals ?? true,
      handleSIGTERM: opts.handleSignals ?? true,
      handleSIGHUP: opts.handleSignals ?? true,
    });
    browser.once('disconnected', () => {
      void rm(home, { recursive: true, force: true });
    });
    return browser;
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    throw error;
  }
}
