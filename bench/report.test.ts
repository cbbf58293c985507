import { describe, expect, it } from 'vitest';
import { emptyScenario, formatExtras, formatScenario } from './report';

function scenario() {
  const s = emptyScenario('none');
  s.samples.ours.register.push(10, 20, 30);
  s.samples.sipjs.register.push(20, 40, 60);
  s.samples.jssip.register.push(10, 10, 10);
  s.samples.ours.established.push(50, 50, 50);
  s.samples.sipjs.established.push(100, 100, 100);
  s.samples.jssip.established.push(200, 200);
  return s;
}

describe('formatScenario', () => {
  it('prints median, p95 and the ratios of medians against each peer', () => {
    const table = formatScenario('none', scenario(), 3);
    const register = table.split('\n').find((l) => l.includes('register'));
    expect(register?.split('|').map((c) => c.trim())).toEqual(['', expect.stringContaining('register'), '20.0', '30.0', '40.0', '60.0', '10.0', '10.0', '0.50', '2.00', '']);
  });

  it('says when a softphone made fewer calls than asked, and leaves out metrics nobody measured', () => {
    const table = formatScenario('none', scenario(), 3);
    expect(table).toContain('200.0 (n=2)');
    expect(table).toContain('0.25');
    expect(table).not.toContain('first inbound audio');
  });

  it('adds the painted-frame row and the probe cross-check only when measured', () => {
    expect(formatScenario('none', scenario(), 3)).not.toContain('painted');
    const withPaint = { ...scenario(), oursRingingPainted: [12], oursProbeDeviation: [0.4] };
    expect(formatScenario('none', withPaint, 3)).toContain('painted');
    expect(formatScenario('none', withPaint, 3)).toContain('median |difference| 0.4 ms');
  });
});

describe('the processor split', () => {
  it('gives each softphone its mean per kind of process, largest first, and nothing when not measured', () => {
    expect(formatScenario('none', scenario(), 3)).not.toContain('by process');
    const measured = { ...scenario(), processorByKind: { ours: { renderer: [200, 220], GPU: [20, 30], storage: [0, 0] }, sipjs: { renderer: [150, 150] } } };
    const line = formatScenario('none', measured, 3).split('\n').find((l) => l.includes('by process'));
    expect(line).toBe('processor time per set-up by process (mean ms): ours: renderer 210, GPU 25 | SIP.js 0.21: renderer 150');
  });
});

describe('formatExtras', () => {
  it('prints the bundle, the page load and says how to get soak figures', () => {
    const text = formatExtras({
      bundle: { initialGzipBytes: 2048, initialFiles: ['a.js'], lazyGzipBytes: 1024, lazyFiles: ['b.js'] },
      pageLoad: { ready: [100, 120], registered: [150, 170] },
    });
    expect(text).toContain('2.0 KB in 1 file(s) (a.js)');
    expect(text).toContain('registered (Connect pressed at once): median 160.0 ms');
    expect(text).toContain('BENCH_SOAK=1');
  });
});
