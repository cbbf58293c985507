import { describe, expect, test } from 'vitest';
import type { WazoAuthSession } from './auth-client';
import { refreshDelayMs, refreshLeadMs, retryDelayMs, TokenKeeper, type Timers } from './token-refresh';
import { WazoError } from './wazo-errors';

/** Timers that move only when the test says so. */
function manualTimers() {
  let now = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  const timers: Timers = {
    setTimeout(callback, ms) {
      const id = nextId++;
      pending.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    now: () => now,
  };
  return {
    timers,
    /** Runs every timer due up to `ms` from now, in order. */
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      now = end;
    },
    get now() {
      return now;
    },
    scheduledIn(): number[] {
      return [...pending.values()].map((t) => t.at - now);
    },
  };
}

function session(token: string, issuedAt: number, lifetimeMs: number): WazoAuthSession {
  return { token, refreshToken: 'refresh', userUuid: 'u', tenantUuid: null, lifetimeMs, expiresAt: issuedAt + lifetimeMs };
}

describe('when to refresh', () => {
  test('a quarter of the lifetime before expiry, never more than a minute before', () => {
    expect(refreshLeadMs(4_000)).toBe(1_000);
    expect(refreshLeadMs(3_600_000)).toBe(60_000);
    expect(refreshDelayMs(session('t', 0, 4_000), 0)).toBe(3_000);
    expect(refreshDelayMs(session('t', 0, 3_600_000), 0)).toBe(3_540_000);
    // Already late (a laptop waking up): at once.
    expect(refreshDelayMs(session('t', 0, 4_000), 10_000)).toBe(0);
  });

  test('retries back off, and stay at the longest wait', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(retryDelayMs)).toEqual([1_000, 2_000, 5_000, 10_000, 30_000, 30_000, 30_000]);
  });
});

describe('TokenKeeper', () => {
  test('refreshes before each expiry and hands over every new token', async () => {
    const clock = manualTimers();
    const handed: string[] = [];
    let count = 0;
    const keeper = new TokenKeeper(
      session('t0', 0, 4_000),
      async () => session(`t${++count}`, clock.now, 4_000),
      { onRefreshed: (next) => handed.push(next.token), onEnded: () => handed.push('ended') },
      clock.timers,
    );
    keeper.start();
    await clock.advance(2_999);
    expect(handed).toEqual([]);
    await clock.advance(1);
    expect(handed).toEqual(['t1']);
    await clock.advance(3_000);
    expect(handed).toEqual(['t1', 't2']);
    expect(keeper.current.token).toBe('t2');
    keeper.stop();
    await clock.advance(60_000);
    expect(handed).toEqual(['t1', 't2']);
  });

  test('an unreachable server is retried with backoff; a refused refresh token ends the session', async () => {
    const clock = manualTimers();
    const outcomes: string[] = [];
    const answers: Array<() => Promise<WazoAuthSession>> = [
      () => Promise.reject(new WazoError('server-unreachable')),
      () => Promise.reject(new WazoError('server-error', 503)),
      () => Promise.reject(new WazoError('session-expired', 401)),
    ];
    const keeper = new TokenKeeper(
      session('t0', 0, 4_000),
      () => answers.shift()!(),
      { onRefreshed: () => outcomes.push('refreshed'), onEnded: (error) => outcomes.push(`ended:${error.code}`) },
      clock.timers,
    );
    keeper.start();
    await clock.advance(3_000);
    expect(clock.scheduledIn()).toEqual([1_000]);
    await clock.advance(1_000);
    expect(clock.scheduledIn()).toEqual([2_000]);
    await clock.advance(2_000);
    expect(outcomes).toEqual(['ended:session-expired']);
    expect(clock.scheduledIn()).toEqual([]);
  });

  test('refreshNow (a 401 before the planned refresh) makes one request however many ask', async () => {
    const clock = manualTimers();
    let requests = 0;
    const keeper = new TokenKeeper(
      session('t0', 0, 3_600_000),
      async () => session(`t${++requests}`, clock.now, 3_600_000),
      { onRefreshed: () => undefined, onEnded: () => undefined },
      clock.timers,
    );
    keeper.start();
    const [a, b] = await Promise.all([keeper.refreshNow(), keeper.refreshNow()]);
    expect(requests).toBe(1);
    expect(a.token).toBe('t1');
    expect(b.token).toBe('t1');
    // And the next planned refresh follows the new token.
    expect(clock.scheduledIn()).toEqual([3_540_000]);
  });
});
