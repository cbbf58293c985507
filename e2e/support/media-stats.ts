import type { Page } from '@playwright/test';

export type MediaKind = 'audio' | 'video';

/** Totals over the `inbound-rtp` reports of one kind, across the page's open peer connections. */
export interface InboundCounters {
  bytesReceived: number;
  packetsReceived: number;
  /** Keeps rising without packets (Chromium counts concealment samples): not a hold check. */
  totalSamplesReceived: number;
  /** Stays flat when the sender is muted, although silent packets keep bytes rising. */
  totalAudioEnergy: number;
  framesDecoded: number;
  /** Largest frame size among the streams (a sum of widths would mean nothing). */
  frameWidth: number;
  frameHeight: number;
}

/** Totals over the `outbound-rtp` reports of one kind, across the page's open peer connections. */
export interface OutboundCounters {
  bytesSent: number;
  packetsSent: number;
  framesEncoded: number;
  framesSent: number;
  frameWidth: number;
  frameHeight: number;
}

export type InboundCounter = 'bytesReceived' | 'packetsReceived' | 'totalSamplesReceived' | 'totalAudioEnergy' | 'framesDecoded';
export type OutboundCounter = 'bytesSent' | 'packetsSent' | 'framesEncoded' | 'framesSent';
export type Counter = InboundCounter | OutboundCounter;

const INBOUND_COUNTERS: readonly Counter[] = ['bytesReceived', 'packetsReceived', 'totalSamplesReceived', 'totalAudioEnergy', 'framesDecoded'];

// A couple of packets may land between "media stopped" and the first sample. The test
// microphone (a steady sine, browser.ts) runs at about 3 kB/s, 50 packets/s, 48 k samples/s and
// several hundredths of energy a second on loopback, so a second of real flow is far above these.
const DEFAULT_TOLERANCE: Record<Counter, number> = {
  bytesReceived: 300,
  packetsReceived: 3,
  totalSamplesReceived: 2_880,
  totalAudioEnergy: 0.005,
  framesDecoded: 2,
  bytesSent: 300,
  packetsSent: 3,
  framesEncoded: 2,
  framesSent: 2,
};

export interface SampleWindow {
  /** Time between the two samples. */
  windowMs?: number;
  /** Wait before the first sample, e.g. for a hold or mute to take effect on the wire. */
  settleMs?: number;
}

export interface StillWindow extends SampleWindow {
  /** Largest rise still counted as "not rising"; defaults depend on the counter. */
  tolerance?: number;
}

type RtpDirection = 'inbound-rtp' | 'outbound-rtp';

// Runs in the page: sums numeric fields of the RTP reports of one kind and direction.
function sumRtpReports(page: Page, direction: RtpDirection, kind: MediaKind, summed: string[], maxed: string[]): Promise<Record<string, number>> {
  return page.evaluate(
    async ({ direction, kind, summed, maxed }) => {
      const totals: Record<string, number> = {};
      for (const name of [...summed, ...maxed]) totals[name] = 0;
      const open = (window.__peerConnections ?? []).filter((connection) => connection.connectionState !== 'closed');
      for (const connection of open) {
        const report = await connection.getStats();
        report.forEach((stat: Record<string, unknown>) => {
          if (stat.type !== direction || stat.kind !== kind) return;
          for (const name of summed) if (typeof stat[name] === 'number') totals[name] = (totals[name] ?? 0) + stat[name];
          for (const name of maxed) if (typeof stat[name] === 'number') totals[name] = Math.max(totals[name] ?? 0, stat[name]);
        });
      }
      return totals;
    },
    { direction, kind, summed, maxed },
  );
}

export async function inboundStats(page: Page, kind: MediaKind): Promise<InboundCounters> {
  const totals = await sumRtpReports(page, 'inbound-rtp', kind, [...INBOUND_COUNTERS], ['frameWidth', 'frameHeight']);
  return {
    bytesReceived: totals.bytesReceived ?? 0,
    packetsReceived: totals.packetsReceived ?? 0,
    totalSamplesReceived: totals.totalSamplesReceived ?? 0,
    totalAudioEnergy: totals.totalAudioEnergy ?? 0,
    framesDecoded: totals.framesDecoded ?? 0,
    frameWidth: totals.frameWidth ?? 0,
    frameHeight: totals.frameHeight ?? 0,
  };
}

export async function outboundStats(page: Page, kind: MediaKind): Promise<OutboundCounters> {
  const totals = await sumRtpReports(page, 'outbound-rtp', kind, ['bytesSent', 'packetsSent', 'framesEncoded', 'framesSent'], ['frameWidth', 'frameHeight']);
  return {
    bytesSent: totals.bytesSent ?? 0,
    packetsSent: totals.packetsSent ?? 0,
    framesEncoded: totals.framesEncoded ?? 0,
    framesSent: totals.framesSent ?? 0,
    frameWidth: totals.frameWidth ?? 0,
    frameHeight: totals.frameHeight ?? 0,
  };
}

async function readCounter(page: Page, kind: MediaKind, field: Counter): Promise<number> {
  if (INBOUND_COUNTERS.includes(field)) return (await inboundStats(page, kind))[field as InboundCounter];
  return (await outboundStats(page, kind))[field as OutboundCounter];
}

async function sampleTwice(page: Page, kind: MediaKind, field: Counter, windowMs: number, settleMs: number): Promise<[number, number]> {
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  const first = await readCounter(page, kind, field);
  await page.waitForTimeout(windowMs);
  const second = await readCounter(page, kind, field);
  return [first, second];
}

/** Media flows: the counter (inbound or outbound, by its name) grew during the window. */
export async function expectRising(page: Page, kind: MediaKind, field: Counter, { windowMs = 1_000, settleMs = 0 }: SampleWindow = {}): Promise<void> {
  const [first, second] = await sampleTwice(page, kind, field, windowMs, settleMs);
  if (!(second > first)) {
    throw new Error(`${kind} ${field} did not rise within ${windowMs} ms: ${first} then ${second}`);
  }
}

/** Media stopped (hold, mute): the counter grew by no more than the tolerance during the window. */
export async function expectNotRising(page: Page, kind: MediaKind, field: Counter, { windowMs = 1_000, settleMs = 0, tolerance }: StillWindow = {}): Promise<void> {
  const allowed = tolerance ?? DEFAULT_TOLERANCE[field];
  const [first, second] = await sampleTwice(page, kind, field, windowMs, settleMs);
  if (second - first > allowed) {
    throw new Error(`${kind} ${field} kept rising over ${windowMs} ms: ${first} then ${second} (tolerance ${allowed})`);
  }
}

/** How much a counter grew during the window (after an optional settle time). */
export async function counterGrowth(page: Page, kind: MediaKind, field: Counter, { windowMs = 1_000, settleMs = 0 }: SampleWindow = {}): Promise<number> {
  const [first, second] = await sampleTwice(page, kind, field, windowMs, settleMs);
  return second - first;
}
