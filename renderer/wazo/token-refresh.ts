// Keeps a wazo-auth token alive: a new one from the refresh token shortly before the current
// one expires, retried with backoff while the server cannot be reached (a refresh token
// outlives its tokens, so a late refresh still works), and given up only when the server
// refuses the refresh token itself. The SIP line never depends on this: it registers with
// the line's own SIP credentials.

import type { WazoAuthSession } from './auth-client';
import { WazoError } from './wazo-errors';

/** Refresh this long before expiry: a quarter of the lifetime, at most a minute. */
export function refreshLeadMs(lifetimeMs: number): number {
  return Math.min(60_000, Math.max(0, lifetimeMs) / 4);
}

/** How long to wait before refreshing `session`, from `now` (our clock). */
export function refreshDelayMs(session: Pick<WazoAuthSession, 'expiresAt' | 'lifetimeMs'>, now: number): number {
  return Math.max(0, session.expiresAt - refreshLeadMs(session.lifetimeMs) - now);
}

export const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000] as const;

/** The wait after the `failures`-th refresh failure in a row (1-based). */
export function retryDelayMs(failures: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(failures, 1), RETRY_DELAYS_MS.length) - 1]!;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface TokenKeeperHooks {
  /** A new token is in use (give it to the websocketd connection). */
  onRefreshed(session: WazoAuthSession): void;
  /** The server refused the refresh token: the session is over. */
  onEnded(error: WazoError): void;
}

export class TokenKeeper {
  private timer: unknown = null;
  private failures = 0;
  private stopped = false;
  private inFlight: Promise<WazoAuthSession> | null = null;

  constructor(
    private session: WazoAuthSession,
    private readonly refresh: (refreshToken: string) => Promise<WazoAuthSession>,
    private readonly hooks: TokenKeeperHooks,
    private readonly timers: Timers = realTimers,
  ) {}

  get current(): WazoAuthSession {
    return this.session;
  }

  start(): void {
    this.schedule(refreshDelayMs(this.session, this.timers.now()));
  }

  stop(): void {
    this.stopped = true;
    this.clear();
  }

  /**
   * Refreshes now (a request was refused with 401 before the planned refresh): one refresh at a
   * time, however many callers ask.
   */
  refreshNow(): Promise<WazoAuthSession> {
    if (this.inFlight) return this.inFlight;
    const refreshToken = this.session.refreshToken;
    if (this.stopped) return Promise.reject(new WazoError('session-expired'));
    if (!refreshToken) {
      const error = new WazoError('session-expired', undefined, 'no refresh token');
      this.end(error);
      return Promise.reject(error);
    }
    this.clear();
    const attempt = this.refresh(refreshToken).then(
      (next) => {
        this.inFlight = null;
        if (this.stopped) return next;
        this.session = next;
        this.failures = 0;
        this.hooks.onRefreshed(next);
        this.schedule(refreshDelayMs(next, this.timers.now()));
        return next;
      },
      (error: unknown) => {
        this.inFlight = null;
        const wazoError = error instanceof WazoError ? error : new WazoError('server-unreachable');
        if (this.stopped) throw wazoError;
        if (wazoError.code === 'session-expired') {
          this.end(wazoError);
        } else {
          this.failures += 1;
          this.schedule(retryDelayMs(this.failures));
        }
        throw wazoError;
      },
    );
    this.inFlight = attempt;
    return attempt;
  }

  private end(error: WazoError): void {
    this.stop();
    this.hooks.onEnded(error);
  }

  private schedule(delayMs: number): void {
    this.clear();
    if (this.stopped) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.refreshNow().catch(() => undefined);
    }, delayMs);
  }

  private clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
