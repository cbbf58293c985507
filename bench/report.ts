// The bench's printed table and its raw record. Ratios compare medians: below 1 means our
// phone is faster than plain SIP.js on that step.
import { median, percentile } from './stats';

export const METRICS = {
  register: 'register (connect + REGISTER -> 200, digest auth)',
  established: 'dial -> Established (caller)',
  firstAudio: 'dial -> first inbound audio (caller)',
  ringing: 'INVITE arrival -> ringing shown (callee)',
  offerSent: '  where set-up goes: dial -> first INVITE sent (caller)',
  answerSent: '  where set-up goes: INVITE arrival -> 200 OK sent (callee)',
} as const;

export type MetricName = keyof typeof METRICS;
export type Samples = Record<MetricName, number[]>;

export interface BenchResults {
  calls: number;
  startedAt: string;
  browser: string;
  network: string;
  ours: Samples;
  baseline: Samples;
  /** Ours only: INVITE arrival -> the animation frame after the Answer button entered the DOM. */
  oursRingingPainted: number[];
  notes: string[];
}

export function emptySamples(): Samples {
  return { register: [], established: [], firstAudio: [], ringing: [], offerSent: [], answerSent: [] };
}

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : 'n/a');

export function formatTable(results: BenchResults): string {
  const header = ['metric (ms)', 'ours median', 'ours p95', 'baseline median', 'baseline p95', 'ratio ours/baseline (median)'];
  const rows = (Object.keys(METRICS) as MetricName[]).map((name) => {
    const ours = results.ours[name];
    const base = results.baseline[name];
    return [
      METRICS[name],
      ms(median(ours)),
      ms(percentile(ours, 95)),
      ms(median(base)),
      ms(percentile(base, 95)),
      (median(ours) / median(base)).toFixed(2),
    ];
  });
  if (results.oursRingingPainted.length > 0) {
    const painted = results.oursRingingPainted;
    rows.push(['  ours only: INVITE -> Answer button painted (next frame)', ms(median(painted)), ms(percentile(painted, 95)), '-', '-', '-']);
  }
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
