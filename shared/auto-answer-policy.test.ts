import { describe, expect, it } from 'vitest';
import type { AutoAnswerMode } from './app-preferences';
import { type AutoAnswerDecision, decideAutoAnswer, policyRequestFrom } from './auto-answer-policy';
import { detectAutoAnswerRequest } from './auto-answer-signals';

// The INVITEs of the table, read by the real header detector, so this test covers the whole
// path from headers to decision.
const invites: Record<string, Record<string, string[]>> = {
  'plain INVITE': {},
  'Answer-Mode: Auto': { 'answer-mode': ['Auto'] },
  'Call-Info answer-after=0': { 'call-info': ['<sip:pbx.example.com>;answer-after=0'] },
  'Call-Info answer-after=7': { 'call-info': ['<sip:pbx.example.com>;answer-after=7'] },
  'Alert-Info intercom': { 'alert-info': ['<http://pbx.example.com>;info=intercom'] },
};

function requestOf(invite: string) {
  const headers = invites[invite]!;
  return policyRequestFrom(detectAutoAnswerRequest((name) => headers[name.toLowerCase()] ?? []));
}

const RING: AutoAnswerDecision = { action: 'ring' };
const BUSY: AutoAnswerDecision = { action: 'reject-busy' };
const answerAfter = (seconds: number): AutoAnswerDecision => ({ action: 'answer', delayMs: seconds * 1000 });

// Preference delay is 3 s throughout, so the table shows whose delay wins.
type Row = [invite: string, mode: AutoAnswerMode, dnd: boolean, busy: boolean, expected: AutoAnswerDecision];
const table: Row[] = [
  // Not busy, no DND: the mode decides.
  ['plain INVITE', 'off', false, false, RING],
  ['plain INVITE', 'when-requested', false, false, RING],
  ['plain INVITE', 'always', false, false, answerAfter(3)],
  ['Answer-Mode: Auto', 'off', false, false, RING],
  ['Answer-Mode: Auto', 'when-requested', false, false, answerAfter(3)],
  ['Answer-Mode: Auto', 'always', false, false, answerAfter(3)],
  ['Call-Info answer-after=0', 'off', false, false, RING],
  ['Call-Info answer-after=0', 'when-requested', false, false, answerAfter(0)],
  ['Call-Info answer-after=0', 'always', false, false, answerAfter(0)],
  ['Call-Info answer-after=7', 'when-requested', false, false, answerAfter(7)],
  ['Call-Info answer-after=7', 'always', false, false, answerAfter(7)],
  ['Alert-Info intercom', 'off', false, false, RING],
  ['Alert-Info intercom', 'when-requested', false, false, answerAfter(3)],
  ['Alert-Info intercom', 'always', false, false, answerAfter(3)],
  // Busy: every call rings, whatever it asks and whatever the mode.
  ['plain INVITE', 'always', false, true, RING],
  ['Answer-Mode: Auto', 'when-requested', false, true, RING],
  ['Answer-Mode: Auto', 'always', false, true, RING],
  ['Call-Info answer-after=0', 'always', false, true, RING],
  ['Alert-Info intercom', 'off', false, true, RING],
  // Do-not-disturb: refused with 486, busy or not, requested or not.
  ['plain INVITE', 'off', true, false, BUSY],
  ['plain INVITE', 'always', true, false, BUSY],
  ['Answer-Mode: Auto', 'when-requested', true, false, BUSY],
  ['Call-Info answer-after=0', 'always', true, false, BUSY],
  ['Alert-Info intercom', 'always', true, true, BUSY],
  ['plain INVITE', 'when-requested', true, true, BUSY],
];

describe('auto-answer policy', () => {
  it.each(table)('%s, mode %s, DND %s, busy %s -> %o', (invite, mode, doNotDisturb, otherCallActive, expected) => {
    const decision = decideAutoAnswer({
      request: requestOf(invite),
      preferences: { mode, delaySeconds: 3, doNotDisturb },
      otherCallActive,
    });
    expect(decision).toEqual(expected);
  });

  it('uses whole, non-negative seconds from the preference delay', () => {
    const decide = (delaySeconds: number) =>
      decideAutoAnswer({
        request: { requested: false, delaySeconds: null },
        preferences: { mode: 'always', delaySeconds, doNotDisturb: false },
        otherCallActive: false,
      });
    expect(decide(0)).toEqual(answerAfter(0));
    expect(decide(2.9)).toEqual(answerAfter(2));
    expect(decide(-5)).toEqual(answerAfter(0));
    expect(decide(Number.NaN)).toEqual(answerAfter(0));
  });

  it('ignores a delay on a request the INVITE did not make', () => {
    expect(
      decideAutoAnswer({
        request: { requested: false, delaySeconds: 9 },
        preferences: { mode: 'always', delaySeconds: 1, doNotDisturb: false },
        otherCallActive: false,
      }),
    ).toEqual(answerAfter(1));
  });

  it('treats an Alert-Info delay as given only when it is not zero', () => {
    expect(policyRequestFrom({ requested: true, delaySeconds: 4, source: 'alert-info' })).toEqual({ requested: true, delaySeconds: 4 });
    expect(policyRequestFrom({ requested: true, delaySeconds: 0, source: 'alert-info' })).toEqual({ requested: true, delaySeconds: null });
    expect(policyRequestFrom({ requested: true, delaySeconds: 0, source: 'answer-mode' })).toEqual({ requested: true, delaySeconds: null });
    expect(policyRequestFrom({ requested: false, delaySeconds: 0, source: null })).toEqual({ requested: false, delaySeconds: null });
  });
});
