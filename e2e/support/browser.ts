import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download is not available on the test machines.
const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  // Camera/microphone prompts are granted and fed by Chromium's synthetic devices.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  // The tests run in a network namespace with only `lo`: without this, ICE gathers no candidate.
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

declare global {
  interface Window {
    /** Every RTCPeerConnection the page created, filled by instrumentPeerConnections(). */
    __peerConnections?: RTCPeerConnection[];
  }
}

export interface LaunchOptions {
  headless?: boolean;
  /** Let pages make sound: Playwright otherwise starts Chromium with `--mute-audio`. */
  audible?: boolean;
  /**
   * Keep Chromium's own autoplay rule (no sound before the user interacted with the page)
   * instead of `--autoplay-policy=no-user-gesture-required`.
   */
  browserAutoplayRule?: boolean;
}

/**
 * Starts Chromium with a throw-away HOME: Chromium, PulseAudio and dconf would otherwise
 * write into the home folder of whoever runs the tests. The folder goes with the browser.
 */
export async function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  const home = await mkdtemp(join(tmpdir(), 'softphone-chromium-'));
  const env: Record<string, string> = {
    ...stringEnv(process.env),
    HOME: home,
    TMPDIR: home,
    XDG_RUNTIME_DIR: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: opts.headless ?? true,
      args: opts.browserAutoplayRule ? CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--autoplay-policy=')) : CHROMIUM_ARGS,
      ...(opts.audible ? { ignoreDefaultArgs: ['--mute-audio'] } : {}),
      env,
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

/**
 * Records every RTCPeerConnection the pages of `context` create in `window.__peerConnections`,
 * so tests can read getStats() without the application exposing anything for them.
 * The constructor is wrapped in a Proxy: `instanceof`, the prototype and static members such as
 * generateCertificate() stay those of the native class.
 */
export async function instrumentPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const native = window.RTCPeerConnection;
    const created: RTCPeerConnection[] = [];
    window.__peerConnections = created;
    window.RTCPeerConnection = new Proxy(native, {
      construct(target, args: unknown[], newTarget: new (...rest: unknown[]) => object) {
        const connection = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
        created.push(connection);
        return connection;
      },
    });
  });
}

function stringEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) if (value !== undefined) result[key] = value;
  return result;
}
