import { describe, expect, test } from 'vitest';
import type { CallEndReason } from '../../shared/phone-status';
import { isMissed, talkSeconds } from './history-entry';
import { historyOutcome } from './history-outcome';

const of = (reason: CallEndReason, sipCode?: number) => (sipCode === undefined ? { reason } : { reason, sipCode });

describe('historyOutcome', () => {
  test.each([
    // incoming, never answered
    ['incoming', false, of('missed'), 'missed'],
    ['incoming', false, of('connection-lost'), 'missed'],
    ['incoming', false, of('failed'), 'missed'],
    ['incoming', false, of('declined-locally', 603), 'declined'],
    ['incoming', false, of('do-not-disturb', 486), 'do-not-disturb'],
    ['incoming', false, of('answered-elsewhere'), 'answered-elsewhere'],
    ['incoming', false, of('unsupported-offer'), 'failed'],
    // incoming, answered
    ['incoming', true, of('hung-up-remotely'), 'answered'],
    ['incoming', true, of('hung-up-locally'), 'answered'],
    ['incoming', true, of('media-lost'), 'answered'],
    ['incoming', true, of('ended-unconfirmed', 408), 'answered'],
    ['incoming', true, of('no-ack'), 'failed'],
    ['incoming', true, of('transferred'), 'transferred'],
    // outgoing, never answered
    ['outgoing', false, of('declined', 603), 'declined'],
    ['outgoing', false, of('busy', 486), 'busy'],
    ['outgoing', false, of('no-answer', 408), 'no-answer'],
    ['outgoing', false, of('canceled-locally'), 'cancelled'],
    ['outgoing', false, of('not-found', 404), 'failed'],
    ['outgoing', false, of('unavailable', 480), 'failed'],
    ['outgoing', false, of('rejected', 403), 'failed'],
    ['outgoing', false, of('connection-lost'), 'failed'],
    ['outgoing', false, of('failed'), 'failed'],
    // outgoing, answered
    ['outgoing', true, of('hung-up-locally'), 'answered'],
    ['outgoing', true, of('hung-up-remotely'), 'answered'],
    ['outgoing', true, of('connection-lost'), 'answered'],
    ['outgoing', true, of('transferred'), 'transferred'],
  ] as const)('%s, answered %s, %o -> %s', (direction, answered, outcome, expected) => {
    expect(historyOutcome(direction, answered, outcome)).toBe(expected);
  });

  test('missed calls are the unanswered incoming ones the user did not choose to refuse', () => {
    expect(isMissed({ outcome: 'missed' })).toBe(true);
    expect(isMissed({ outcome: 'do-not-disturb' })).toBe(true);
    for (const outcome of ['declined', 'answered-elsewhere', 'answered', 'busy', 'interrupted'] as const) {
      expect(isMissed({ outcome })).toBe(false);
    }
  });

  test('talk time runs from the answer to the end, or to the last sign of life of an interrupted call', () => {
    expect(talkSeconds({ answeredAt: null, endedAt: 10_000, aliveAt: null })).toBe(0);
    expect(talkSeconds({ answeredAt: 1_000, endedAt: 62_400, aliveAt: 30_000 })).toBe(61);
    expect(talkSeconds({ answeredAt: 1_000, endedAt: null, aliveAt: 31_000 })).toBe(30);
    expect(talkSeconds({ answeredAt: 1_000, endedAt: null, aliveAt: null })).toBe(0);
  });
});
