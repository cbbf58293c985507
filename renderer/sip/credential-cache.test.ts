import type { UserAgent } from 'sip.js';
import { DigestAuthentication, Grammar, LoggerFactory, OutgoingRequestMessage } from 'sip.js/lib/core/index.js';
import { Md5 } from 'sip.js/lib/core/messages/md5.js';
import { describe, expect, it } from 'vitest';
import { CACHED_CHALLENGE_MAX_AGE_MS, CredentialCache } from './credential-cache';

// SIP.js's own digest and request objects; the user agent is reduced to the one hook the cache
// uses (its core's authentication factory), driven as SIP.js's authenticationGuard drives it.

const md5 = (text: string) => Md5.hashStr(text) as string;
const uri = (text: string) => Grammar.URIParse(text)!;

function phone(now = { value: 0 }) {
  const configuration = {
    authenticationFactory: (): DigestAuthentication | undefined => new DigestAuthentication(new LoggerFactory(), undefined, 'alice', 'secret'),
  };
  const userAgent = { userAgentCore: { configuration } } as unknown as UserAgent;
  const cache = CredentialCache.install(userAgent, { now: () => now.value });
  return { configuration, cache, now };
}

function invite(target = 'sip:bob@example.com', method = 'INVITE'): OutgoingRequestMessage {
  return new OutgoingRequestMessage(method, uri(target), uri('sip:alice@example.com'), uri(target), { callId: `call-${Math.random()}`, cseq: 1 });
}

/** What SIP.js does with a 401/407 (user-agent-client.ts authenticationGuard). */
async function answerChallenge(configuration: ReturnType<typeof phone>['configuration'], request: OutgoingRequestMessage, challenge: object, header: string): Promise<void> {
  const digest = configuration.authenticationFactory()!;
  expect(digest.authenticate(request, challenge)).toBe(true);
  request.setHeader(header, digest.toString());
  await Promise.resolve();
}

/** The parameters of a Digest header value. */
function params(value: string | undefined): Record<string, string> {
  expect(value).toMatch(/^Digest /);
  return Object.fromEntries([...value!.matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1]!, m[2]!]));
}

const CHALLENGE = { realm: 'example.com', nonce: 'n0nce', algorithm: 'MD5' };

describe('CredentialCache: the last challenge answered up front (RFC 3261 §22.3)', () => {
  it('after a 407 to one INVITE, the next INVITE carries a correct Proxy-Authorization for that nonce', async () => {
    const { configuration, cache } = phone();
    expect(cache.authorize(invite())).toBe(false);
    await answerChallenge(configuration, invite(), CHALLENGE, 'proxy-authorization');
    const next = invite('sip:carol@example.com');
    expect(cache.authorize(next)).toBe(true);
    const p = params(next.getHeader('Proxy-Authorization'));
    expect(next.getHeader('Authorization')).toBeUndefined();
    expect(p).toMatchObject({ username: 'alice', realm: 'example.com', nonce: 'n0nce', uri: 'sip:carol@example.com' });
    // What the server computes: MD5(HA1:nonce:HA2) for this request's method and URI (worked out
    // apart from SIP.js, with Node's crypto: MD5(MD5("alice:example.com:secret") + ":n0nce:" +
    // MD5("INVITE:sip:carol@example.com"))).
    expect(p.response).toBe('23c2f9f41cef6f664faa4afe11239f7f');
  });

  it('a 401 (Authorization, as Asterisk challenges calls) is answered under the same header', async () => {
    const { configuration, cache } = phone();
    await answerChallenge(configuration, invite(), CHALLENGE, 'authorization');
    const next = invite();
    expect(cache.authorize(next)).toBe(true);
    expect(next.getHeader('Authorization')).toMatch(/nonce="n0nce"/);
    expect(next.getHeader('Proxy-Authorization')).toBeUndefined();
  });

  it('with qop=auth, each reuse of the nonce counts up its nonce count (nc), as RFC 2617 asks', async () => {
    const { configuration, cache } = phone();
    await answerChallenge(configuration, invite(), { ...CHALLENGE, qop: ['auth', 'auth-int'] }, 'proxy-authorization');
    const counts = [invite(), invite()].map((request) => {
      cache.authorize(request);
      return params(request.getHeader('Proxy-Authorization'));
    });
    expect(counts.map((p) => p.nc)).toEqual(['00000002', '00000003']);
    const [second] = counts;
    const ha1 = md5('alice:example.com:secret');
    expect(second!.response).toBe(md5(`${ha1}:n0nce:00000002:${second!.cnonce}:auth:${md5('INVITE:sip:bob@example.com')}`));
  });

  it('a server that refuses the cached nonce challenges again: SIP.js replaces our header (one, not two), and the new nonce is the one remembered', async () => {
    const { configuration, cache } = phone();
    await answerChallenge(configuration, invite(), CHALLENGE, 'proxy-authorization');
    const next = invite();
    cache.authorize(next);
    await answerChallenge(configuration, next, { ...CHALLENGE, nonce: 'fresh', stale: true }, 'proxy-authorization');
    expect(next.getHeaders('Proxy-Authorization')).toHaveLength(1);
    expect(next.getHeader('Proxy-Authorization')).toMatch(/nonce="fresh"/);
    const third = invite();
    cache.authorize(third);
    expect(third.getHeader('Proxy-Authorization')).toMatch(/nonce="fresh"/);
  });

  it('nothing is remembered from a REGISTER, nor from a challenge that only allows auth-int (no body yet to cover)', async () => {
    const { configuration, cache } = phone();
    await answerChallenge(configuration, invite('sip:example.com', 'REGISTER'), CHALLENGE, 'authorization');
    expect(cache.authorize(invite())).toBe(false);
    await answerChallenge(configuration, invite(), { ...CHALLENGE, qop: 'auth-int' }, 'proxy-authorization');
    expect(cache.authorize(invite())).toBe(false);
  });

  it('only INVITEs get it; an old nonce is not tried (reusing it does not make it younger); forget() drops it', async () => {
    const { configuration, cache, now } = phone();
    await answerChallenge(configuration, invite(), CHALLENGE, 'proxy-authorization');
    expect(cache.authorize(invite('sip:bob@example.com', 'MESSAGE'))).toBe(false);
    now.value = CACHED_CHALLENGE_MAX_AGE_MS - 1;
    expect(cache.authorize(invite())).toBe(true);
    now.value = CACHED_CHALLENGE_MAX_AGE_MS + 1;
    expect(cache.authorize(invite())).toBe(false);

    await answerChallenge(configuration, invite(), CHALLENGE, 'proxy-authorization');
    expect(cache.authorize(invite())).toBe(true);
    cache.forget();
    expect(cache.authorize(invite())).toBe(false);
  });
});
