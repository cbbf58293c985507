// Hears what a page plays. An init script taps the page's Web Audio output: everything
// connected to an AudioContext's destination is also fed to analysers, sampled every few
// milliseconds in the page (level, and the loudest frequencies). It also notes which
// oscillators run, when the user clicked, and when SIP messages arrived on the page's
// WebSocket, all on the page's own clock, so a test can say "silent N ms after the click".
//
// Reading the tap never counts as a user gesture (Playwright's own page.evaluate does, which
// would unlock the browser's autoplay rule behind the test's back): it goes through a CDP
// session with `userGesture: false`.

import { expect, type BrowserContext, type CDPSession, type Page } from '@playwright/test';

/** RMS below this (-60 dBFS) is silence. */
const SILENCE_RMS = 0.001;

export interface TapTransition {
  /** Page time (performance.now()) of the first sample on the new side. */
  at: number;
  audible: boolean;
}

export interface TapState {
  now: number;
  audible: boolean;
  level: number;
  transitions: TapTransition[];
  /** Every oscillator started: its frequency and when. */
  starts: Array<{ frequency: number; at: number }>;
  /** Frequencies of the oscillators running now (started and not ended). */
  live: number[];
  /** While audible, every 100 ms: the loudest frequencies heard at the output. */
  peaks: Array<{ at: number; frequencies: number[] }>;
  clicks: Array<{ at: number; text: string }>;
  /** First line of every SIP message the page received (`CANCEL sip:…`, `SIP/2.0 200 OK`). */
  sip: Array<{ at: number; line: string }>;
  contextStates: string[];
}

declare global {
  interface Window {
    __audioTap?: { state(): TapState };
  }
}

