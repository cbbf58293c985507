// What to do after a REGISTER failed, and when. A refusal the user must fix (401/403/404: the
// password, the address) is never retried; a server that answers 5xx or 408, a REGISTER that
// got no answer at all and a socket that dropped are retried with backoff, as long as the
// server asks (Retry-After) or at most 2 s apart when the socket is what failed.

import { Registerer, type Core, type RegistererRegisterOptions } from 'sip.js';
import type { PhoneError } from '../../shared/phone-status';
import { CONNECTION_BACKOFF, SERVER_BACKOFF, reconnectDelayMs, retryAfterDelayMs } from './reconnect-backoff';
import {
  connectionLostError,
  registrationNoAnswerError,
  registrationRejectedError,
  serverUnavailableError,
} from './registration-errors';

export type RegisterFailure =
  /** A final response that came from the network. */
  | { kind: 'answered'; statusCode: number; reasonPhrase: string; retryAfterSeconds?: number }
  /** The transaction timed out: SIP.js made up a 408 that nobody sent. */
  | { kind: 'no-answer' }
  /** The socket failed under the request (SIP.js's own 503), or it could not be sent. */
  | { kind: 'connection' };

export type RegisterOutcome = { ok: true } | { ok: false; failure: RegisterFailure };

/** Final answers that retrying cannot change: the server will say the same until something is fixed. */
const NEVER_RETRIED_5XX = new Set([501, 505, 513]);

export function isRetried(failure: RegisterFailure): boolean {
  if (failure.kind !== 'answered') return true;
  const code = failure.statusCode;
  return code === 408 || (code >= 500 && code <= 599 && !NEVER_RETRIED_5XX.has(code));
}

/**
 * Reads a final response handed to a REGISTER's onReject. SIP.js hands over responses it made
 * up itself (408 on a timeout, 503 on a transport error) as if they were received: those carry
 * no raw message text.
 */
export function registerFailureOf(message: Core.IncomingResponseMessage): RegisterFailure {
  const received = typeof message.data === 'string' && message.data.length > 0;
  if (!received) return message.statusCode === 408 ? { kind: 'no-answer' } : { kind: 'connection' };
  const statusCode = message.statusCode ?? 500;
  const retryAfter = Number.parseInt(message.getHeader('retry-after') ?? '', 10);
  return {
    kind: 'answered',
    statusCode,
    reasonPhrase: message.reasonPhrase ?? '',
    ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

export interface RetryPlan {
  delayMs: number;
  /** 1-based: how many retries in a row this is. */
  attempt: number;
  error: PhoneError;
  /**
   * The server is up and asked for (or implied) this wait: `online`, focus and the like do not
   * cut it short. A wait after a dropped socket or a lost REGISTER is cut short by them.
   */
  serverAsked: boolean;
}

/** The retries of one line: consecutive failures back off, a success starts over. */
export class RegistrationRetry {
  private attempt = 0;

  constructor(private readonly random: () => number = Math.random) {}

  get attempts(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }

  /** The retry after this failure, or null with the error to show when retrying cannot help. */
  after(failure: RegisterFailure): { retry: RetryPlan | null; error: PhoneError } {
    if (!isRetried(failure)) {
      const answered = failure as Extract<RegisterFailure, { kind: 'answered' }>;
      return { retry: null, error: registrationRejectedError(answered.statusCode, answered.reasonPhrase) };
    }
    this.attempt += 1;
    const attempt = this.attempt;
    if (failure.kind === 'connection') {
      const delayMs = reconnectDelayMs(attempt, CONNECTION_BACKOFF, this.random);
      return this.plan({ delayMs, attempt, serverAsked: false, error: connectionLostError });
    }
    if (failure.kind === 'no-answer') {
      const delayMs = reconnectDelayMs(attempt, CONNECTION_BACKOFF, this.random);
      return this.plan({ delayMs, attempt, serverAsked: false, error: registrationNoAnswerError(delayMs) });
    }
    const delayMs =
      failure.retryAfterSeconds !== undefined
        ? retryAfterDelayMs(failure.retryAfterSeconds, this.random)
        : reconnectDelayMs(attempt, SERVER_BACKOFF, this.random);
    return this.plan({
      delayMs,
      attempt,
      serverAsked: true,
      error: serverUnavailableError(failure.statusCode, failure.reasonPhrase, delayMs),
    });
  }

  /** The retry after the socket dropped (or could not be opened again). */
  afterConnectionLoss(): RetryPlan {
    return this.after({ kind: 'connection' }).retry!;
  }

  private plan(retry: RetryPlan): { retry: RetryPlan; error: PhoneError } {
    return { retry, error: retry.error };
  }
}

/**
 * A Registerer that reports the outcome of every REGISTER it sends, including the refreshes
 * SIP.js sends by itself (and its retry after a 423), which otherwise only show up as a state
 * change with no status code: a refresh refused with 503 must be retried like any other.
 */
export class ObservedRegisterer extends Registerer {
  private readonly listeners = new Set<(outcome: RegisterOutcome) => void>();
  private sent = 0;

  /** A REGISTER was sent and its final answer is not handled yet (the state may already have changed). */
  get awaitingAnswer(): boolean {
    return this.sent > 0;
  }

  onOutcome(listener: (outcome: RegisterOutcome) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  override register(options: RegistererRegisterOptions = {}): ReturnType<Registerer['register']> {
    const own = options.requestDelegate;
    const sending = super.register({
      ...options,
      requestDelegate: {
        ...own,
        onAccept: (response) => {
          own?.onAccept?.(response);
          this.report({ ok: true });
        },
        onReject: (response) => {
          // (SIP.js retries a 423 with the server's Min-Expires itself, without calling this.)
          own?.onReject?.(response);
          this.report({ ok: false, failure: registerFailureOf(response.message) });
        },
      },
    });
    this.sent += 1;
    return sending.catch((error: unknown) => {
      // Not sent (another REGISTER is pending): no answer will come for this one.
      this.sent = Math.max(0, this.sent - 1);
      throw error;
    });
  }

  private report(outcome: RegisterOutcome): void {
    this.sent = Math.max(0, this.sent - 1);
    for (const listener of [...this.listeners]) listener(outcome);
  }
}
