// The bench's printed tables and its raw record. One table per ICE scenario; ratios compare
// medians: below 1 means our phone is faster than that softphone on that step.
import { median, percentile } from './stats';

export const IMPLEMENTATIONS = ['ours', 'sipjs', 'jssip'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

export const IMPLEMENTATION_NAMES: Record<Implementation, string> = {
  ours: 'ours',
  sipjs: 'SIP.js 0.21',
  jssip: 'JsSIP 3',
};

export const SCENARIOS = {
  none: 'no ICE servers',
  stun: 'coturn as STUN server (loopback)',
  unreachable: 'STUN server that never answers (packets dropped)',
} as const;
export type ScenarioName = keyof typeof SCENARIOS;

export const METRICS = {
  register: 'register (connect + REGISTER -> 200, digest auth)',
  established: 'dial -> Established (caller)',
  firstAudio: 'dial -> first inbound audio (caller)',
  ringing: 'INVITE arrival -> ringing shown (callee)',
  answerAudio: 'answer click -> first inbound audio (callee)',
  offerSent: '  where set-up goes: dial -> first INVITE sent',
  answerSent: '  where set-up goes: INVITE arrival -> 200 OK sent (immediate answer)',
  answerOk: '  where set-up goes: answer click -> 200 OK sent',
  establishedCold: '  ours without dialpad warm-up: dial -> Established',
  processor: 'processor time of the browser, typing -> first inbound audio (both ends; ms of CPU)',
} as const;

export type MetricName = keyof typeof METRICS;
export type Samples = Record<MetricName, number[]>;

export interface ScenarioResults {
  iceServers: string;
  samples: Record<Implementation, Samples>;
  /** Ours only: INVITE arrival -> the animation frame after the Answer button entered the DOM. */
  oursRingingPainted: number[];
  /** Ours only: |timeline - page probe| for dial -> Established, per call. */
  oursProbeDeviation: number[];
  /** The processor row split by kind of Chromium process (browser, renderer, GPU, audio...), per call. */
  processorByKind: Partial<Record<Implementation, Record<string, number[]>>>;
}

export interface ExtraFigures {
  /** Gzipped JS loaded before the app starts (entry + modulepreloads), and everything loaded on demand. */
  bundle?: { initialGzipBytes: number; initialFiles: string[]; lazyGzipBytes: number; lazyFiles: string[] };
  /** Navigation start -> the filled account form's Connect can be pressed, and -> registered (ms, per load). */
  pageLoad?: { ready: number[]; registered: number[] };
  /** The last soak's report (e2e/soak), with the time it was written. */
  soak?: { writtenAt: string; text: string };
}

export interface BenchResults {
  calls: number;
  startedAt: string;
  browser: string;
  network: string;
  load: string;
  scenarios: Partial<Record<ScenarioName, ScenarioResults>>;
  extras: ExtraFigures;
  notes: string[];
}

export function emptySamples(): Samples {
  return { register: [], established: [], firstAudio: [], ringing: [], answerAudio: [], offerSent: [], answerSent: [], answerOk: [], establishedCold: [], processor: [] };
}

export function emptyScenario(iceServers: string): ScenarioResults {
  return {
    iceServers,
    samples: { ours: emptySamples(), sipjs: emptySamples(), jssip: emptySamples() },
    oursRingingPainted: [],
    oursProbeDeviation: [],
    processorByKind: {},
  };
}

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : '-');

function cell(values: readonly number[], calls: number, stat: 'median' | 'p95'): string {
  if (values.length === 0) return '-';
  const text = ms(stat === 'median' ? median(values) : percentile(values, 95));
  return stat === 'median' && values.length < calls ? `${text} (n=${values.length})` : text;
}

function ratio(ours: readonly number[], other: readonly number[]): string {
  if (ours.length === 0 || other.length === 0) return '-';
  return (median(ours) / median(other)).toFixed(2);
}

