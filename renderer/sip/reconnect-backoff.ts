// When the socket drops we retry quickly first (a blip of Wi-Fi, a proxy restart) and then
// back off so that a dead server is not hammered by every phone of an office at once. The
// jitter spreads those phones out.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1: the share of each delay that is randomised. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, jitter: 0.3 };

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
