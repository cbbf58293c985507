import { describe, expect, it } from 'vitest';
import { cancelMeansAnsweredElsewhere, outcomeOfFailureResponse } from './call-outcomes';

describe('outcomeOfFailureResponse', () => {
  it.each([
    [603, 'declined'],
    [486, 'busy'],
    [600, 'busy'],
    [404, 'not-found'],
    [604, 'not-found'],
    [484, 'not-found'],
    [480, 'unavailable'],
    [503, 'unavailable'],
    [408, 'no-answer'],
    [487, 'canceled-locally'],
    [488, 'rejected'],
    [500, 'rejected'],
  ] as const)('%i -> %s', (code, reason) => {
    expect(outcomeOfFailureResponse(code)).toEqual({ reason, sipCode: code });
  });

  it('keeps the far end’s reason phrase, bounded', () => {
    expect(outcomeOfFailureResponse(486, 'Busy Here').sipReason).toBe('Busy Here');
    expect(outcomeOfFailureResponse(486, 'x'.repeat(500)).sipReason).toHaveLength(120);
  });
});

describe('cancelMeansAnsweredElsewhere', () => {
  it.each([
    ['SIP;cause=200;text="Call completed elsewhere"', true],
    ['SIP ; cause = 200', true],
    ['Q.850;cause=16, SIP;cause=200;text="Call completed elsewhere"', true],
    ['SIP;cause=487;text="Request Terminated"', false],
    ['Q.850;cause=200', false],
    ['SIP;cause=2000', false],
    [undefined, false],
    ['', false],
  ])('%s -> %s', (header, expected) => {
    expect(cancelMeansAnsweredElsewhere(header)).toBe(expected);
  });
});
