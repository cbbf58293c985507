// Which speakers a page hears: an AnalyserNode on every audio track the page receives over its
// open peer connections, read for a few frequencies (each test microphone plays its own, see
// tone-microphone.ts). A frequency is "heard" when its peak is loud in absolute terms: the test
// tones arrive around -44 dBFS here, while codec noise and leakage stay below -85 (a level relative to
// the spectrum's median is not used: a pure tone alone leaves a median so low that any noise
// would stand out).

import type { Page } from '@playwright/test';

/** dBFS a frequency's peak must reach to count as heard. */
export const HEARD_DBFS = -65;

export interface ToneLevels {
  /** Per asked frequency: its peak (dBFS), averaged over the window. */
  peakDb: Record<number, number>;
  tracks: number;
}

/** Listens to what `page` receives for `windowMs` and reports how loud each frequency is. */
export function receivedToneLevels(page: Page, frequencies: number[], windowMs = 1_000): Promise<ToneLevels> {
  return page.evaluate(
    async ({ frequencies, windowMs }) => {
      const open = (window.__peerConnections ?? []).filter((connection) => connection.connectionState !== 'closed');
      const tracks = open.flatMap((connection) =>
        connection.getReceivers().filter((receiver) => receiver.track.kind === 'audio' && receiver.track.readyState === 'live').map((r) => r.track),
      );
      const context = new AudioContext();
      const stream = new MediaStream(tracks);
      // Chromium feeds a remote WebRTC track to Web Audio only while a media element plays it.
      const element = new Audio();
      element.muted = true;
      element.srcObject = stream;
      await element.play().catch(() => undefined);
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      if (tracks.length > 0) context.createMediaStreamSource(stream).connect(analyser);
      await context.resume();
      const bins = new Float32Array(analyser.frequencyBinCount);
      const sums = new Map<number, number>(frequencies.map((f) => [f, 0]));
      let reads = 0;
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 300));
      while (performance.now() - started < windowMs + 300) {
        analyser.getFloatFrequencyData(bins);
        for (const frequency of frequencies) {
          const centre = Math.round((frequency * analyser.fftSize) / context.sampleRate);
          let peak = -Infinity;
          for (let i = centre - 2; i <= centre + 2; i++) peak = Math.max(peak, bins[i] ?? -Infinity);
          sums.set(frequency, sums.get(frequency)! + (Number.isFinite(peak) ? Math.max(peak, -200) : -200));
        }
        reads += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      element.srcObject = null;
      await context.close();
      const peakDb: Record<number, number> = {};
      for (const [frequency, sum] of sums) peakDb[frequency] = Math.round((sum / Math.max(1, reads)) * 10) / 10;
      return { peakDb, tracks: tracks.length };
    },
    { frequencies, windowMs },
  );
}

/** The frequencies among `frequencies` that `page` hears now. */
export async function heardTones(page: Page, frequencies: number[]): Promise<number[]> {
  const { peakDb } = await receivedToneLevels(page, frequencies);
  return frequencies.filter((frequency) => (peakDb[frequency] ?? -200) >= HEARD_DBFS);
}
