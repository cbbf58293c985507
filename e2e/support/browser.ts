import type { Browser, BrowserContext } from '@playwright/test';
import { FAKE_MEDIA_ARGS, launchChromium as launchTestbedChromium } from '../../scripts/testbed/chromium.mjs';
import { microphoneFileArg, syllablesWav } from './tone-microphone';

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
  /**
   * Fake cameras to expose (Chromium's default is one, `fake_device_0`). Chromium makes
   * `fake_device_1` a depth camera (16-bit Y16 frames): it plays in a <video> element, but
   * WebRTC never encodes it, so a call that sends it freezes at the far end. A second camera
   * that a call can send is `fake_device_2` (MJPEG, decoded to I420): ask for 3.
   */
  cameras?: number;
}

/**
 * What every test microphone says: syllables of tones (tone-microphone.ts). Chromium's own fake
 * microphone is a 20 ms beep twice a second, and the beep's timing is shared by all the captures
 * of a browser process (one beep context), so two phones in one browser split the beeps between
 * them: one could send near silence for a whole second (seen: 0.00006 energy in 1 s while its
 * peer got 0.34), and "the far end hears us" became luck.
 */
const microphoneArg = () => microphoneFileArg('syllables', syllablesWav);

/**
 * Debian's Chromium with a throw-away HOME (see scripts/testbed/chromium.mjs, shared with the
 * demo's echo line), plus the synthetic camera and microphone every test phone uses.
 */
export function launchChromium(opts: LaunchOptions = {}): Promise<Browser> {
  return launchTestbedChromium({
    headless: opts.headless ?? true,
    args: [
      ...(opts.cameras === undefined ? FAKE_MEDIA_ARGS : FAKE_MEDIA_ARGS.map((arg) => (arg === '--use-fake-device-for-media-stream' ? `${arg}=device-count=${opts.cameras}` : arg))),
      microphoneArg(),
    ],
    audible: opts.audible ?? false,
    browserAutoplayRule: opts.browserAutoplayRule ?? false,
  });
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
