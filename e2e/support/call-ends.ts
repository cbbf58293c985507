// How each of a page's calls ended, as the phone itself reports it (onCallEnded): answered
// (it was established) or missed (the caller gave up first). Race tests count both, so that a
// race one side never wins (an Answer that silently does nothing) cannot pass unnoticed.

import type { Page } from '@playwright/test';
import type { PhoneApi } from '../../renderer/sip/phone-api';

export type CallEnd = 'answered' | 'missed';

type Scope = { __callEnds: CallEnd[]; __softphone: { phone: PhoneApi } };

/** Starts recording; call once per page, before its first call. */
export async function recordCallEnds(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = window as unknown as Scope;
    const ends: CallEnd[] = [];
    scope.__callEnds = ends;
    scope.__softphone.phone.on('onCallEnded', (session) => ends.push(session.answered ? 'answered' : 'missed'));
  });
}

/** How the page's `count`-th call ended (waits for it to end). */
export async function nthCallEnd(page: Page, count: number): Promise<CallEnd> {
  await page.waitForFunction((n) => (window as unknown as Scope).__callEnds.length >= n, count);
  return page.evaluate((n) => (window as unknown as Scope).__callEnds[n - 1]!, count);
}

/**
 * A round after a lost race must still be answerable: some round after the first loss was
 * answered. A loss in the last round leaves no later round to judge by (the race test answers
 * one more call after its rounds for that).
 */
export function answeredAfterEveryLoss(outcomes: readonly CallEnd[]): boolean {
  const firstLost = outcomes.indexOf('missed');
  return firstLost < 0 || firstLost === outcomes.length - 1 || outcomes.slice(firstLost + 1).includes('answered');
}