/** Installs the tap in every page of `context`; call before the page loads. */
export async function installAudioTap(context: BrowserContext): Promise<void> {
  await context.addInitScript((silence: number) => {
    const transitions: TapTransition[] = [];
    const starts: TapState['starts'] = [];
    const live = new Set<OscillatorNode>();
    const peaks: TapState['peaks'] = [];
    const clicks: TapState['clicks'] = [];
    const sip: TapState['sip'] = [];
    let audible = false;
    let level = 0;
    let lastPeaksAt = 0;

    interface Tap {
      context: BaseAudioContext;
      level: AnalyserNode;
      spectrum: AnalyserNode;
      samples: Float32Array<ArrayBuffer>;
      bins: Float32Array<ArrayBuffer>;
    }
    const taps = new Map<BaseAudioContext, Tap>();
    const nativeConnect = AudioNode.prototype.connect as (this: AudioNode, destination: AudioNode | AudioParam, ...rest: number[]) => AudioNode | void;
    const nativeDisconnect = AudioNode.prototype.disconnect as (this: AudioNode, ...args: unknown[]) => void;

    function tapOf(audioContext: BaseAudioContext): Tap {
      let tap = taps.get(audioContext);
      if (!tap) {
        const levelNode = audioContext.createAnalyser();
        levelNode.fftSize = 256;
        const spectrum = audioContext.createAnalyser();
        spectrum.fftSize = 8192;
        spectrum.smoothingTimeConstant = 0;
        tap = {
          context: audioContext,
          level: levelNode,
          spectrum,
          samples: new Float32Array(levelNode.fftSize),
          bins: new Float32Array(spectrum.frequencyBinCount),
        };
        taps.set(audioContext, tap);
      }
      return tap;
    }

    AudioNode.prototype.connect = function (this: AudioNode, destination: AudioNode | AudioParam, ...rest: number[]) {
      const result = nativeConnect.call(this, destination, ...rest);
      if (destination instanceof AudioDestinationNode) {
        const tap = tapOf(this.context);
        nativeConnect.call(this, tap.level);
        nativeConnect.call(this, tap.spectrum);
      }
      return result;
    } as typeof AudioNode.prototype.connect;
    AudioNode.prototype.disconnect = function (this: AudioNode, ...args: unknown[]) {
      const tap = taps.get(this.context);
      if (tap && args[0] instanceof AudioDestinationNode) {
        for (const analyser of [tap.level, tap.spectrum]) {
          try {
            nativeDisconnect.call(this, analyser);
          } catch {
            // Not connected to it.
          }
        }
      }
      return nativeDisconnect.apply(this, args);
    } as typeof AudioNode.prototype.disconnect;

    const nativeStart = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
      starts.push({ frequency: this.frequency.value, at: performance.now() });
      live.add(this);
      this.addEventListener('ended', () => live.delete(this));
      return nativeStart.call(this, when);
    };

    function loudestFrequencies(tap: Tap): number[] {
      tap.spectrum.getFloatFrequencyData(tap.bins);
      let max = -Infinity;
      for (const value of tap.bins) max = Math.max(max, value);
      const found: Array<[number, number]> = [];
      for (let i = 1; i < tap.bins.length - 1; i++) {
        const value = tap.bins[i]!;
        if (value > max - 10 && value > -90 && value >= tap.bins[i - 1]! && value >= tap.bins[i + 1]!) {
          found.push([value, Math.round((i * tap.context.sampleRate) / tap.spectrum.fftSize)]);
        }
      }
      return found.sort((a, b) => b[0] - a[0]).slice(0, 4).map(([, frequency]) => frequency);
    }

    setInterval(() => {
      const now = performance.now();
      let rms = 0;
      for (const tap of taps.values()) {
        tap.level.getFloatTimeDomainData(tap.samples);
        let sum = 0;
        for (const sample of tap.samples) sum += sample * sample;
        rms = Math.max(rms, Math.sqrt(sum / tap.samples.length));
      }
      level = rms;
      const nowAudible = rms > silence;
      if (nowAudible !== audible) {
        audible = nowAudible;
        transitions.push({ at: now, audible });
      }
      if (audible && now - lastPeaksAt >= 100) {
        lastPeaksAt = now;
        const frequencies = [...taps.values()].flatMap(loudestFrequencies);
        peaks.push({ at: now, frequencies });
        if (peaks.length > 3000) peaks.splice(0, 1000);
      }
    }, 4);

    window.addEventListener(
      'click',
      (event) => {
        const target = event.target instanceof Element ? (event.target.closest('button') ?? event.target) : null;
        clicks.push({ at: performance.now(), text: target?.textContent?.trim() ?? '' });
      },
      true,
    );

    const NativeWebSocket = window.WebSocket;
    window.WebSocket = new Proxy(NativeWebSocket, {
      construct(target, args: unknown[], newTarget: new (...rest: unknown[]) => object) {
        const socket = Reflect.construct(target, args, newTarget) as WebSocket;
        socket.addEventListener('message', (event: MessageEvent) => {
          if (typeof event.data !== 'string') return;
          const end = event.data.indexOf('\r\n');
          sip.push({ at: performance.now(), line: end >= 0 ? event.data.slice(0, end) : event.data.slice(0, 80) });
        });
        return socket;
      },
    });

    window.__audioTap = {
      state: () => ({
        now: performance.now(),
        audible,
        level,
        transitions: transitions.slice(),
        starts: starts.slice(),
        live: [...live].map((oscillator) => oscillator.frequency.value),
        peaks: peaks.slice(),
        clicks: clicks.slice(),
        sip: sip.slice(),
        contextStates: [...taps.keys()].map((audioContext) => audioContext.state),
      }),
    };
  }, SILENCE_RMS);
}

/** Runs `expression` in the page without it counting as a user gesture; returns its JSON value. */
export async function evaluateWithoutGesture<T>(cdp: CDPSession, expression: string): Promise<T> {
  const reply = await cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true, userGesture: false });
  if (reply.exceptionDetails) throw new Error(`in the page: ${reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text}`);
  return reply.result.value as T;
}

/** Whether `frequencies` holds one within `tolerance` Hz of `target`. */
export function hasFrequency(frequencies: readonly number[], target: number, tolerance = 8): boolean {
  return frequencies.some((frequency) => Math.abs(frequency - target) <= tolerance);
}

export interface StopMeasure {
  /** From `since` to the first silent sample after the last audible one; 0 if nothing sounded after `since`. */
  delayMs: number;
  /** Whether the sound was audible at `since` (a click inside a burst, not in a gap of the cadence). */
  soundingAtSince: boolean;
}

