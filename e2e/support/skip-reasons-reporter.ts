// Playwright's list reporter shows a skipped test as a dash; a skip must say why (here: the
// desktop suite where no Electron binary exists), so print each reason at the end of the run.

import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reasons = [...test.annotations, ...result.annotations]
      .filter((a) => a.type === 'skip' && a.description)
      .map((a) => a.description);
    this.skipped.push(`  - ${test.titlePath().filter(Boolean).join(' › ')}: ${[...new Set(reasons)].join('; ') || 'no reason given'}`);
  }

  onEnd(_result: FullResult): void {
    if (this.skipped.length === 0) return;
    console.log(`\nSkipped, and why:\n${this.skipped.join('\n')}`);
  }
}
