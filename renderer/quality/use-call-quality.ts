// Samples a call's WebRTC statistics every few seconds while it is up, for the quality
// indicator. One timer per call view; it stops when the view goes (the call ended) or the
// call is not live (on hold), so a phone left open all day never accumulates timers.

import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue';
import { classifyQuality, sampleFromStats, type LossCounters, type QualityReading, type StatsEntry } from './call-quality';

export const QUALITY_SAMPLE_INTERVAL_MS = 3000;

export type ReadStats = () => Promise<Iterable<StatsEntry> | RTCStatsReport | null>;

export function useCallQuality(
  readStats: ReadStats,
  live: () => boolean,
  intervalMs: number = QUALITY_SAMPLE_INTERVAL_MS,
): Ref<QualityReading | null> {
  const reading = shallowRef<QualityReading | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;
  let counters: LossCounters | null = null;
  let pending: Promise<void> | null = null;
  let stopped = false;

  async function sample(): Promise<void> {
    // A slow getStats (a busy machine) is not stacked up behind itself.
    if (pending) return;
    pending = (async () => {
      try {
        const report = await readStats();
        if (stopped || timer === undefined) return;
        if (!report) {
          reading.value = null;
          return;
        }
        const entries = (typeof (report as RTCStatsReport).values === 'function' ? (report as RTCStatsReport).values() : report) as Iterable<StatsEntry>;
        const next = sampleFromStats(entries, counters);
        // The first reading has no interval behind it: keep its counters, judge from the next.
        if (counters !== null) reading.value = classifyQuality(next.sample);
        counters = next.counters;
      } catch {
        reading.value = null;
      } finally {
        pending = null;
      }
    })();
    await pending;
  }

  function start(): void {
    if (timer !== undefined || stopped) return;
    counters = null;
    timer = setInterval(() => void sample(), intervalMs);
    void sample();
  }

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
    reading.value = null;
  }

  watch(live, (isLive) => (isLive ? start() : stop()), { immediate: true });
  onBeforeUnmount(() => {
    stopped = true;
    stop();
  });
  return reading;
}