/** The tap of one page; read it with `state()` or the waiting helpers below. */
export class AudioTap {
  private constructor(
    readonly page: Page,
    readonly cdp: CDPSession,
  ) {}

  static async attach(page: Page): Promise<AudioTap> {
    return new AudioTap(page, await page.context().newCDPSession(page));
  }

  state(): Promise<TapState> {
    return evaluateWithoutGesture<TapState>(this.cdp, 'window.__audioTap.state()');
  }

  /** Page time now. */
  async now(): Promise<number> {
    return (await this.state()).now;
  }

  /** Waits until the output is audible; returns the state then. */
  async waitForSound(what: string, timeoutMs = 10_000): Promise<TapState> {
    let state: TapState | undefined;
    await expect
      .poll(async () => (state = await this.state()).audible, { message: `${what} is audible`, timeout: timeoutMs, intervals: [20] })
      .toBe(true);
    return state!;
  }

  /** Waits for a burst to begin (silent, then audible), so that an action lands while it sounds. */
  async waitForBurstStart(what: string, timeoutMs = 10_000): Promise<void> {
    const before = (await this.state()).transitions.length;
    await expect
      .poll(
        async () => {
          const { transitions, audible } = await this.state();
          return audible && transitions.slice(before).some((transition) => transition.audible);
        },
        { message: `a burst of ${what} begins`, timeout: timeoutMs, intervals: [5] },
      )
      .toBe(true);
  }

  /**
   * Waits until the output has been silent for `holdMs` (longer than the longest gap of the
   * cadence, so silence means stopped), then measures from `since` to that silence.
   */
  async stopAfter(since: number, holdMs: number, what: string, timeoutMs = 15_000): Promise<StopMeasure> {
    let state: TapState | undefined;
    await expect
      .poll(
        async () => {
          state = await this.state();
          if (state.audible) return false;
          const lastSilence = state.transitions.filter((transition) => !transition.audible).at(-1)?.at ?? 0;
          return state.now - Math.max(lastSilence, since) >= holdMs;
        },
        { message: `${what} stays silent for ${holdMs} ms`, timeout: timeoutMs, intervals: [50] },
      )
      .toBe(true);
    const transitions = state!.transitions;
    const silentAt = transitions.filter((transition) => !transition.audible).at(-1)?.at ?? 0;
    const atSince = transitions.filter((transition) => transition.at <= since).at(-1);
    return { delayMs: Math.max(0, silentAt - since), soundingAtSince: atSince?.audible ?? false };
  }

  /** Frequencies of the oscillators started at or after `since`. */
  async startedSince(since: number): Promise<number[]> {
    return (await this.state()).starts.filter((start) => start.at >= since).map((start) => start.frequency);
  }

  /** The loudest frequencies heard at or after `since`. */
  async heardSince(since: number): Promise<number[]> {
    return (await this.state()).peaks.filter((peak) => peak.at >= since).flatMap((peak) => peak.frequencies);
  }

  /**
   * Waits until `frequency` is among the loudest heard since `since`. Right at a tone's onset the
   * analyser's window (170 ms, Blackman) holds only its first milliseconds, weighted near zero, so
   * the first spectrum taken can miss it: the next ones, 100 ms apart, cannot.
   */
  async waitToHear(frequency: number, since: number, what: string, timeoutMs = 2_000): Promise<void> {
    await expect
      .poll(async () => hasFrequency(await this.heardSince(since), frequency), { message: `${frequency} Hz heard in ${what}`, timeout: timeoutMs, intervals: [50] })
      .toBe(true);
  }

  /** Page time of the last click on a control whose text is `text`. */
  async lastClick(text: string): Promise<number> {
    const click = (await this.state()).clicks.filter((candidate) => candidate.text === text).at(-1);
    if (!click) throw new Error(`no click on "${text}" was seen in the page`);
    return click.at;
  }

  /** Page time at which the page received the first SIP message whose first line matches. */
  async sipArrival(line: RegExp, since = 0): Promise<number> {
    let at: number | undefined;
    await expect
      .poll(async () => (at = (await this.state()).sip.find((message) => message.at >= since && line.test(message.line))?.at), {
        message: `a SIP message ${line} reaches the page`,
      })
      .toBeDefined();
    return at!;
  }
}
