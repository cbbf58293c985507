// How good a call's media path is, from WebRTC statistics: packet loss, jitter and round-trip
// time, each against the limits VoIP planning uses (ITU-T G.114 puts 150 ms one way, so 300 ms
// round trip, as the start of noticeable delay; Opus hides a few percent of loss, not more).
// Pure functions: the sampling around them is use-call-quality.ts.

export type QualityLevel = 'good' | 'fair' | 'poor';
/** What makes a call worse than good, in words the UI can explain. */
export type QualityReason = 'packet-loss' | 'jitter' | 'latency';

export interface QualitySample {
  /** Share of audio packets lost over the last interval, either way, in percent; null without traffic. */
  packetLossPercent: number | null;
  /** Jitter of the audio we receive, in milliseconds. */
  jitterMs: number | null;
  /** Round-trip time of the media path, in milliseconds. */
  roundTripMs: number | null;
}

export interface QualityReading {
  /** null: nothing to judge (no audio flowed in the interval, e.g. on hold). */
  level: QualityLevel | null;
  /** The measure that set the level; null when good or unknown. */
  reason: QualityReason | null;
  sample: QualitySample;
}

/** [fair from, poor from] for each measure. */
export const QUALITY_LIMITS = {
  'packet-loss': [2, 5],
  jitter: [30, 60],
  latency: [300, 500],
} as const satisfies Record<QualityReason, readonly [number, number]>;

const RANK: Record<QualityLevel, number> = { good: 0, fair: 1, poor: 2 };

function levelOf(value: number | null, [fair, poor]: readonly [number, number]): QualityLevel | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (value >= poor) return 'poor';
  if (value >= fair) return 'fair';
  return 'good';
}

/** The worst of the three measures decides; loss explains first, then jitter, then delay. */
export function classifyQuality(sample: QualitySample): QualityReading {
  const measures: Array<[QualityReason, QualityLevel | null]> = [
    ['packet-loss', levelOf(sample.packetLossPercent, QUALITY_LIMITS['packet-loss'])],
    ['jitter', levelOf(sample.jitterMs, QUALITY_LIMITS.jitter)],
    ['latency', levelOf(sample.roundTripMs, QUALITY_LIMITS.latency)],
  ];
  // Without loss figures no audio flowed in the interval: jitter and delay alone would be stale.
  if (measures[0]![1] === null) return { level: null, reason: null, sample };
  let worst: [QualityReason, QualityLevel] | null = null;
  for (const [reason, level] of measures) {
    if (level !== null && (worst === null || RANK[level] > RANK[worst[1]])) worst = [reason, level];
  }
  const level = worst?.[1] ?? null;
  return { level, reason: level && level !== 'good' ? worst![0] : null, sample };
}

/** One entry of an RTCStatsReport, as far as we read it. */
export interface StatsEntry {
  type: string;
  id?: string;
  kind?: string;
  packetsReceived?: number;
  packetsLost?: number;
  jitter?: number;
  roundTripTime?: number;
  fractionLost?: number;
  currentRoundTripTime?: number;
  state?: string;
  nominated?: boolean;
  selectedCandidatePairId?: string;
}

/** Cumulative counters kept between two readings, to turn totals into a rate over the interval. */
export interface LossCounters {
  received: number;
  lost: number;
}

/**
 * The sample for the interval since `previous` (null on the first reading: loss is then over
 * the whole call so far), and the counters to pass next time.
 */
export function sampleFromStats(entries: Iterable<StatsEntry>, previous: LossCounters | null): { sample: QualitySample; counters: LossCounters } {
  const all = [...entries];
  const inbound = all.filter((e) => e.type === 'inbound-rtp' && e.kind === 'audio');
  const received = sum(inbound.map((e) => e.packetsReceived));
  const lost = sum(inbound.map((e) => e.packetsLost));
  const counters = { received, lost };
  const deltaReceived = received - (previous?.received ?? 0);
  // packetsLost counts duplicates negatively (RFC 3550): never report a negative loss.
  const deltaLost = Math.max(0, lost - (previous?.lost ?? 0));
  const expected = deltaReceived + deltaLost;
  let packetLossPercent: number | null = inbound.length > 0 && deltaReceived > 0 ? (100 * deltaLost) / expected : null;
  // What the far end reports of our audio (RTCP receiver reports): the other half of the story.
  const remote = all.filter((e) => e.type === 'remote-inbound-rtp' && e.kind === 'audio');
  const outboundLoss = max(remote.map((e) => (e.fractionLost === undefined ? undefined : e.fractionLost * 100)));
  if (packetLossPercent !== null && outboundLoss !== null) packetLossPercent = Math.max(packetLossPercent, outboundLoss);
  const jitter = max(inbound.map((e) => e.jitter));
  const roundTrip = roundTripSeconds(all, remote);
  return {
    sample: {
      packetLossPercent,
      jitterMs: jitter === null ? null : jitter * 1000,
      roundTripMs: roundTrip === null ? null : roundTrip * 1000,
    },
    counters,
  };
}

function roundTripSeconds(all: StatsEntry[], remote: StatsEntry[]): number | null {
  // The ICE pair in use measures every few seconds; RTCP's figure is the fallback.
  const selectedId = all.find((e) => e.type === 'transport' && e.selectedCandidatePairId)?.selectedCandidatePairId;
  const pair =
    all.find((e) => e.type === 'candidate-pair' && selectedId !== undefined && e.id === selectedId) ??
    all.find((e) => e.type === 'candidate-pair' && e.state === 'succeeded' && e.nominated);
  if (pair?.currentRoundTripTime !== undefined) return pair.currentRoundTripTime;
  return max(remote.map((e) => e.roundTripTime));
}

function sum(values: Array<number | undefined>): number {
  return values.reduce<number>((total, value) => total + (value ?? 0), 0);
}

function max(values: Array<number | undefined>): number | null {
  const known = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return known.length > 0 ? Math.max(...known) : null;
}
