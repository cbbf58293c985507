// The last digest challenge a server sent for a call, answered again on the next call without
// waiting to be asked. RFC 3261 §22.3: once authentication has succeeded, "a UA SHOULD cache the
// credentials for a given realm ... and attempt to re-use these values on the next request for
// that destination". Every call otherwise pays a round trip before it even reaches the far end
// (INVITE, 407, ACK, INVITE again), and on a real network that round trip is the largest part of
// the time to ringing.
//
// It costs nothing when it does not work: a server that will not take the nonce again (expired,
// one-time nonces) answers 401/407 as it would have anyway, SIP.js answers that challenge as
// usual (replacing our header), and the new challenge is remembered. Each reuse counts up the
// nonce count (nc) of the same digest, as RFC 2617 asks of a client that uses a nonce again.
//
// Only new INVITEs get it, only from challenges to INVITEs (a REGISTER's 401 may come from
// another realm, or be checked on another header), only on the connection that was challenged
// (the cache lives with the UserAgent), and not for `qop=auth-int` alone (the digest would have
// to cover a body that does not exist yet).

import type { UserAgent } from 'sip.js';
import type { DigestAuthentication, OutgoingRequestMessage } from 'sip.js/lib/core/index.js';

/** Past this age a nonce is not tried again: most servers have let it expire by then. */
export const CACHED_CHALLENGE_MAX_AGE_MS = 5 * 60_000;

type AuthorizationHeader = 'Authorization' | 'Proxy-Authorization';

/** The parts of a parsed WWW-/Proxy-Authenticate challenge SIP.js's digest reads. */
interface Challenge {
  realm?: string;
  nonce?: string;
  qop?: string | string[];
  algorithm?: string;
  opaque?: string;
  stale?: boolean;
}

interface Remembered {
  /** The digest that answered the challenge: its nonce count goes on from there. */
  digest: DigestAuthentication;
  /** Its own authenticate, not the one follow() wraps: a reuse is not a new challenge. */
  answer: DigestAuthentication['authenticate'];
  challenge: Challenge;
  header: AuthorizationHeader;
  at: number;
}

export interface CacheClock {
  now(): number;
}

export class CredentialCache {
  private remembered: Remembered | null = null;

  private constructor(private readonly clock: CacheClock) {}

  /**
   * Follows every digest SIP.js makes for this user agent (its core's authentication factory),
   * and remembers the challenge of each INVITE it answers.
   */
  static install(userAgent: UserAgent, clock: CacheClock = performance): CredentialCache {
    const cache = new CredentialCache(clock);
    const configuration = userAgent.userAgentCore.configuration;
    const make = configuration.authenticationFactory;
    configuration.authenticationFactory = () => {
      const digest = make();
      if (digest) cache.follow(digest);
      return digest;
    };
    return cache;
  }

  /**
   * Adds the cached credentials to a new INVITE about to be sent. Returns whether it did (for
   * the call's timeline).
   */
  authorize(request: OutgoingRequestMessage): boolean {
    const cached = this.remembered;
    if (!cached || request.method !== 'INVITE') return false;
    if (this.clock.now() - cached.at > CACHED_CHALLENGE_MAX_AGE_MS) {
      this.remembered = null;
      return false;
    }
    if (!cached.answer(request, cached.challenge)) return false;
    request.setHeader(cached.header, cached.digest.toString());
    return true;
  }

  /** Nothing is answered up front until the server challenges again. */
  forget(): void {
    this.remembered = null;
  }

  private follow(digest: DigestAuthentication): void {
    const answer = digest.authenticate.bind(digest);
    digest.authenticate = (request: OutgoingRequestMessage, challenge: Challenge, body?: string): boolean => {
      const answered = answer(request, challenge, body);
      if (answered && request.method === 'INVITE' && reusable(challenge)) {
        // SIP.js puts the answer on the request right after this returns, under the header
        // that matches the challenge (Proxy-Authorization for a 407): read which, then.
        queueMicrotask(() => {
          const header = headerCarrying(request, digest);
          if (header) this.remembered = { digest, answer, challenge, header, at: this.clock.now() };
        });
      }
      return answered;
    };
  }
}

function reusable(challenge: Challenge): boolean {
  if (!challenge.qop) return true;
  const qop = Array.isArray(challenge.qop) ? challenge.qop : [challenge.qop];
  return qop.includes('auth');
}

function headerCarrying(request: OutgoingRequestMessage, digest: DigestAuthentication): AuthorizationHeader | null {
  const value = digest.toString();
  if (request.getHeader('Proxy-Authorization') === value) return 'Proxy-Authorization';
  if (request.getHeader('Authorization') === value) return 'Authorization';
  return null;
}
