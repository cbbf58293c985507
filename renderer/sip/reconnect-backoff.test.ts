import { describe, expect, it } from 'vitest';
import { CONNECTION_BACKOFF, DEFAULT_BACKOFF, SERVER_BACKOFF, reconnectDelayMs, retryAfterDelayMs } from './reconnect-backoff';

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

describe('CONNECTION_BACKOFF (the socket dropped)', () => {
  // A user must be registered again within 3 s of the server returning: no wait between two
  // connection attempts may exceed 2 s, whatever the attempt number and the random draw.
  it('never waits more than 2 s, even after hours of outage', () => {
    for (const attempt of [1, 2, 3, 4, 5, 6, 10, 50, 10_000]) {
      for (const draw of [0, 0.25, 0.5, 0.999, 1]) {
        const delay = reconnectDelayMs(attempt, CONNECTION_BACKOFF, () => draw);
        expect(delay, `attempt ${attempt}, draw ${draw}`).toBeLessThanOrEqual(2000);
        expect(delay).toBeGreaterThan(0);
      }
    }
  });

  it('spreads capped attempts between half the cap and the cap', () => {
    expect(reconnectDelayMs(30, CONNECTION_BACKOFF, () => 0)).toBe(1000);
    expect(reconnectDelayMs(30, CONNECTION_BACKOFF, () => 1)).toBe(2000);
    const draws = Array.from({ length: 200 }, () => reconnectDelayMs(30, CONNECTION_BACKOFF));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...draws)).toBeLessThanOrEqual(2000);
    // Phones of one office that lost the server together do not all come back at once.
    expect(new Set(draws).size).toBeGreaterThan(20);
  });

  it('retries a blip quickly', () => {
    expect(reconnectDelayMs(1, CONNECTION_BACKOFF, () => 1)).toBeLessThanOrEqual(250);
  });
});

describe('SERVER_BACKOFF (the server answered 5xx without Retry-After)', () => {
  it('backs off further than a dropped socket, up to 30 s', () => {
    expect(reconnectDelayMs(1, SERVER_BACKOFF, () => 1)).toBe(2000);
    expect(reconnectDelayMs(100, SERVER_BACKOFF, () => 1)).toBe(30_000);
    expect(reconnectDelayMs(100, SERVER_BACKOFF, () => 0)).toBe(15_000);
  });
});

describe('retryAfterDelayMs', () => {
  it('never retries before the server said, and only a little after', () => {
    for (const draw of [0, 0.5, 1]) {
      const delay = retryAfterDelayMs(30, () => draw);
      expect(delay).toBeGreaterThanOrEqual(30_000);
      expect(delay).toBeLessThanOrEqual(31_000);
    }
    expect(retryAfterDelayMs(2, () => 1)).toBeLessThanOrEqual(2200);
    expect(retryAfterDelayMs(2, () => 0)).toBe(2000);
  });

  it('bounds a Retry-After that would silence the phone for days', () => {
    expect(retryAfterDelayMs(86_400, () => 0)).toBe(3_600_000);
  });

  it('retries soon on Retry-After: 0', () => {
    expect(retryAfterDelayMs(0, () => 1)).toBeLessThanOrEqual(1000);
  });
});
