// When the socket drops we retry quickly (a blip of Wi-Fi, a proxy restart) and keep retrying
// at most 2 s apart, so that a user is registered again within 3 s of the server returning;
// the jitter spreads the phones of an office out so that they do not all come back at once.
// A server that answers 5xx is alive but overloaded: it gets longer waits, and exactly the
// wait it asks for when it sends Retry-After.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1: the share of each delay that is randomised. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, jitter: 0.3 };

/** Between WebSocket attempts, and after a REGISTER that got no answer at all. */
export const CONNECTION_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 2000, jitter: 0.5 };

/** After a 5xx that named no Retry-After. */
export const SERVER_BACKOFF: BackoffOptions = { initialMs: 2000, maxMs: 30_000, jitter: 0.5 };

/** A Retry-After longer than this is treated as this: the phone never goes silent for days. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
const MIN_DELAY_MS = 250;

/** Delay before reconnection attempt `attempt` (1-based). */
export function reconnectDelayMs(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const base = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  const spread = base * options.jitter;
  return Math.round(base - spread + random() * spread);
}

/**
 * Delay for a server's `Retry-After: seconds`: never earlier than it said, and at most 10 %
 * (1 s at most) later, so that phones told the same thing do not return in one burst.
 */
export function retryAfterDelayMs(seconds: number, random: () => number = Math.random): number {
  const base = Math.min(Math.max(0, seconds), MAX_RETRY_AFTER_SECONDS) * 1000;
  const spread = Math.min(1000, base * 0.1);
  return Math.max(MIN_DELAY_MS, Math.round(base + random() * spread));
}
