import { describe, expect, test } from 'vitest';
import { classifyQuality, sampleFromStats, type StatsEntry } from './call-quality';

describe('classifyQuality', () => {
  test('a clean path is good, with no reason', () => {
    expect(classifyQuality({ packetLossPercent: 0, jitterMs: 4, roundTripMs: 40 })).toMatchObject({ level: 'good', reason: null });
  });

  test.each([
    [{ packetLossPercent: 2.5, jitterMs: 5, roundTripMs: 40 }, 'fair', 'packet-loss'],
    [{ packetLossPercent: 8, jitterMs: 5, roundTripMs: 40 }, 'poor', 'packet-loss'],
    [{ packetLossPercent: 0, jitterMs: 35, roundTripMs: 40 }, 'fair', 'jitter'],
    [{ packetLossPercent: 0, jitterMs: 90, roundTripMs: 40 }, 'poor', 'jitter'],
    [{ packetLossPercent: 0, jitterMs: 5, roundTripMs: 320 }, 'fair', 'latency'],
    [{ packetLossPercent: 0, jitterMs: 5, roundTripMs: 700 }, 'poor', 'latency'],
  ] as const)('%j is %s because of %s', (sample, level, reason) => {
    expect(classifyQuality(sample)).toMatchObject({ level, reason });
  });

  test('the worst measure decides, and loss explains before jitter and delay at the same level', () => {
    expect(classifyQuality({ packetLossPercent: 3, jitterMs: 80, roundTripMs: 40 })).toMatchObject({ level: 'poor', reason: 'jitter' });
    expect(classifyQuality({ packetLossPercent: 6, jitterMs: 80, roundTripMs: 900 })).toMatchObject({ level: 'poor', reason: 'packet-loss' });
    expect(classifyQuality({ packetLossPercent: 0, jitterMs: 35, roundTripMs: 350 })).toMatchObject({ level: 'fair', reason: 'jitter' });
  });

  test('limits are inclusive: 5 % loss is poor, just under is fair', () => {
    expect(classifyQuality({ packetLossPercent: 5, jitterMs: 0, roundTripMs: 0 }).level).toBe('poor');
    expect(classifyQuality({ packetLossPercent: 4.99, jitterMs: 0, roundTripMs: 0 }).level).toBe('fair');
  });

  test('without traffic in the interval (on hold) there is nothing to judge', () => {
    expect(classifyQuality({ packetLossPercent: null, jitterMs: 200, roundTripMs: 900 })).toMatchObject({ level: null, reason: null });
  });

  test('missing jitter or delay do not hide what loss says', () => {
    expect(classifyQuality({ packetLossPercent: 0, jitterMs: null, roundTripMs: null })).toMatchObject({ level: 'good' });
    expect(classifyQuality({ packetLossPercent: Number.NaN, jitterMs: 5, roundTripMs: 5 }).level).toBeNull();
  });
});

function report(received: number, lost: number, extra: StatsEntry[] = []): StatsEntry[] {
  return [
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost, jitter: 0.012 },
    { type: 'inbound-rtp', kind: 'video', packetsReceived: 99_999, packetsLost: 9_999 },
    { type: 'transport', selectedCandidatePairId: 'pair-1' },
    { type: 'candidate-pair', id: 'pair-0', state: 'failed', currentRoundTripTime: 9 },
    { type: 'candidate-pair', id: 'pair-1', state: 'succeeded', nominated: true, currentRoundTripTime: 0.045 },
    ...extra,
  ];
}

describe('sampleFromStats', () => {
  test('turns audio counters into loss over the interval, jitter and the selected pair’s round trip, in ms', () => {
    const first = sampleFromStats(report(1000, 0), null);
    expect(first.sample).toEqual({ packetLossPercent: 0, jitterMs: 12, roundTripMs: 45 });
    const second = sampleFromStats(report(1090, 10), first.counters);
    expect(second.sample.packetLossPercent).toBeCloseTo(10);
    expect(second.counters).toEqual({ received: 1090, lost: 10 });
  });

  test('no new packet (hold, a stalled path) gives no loss figure rather than 0 %', () => {
    const first = sampleFromStats(report(1000, 5), null);
    expect(sampleFromStats(report(1000, 5), first.counters).sample.packetLossPercent).toBeNull();
    expect(sampleFromStats([], null).sample).toEqual({ packetLossPercent: null, jitterMs: null, roundTripMs: null });
  });

  test('duplicates (packetsLost going down) never make a negative loss', () => {
    const first = sampleFromStats(report(1000, 20), null);
    expect(sampleFromStats(report(1100, 15), first.counters).sample.packetLossPercent).toBe(0);
  });

  test('counts what the far end reports losing of our audio, and falls back to its round trip', () => {
    const remote: StatsEntry = { type: 'remote-inbound-rtp', kind: 'audio', fractionLost: 0.08, roundTripTime: 0.2 };
    const withPair = sampleFromStats(report(1000, 0, [remote]), null).sample;
    expect(withPair.packetLossPercent).toBeCloseTo(8);
    expect(withPair.roundTripMs).toBe(45);
    const withoutPair = sampleFromStats(
      [{ type: 'inbound-rtp', kind: 'audio', packetsReceived: 10, packetsLost: 0 }, remote],
      null,
    ).sample;
    expect(withoutPair.roundTripMs).toBe(200);
  });
});
