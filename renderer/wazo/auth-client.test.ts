import { describe, expect, test } from 'vitest';
import { basicAuthorization, createAuthClient, parseTokenResponse, parseUtcTime } from './auth-client';
import { parseWazoServer, type WazoServer } from './server-address';
import type { WazoHttp, WazoRequest } from './wazo-http';
import { WazoError } from './wazo-errors';

const server = (parseWazoServer('wazo.example.com') as { ok: true; server: WazoServer }).server;

/** A token answer as wazo-auth writes it (token.py to_dict): UTC times without a zone. */
function tokenBody(overrides: Record<string, unknown> = {}) {
  return {
    data: {
      token: 'tok-1',
      refresh_token: 'refresh-1',
      auth_id: 'u-1',
      xivo_user_uuid: 'u-1',
      xivo_uuid: 'stack',
      issued_at: '2026-05-05T18:05:31.123456',
      expires_at: '2026-05-05T19:05:31.123456',
      utc_issued_at: '2026-05-05T16:05:31.123456',
      utc_expires_at: '2026-05-05T17:05:31.123456',
      acl: [],
      metadata: { uuid: 'u-1', tenant_uuid: 't-1', pbx_user_uuid: 'u-1', purpose: 'user' },
      session_uuid: 's-1',
      ...overrides,
    },
  };
}

describe('reading wazo-auth tokens', () => {
  test('UTC times without a zone are UTC, not local time', () => {
    expect(parseUtcTime('2026-05-05T16:05:31.123456')).toBe(Date.UTC(2026, 4, 5, 16, 5, 31, 123));
    expect(parseUtcTime('2026-05-05T16:05:31')).toBe(Date.UTC(2026, 4, 5, 16, 5, 31));
    expect(parseUtcTime('2026-05-05T16:05:31+02:00')).toBe(Date.UTC(2026, 4, 5, 14, 5, 31));
    expect(parseUtcTime('yesterday')).toBeNaN();
  });

  test('the lifetime is measured on the server clock, the expiry placed on ours', () => {
    // Our clock is far from the server's (a day behind): only the lifetime matters.
    const sentAt = Date.UTC(2026, 4, 4, 9, 0, 0);
    const session = parseTokenResponse(tokenBody(), sentAt);
    expect(session).toEqual({
      token: 'tok-1',
      refreshToken: 'refresh-1',
      userUuid: 'u-1',
      tenantUuid: 't-1',
      lifetimeMs: 3_600_000,
      expiresAt: sentAt + 3_600_000,
    });
  });

  test('a token of nobody in particular cannot give a line; a garbled one is a server error', () => {
    expect(() => parseTokenResponse(tokenBody({ metadata: {}, xivo_user_uuid: null }), 0)).toThrow(WazoError);
    expect(() => parseTokenResponse({ data: { token: 'x' } }, 0)).toThrow(/server-error/);
  });

  test('basic credentials are UTF-8 (wazo-auth decodes UTF-8 first)', () => {
    expect(basicAuthorization('alice', 'secret')).toBe(`Basic ${btoa('alice:secret')}`);
    expect(basicAuthorization('élodie', 'pässwörd€')).toBe('Basic w6lsb2RpZTpww6Rzc3fDtnJk4oKs');
  });
});

describe('auth client', () => {
  function recordingHttp(answer: (request: WazoRequest) => unknown): { http: WazoHttp; requests: WazoRequest[] } {
    const requests: WazoRequest[] = [];
    return {
      requests,
      http: {
        async request(request) {
          requests.push(request);
          return answer(request);
        },
      },
    };
  }

  test('logs in once with the password, for an offline (refreshable) token of this client', async () => {
    const { http, requests } = recordingHttp(() => tokenBody());
    const session = await createAuthClient(server, http, 'softphone-abc', () => 1000).logIn('alice', 'pw');
    expect(session.token).toBe('tok-1');
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: 'https://wazo.example.com/api/auth/0.1/token',
      kind: 'log-in',
      headers: { Authorization: basicAuthorization('alice', 'pw') },
      body: { backend: 'wazo_user', expiration: 3600, access_type: 'offline', client_id: 'softphone-abc' },
    });
  });

  test('refreshes with the refresh token and no password, keeping the refresh token', async () => {
    const { http, requests } = recordingHttp(() => tokenBody({ token: 'tok-2', refresh_token: undefined }));
    const session = await createAuthClient(server, http, 'softphone-abc').refresh('refresh-1');
    expect(session).toMatchObject({ token: 'tok-2', refreshToken: 'refresh-1' });
    expect(requests[0]!.headers).toBeUndefined();
    expect(requests[0]!.body).toEqual({ backend: 'wazo_user', expiration: 3600, refresh_token: 'refresh-1', client_id: 'softphone-abc' });
  });

  test('signing out revokes the refresh token, then the token, and ignores failures', async () => {
    const { http, requests } = recordingHttp((request) => {
      if (request.url.includes('/users/me/tokens/')) throw new WazoError('server-error', 500);
      return null;
    });
    const session = parseTokenResponse(tokenBody(), 0);
    await createAuthClient(server, http, 'softphone-abc').logOut(session);
    expect(requests.map((r) => `${r.method} ${r.url} ${r.token}`)).toEqual([
      'DELETE https://wazo.example.com/api/auth/0.1/users/me/tokens/softphone-abc tok-1',
      'DELETE https://wazo.example.com/api/auth/0.1/token/tok-1 tok-1',
    ]);
  });
});