function render(table: string[][]): string {
  const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]): string => `| ${row.map((c, column) => c.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(table[0]!), rule, ...table.slice(1).map(line)].join('\n');
}

export function formatScenario(name: ScenarioName, scenario: ScenarioResults, calls: number): string {
  const header = ['metric (ms)', 'ours median', 'ours p95', 'SIP.js median', 'SIP.js p95', 'JsSIP median', 'JsSIP p95', 'ours/SIP.js', 'ours/JsSIP'];
  const rows: string[][] = [];
  for (const metric of Object.keys(METRICS) as MetricName[]) {
    const [ours, sipjs, jssip] = IMPLEMENTATIONS.map((impl) => scenario.samples[impl][metric]);
    if (ours!.length + sipjs!.length + jssip!.length === 0) continue;
    rows.push([
      METRICS[metric],
      cell(ours!, calls, 'median'),
      cell(ours!, calls, 'p95'),
      cell(sipjs!, calls, 'median'),
      cell(sipjs!, calls, 'p95'),
      cell(jssip!, calls, 'median'),
      cell(jssip!, calls, 'p95'),
      ratio(ours!, sipjs!),
      ratio(ours!, jssip!),
    ]);
  }
  if (scenario.oursRingingPainted.length > 0) {
    const painted = scenario.oursRingingPainted;
    rows.push(['  ours only: INVITE -> Answer button painted (next frame)', ms(median(painted)), ms(percentile(painted, 95)), '-', '-', '-', '-', '-', '-']);
  }
  const title = `### ${SCENARIOS[name]} (${scenario.iceServers})`;
  const deviation = scenario.oursProbeDeviation.length > 0 ? `\nours: timeline vs page probe, dial -> Established: median |difference| ${ms(median(scenario.oursProbeDeviation))} ms` : '';
  return `${title}\n\n${render([header, ...rows])}${deviation}${processorSplit(scenario)}`;
}

/** Where the processor row's time went, by kind of process: means, so that the parts add up. */
function processorSplit(scenario: ScenarioResults): string {
  const lines = IMPLEMENTATIONS.flatMap((impl) => {
    const byKind = scenario.processorByKind[impl];
    if (!byKind) return [];
    const parts = Object.entries(byKind)
      .map(([kind, values]) => [kind, values.reduce((sum, v) => sum + v, 0) / values.length] as const)
      .filter(([, mean]) => mean >= 0.5)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, mean]) => `${kind} ${mean.toFixed(0)}`);
    return [`${IMPLEMENTATION_NAMES[impl]}: ${parts.join(', ')}`];
  });
  return lines.length > 0 ? `\nprocessor time per set-up by process (mean ms): ${lines.join(' | ')}` : '';
}

export function formatExtras(extras: ExtraFigures): string {
  const lines: string[] = ['### Our page'];
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  if (extras.bundle) {
    const b = extras.bundle;
    lines.push(`- renderer JS loaded at start (gzip): ${kb(b.initialGzipBytes)} in ${b.initialFiles.length} file(s) (${b.initialFiles.join(', ')})`);
    lines.push(`- loaded on demand (gzip): ${kb(b.lazyGzipBytes)} in ${b.lazyFiles.length} file(s) (${b.lazyFiles.join(', ')})`);
  }
  if (extras.pageLoad && extras.pageLoad.registered.length > 0) {
    const p = extras.pageLoad;
    lines.push(
      `- page load -> account form ready (saved account filled in): median ${ms(median(p.ready))} ms, p95 ${ms(percentile(p.ready, 95))} ms; -> registered (Connect pressed at once): median ${ms(median(p.registered))} ms, p95 ${ms(percentile(p.registered, 95))} ms (${p.registered.length} loads)`,
    );
  }
  if (extras.soak) {
    lines.push(`- 200 back-to-back calls in one page pair (e2e/soak, last run ${extras.soak.writtenAt}):`);
    lines.push(...extras.soak.text.split('\n').map((line) => `    ${line}`));
  } else {
    lines.push('- soak (heap, listeners, peer connections after 200 calls): not run; BENCH_SOAK=1 npm run bench runs e2e/soak and prints its figures here');
  }
  return lines.join('\n');
}
