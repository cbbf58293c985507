import { describe, expect, it } from 'vitest';
import { emptySamples, formatTable, type BenchResults } from './report';

function results(): BenchResults {
  const ours = emptySamples();
  const baseline = emptySamples();
  ours.register.push(10, 20, 30);
  baseline.register.push(20, 40, 60);
  ours.established.push(50, 50, 50);
  baseline.established.push(100, 100, 100);
  ours.firstAudio.push(80);
  baseline.firstAudio.push(160);
  ours.ringing.push(4);
  baseline.ringing.push(2);
  return { calls: 3, startedAt: '', browser: '', network: '', ours, baseline, oursRingingPainted: [], notes: [] };
}

describe('formatTable', () => {
  it('prints median, p95 and the ratio of medians for each metric', () => {
    const table = formatTable(results());
    const register = table.split('\n').find((l) => l.includes('register'));
    expect(register?.split('|').map((c) => c.trim())).toEqual(['', expect.stringContaining('register'), '20.0', '30.0', '40.0', '60.0', '0.50', '']);
    expect(table).toMatch(/ringing shown.*\| 2\.00 +\|$/m);
  });
  it('adds the painted-frame row only when it was measured', () => {
    expect(formatTable(results())).not.toContain('painted');
    const withPaint = { ...results(), oursRingingPainted: [12] };
    expect(formatTable(withPaint)).toContain('painted');
  });
});
