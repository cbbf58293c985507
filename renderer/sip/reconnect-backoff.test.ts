import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, reconnectDelayMs } from './reconnect-backoff';

describe('reconnectDelayMs', () => {
  it('doubles from the initial delay up to the cap', () => {
    const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };
    expect([1, 2, 3, 4].map((a) => reconnectDelayMs(a, noJitter))).toEqual([500, 1000, 2000, 4000]);
    expect(reconnectDelayMs(20, noJitter)).toBe(30_000);
    expect(reconnectDelayMs(10_000, noJitter)).toBe(30_000);
  });

  it('randomises only the jitter share, downwards', () => {
    expect(reconnectDelayMs(3, DEFAULT_BACKOFF, () => 0)).toBe(1400);
    expect(reconnectDelayMs(3, DEFAULT_BACKOFF, () => 1)).toBe(2000);
  });

  it('treats attempt 0 or negative as the first attempt', () => {
    expect(reconnectDelayMs(0, { ...DEFAULT_BACKOFF, jitter: 0 })).toBe(500);
  });
});
