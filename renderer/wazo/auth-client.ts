// wazo-auth (REST API 0.1, `wazo_auth/plugins/http/tokens/api.yml`): a token from a login and
// password, new tokens from the refresh token, and revocation at sign-out.
//
// The password is sent once, in the Basic authorization of the first POST /token, and never
// kept: later tokens come from the refresh token (`access_type: offline`), which lives in
// memory only, like the token itself.

import { z } from 'zod';
import type { WazoHttp } from './wazo-http';
import { apiUrl, type WazoServer } from './server-address';
import { WazoError } from './wazo-errors';

/** What we ask for; the server may give less (its configuration caps it). */
export const TOKEN_EXPIRATION_SECONDS = 3600;
/** wazo-auth's stock backend for Wazo users. */
const BACKEND = 'wazo_user';

export interface WazoAuthSession {
  token: string;
  refreshToken: string | null;
  userUuid: string;
  tenantUuid: string | null;
  /** How long the token lives, by the server's own clock (`utc_expires_at - utc_issued_at`). */
  lifetimeMs: number;
  /**
   * When the token stops working on our clock, at the earliest: the moment the request was
   * sent plus its lifetime. Immune to a server clock that differs from ours.
   */
  expiresAt: number;
}

const tokenResponseSchema = z.object({
  data: z.object({
    token: z.string().min(1),
    refresh_token: z.string().min(1).nullish(),
    utc_expires_at: z.string(),
    utc_issued_at: z.string().nullish(),
    metadata: z
      .object({
        uuid: z.string().min(1).nullish(),
        pbx_user_uuid: z.string().min(1).nullish(),
        tenant_uuid: z.string().nullish(),
      })
      .nullish(),
    xivo_user_uuid: z.string().nullish(),
  }),
});

/**
 * wazo-auth writes UTC times without a zone (`2026-05-05T16:05:31.123456`); JavaScript would
 * read that as local time. Returns epoch milliseconds, or NaN.
 */
export function parseUtcTime(text: string): number {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) return Number.NaN;
  const fraction = match[2] ? match[2].slice(0, 4).padEnd(4, '0') : '';
  return Date.parse(`${match[1]}${fraction}${match[3] ?? 'Z'}`);
}

/** Reads a POST /token answer; `sentAt` is our clock when the request left. */
export function parseTokenResponse(body: unknown, sentAt: number): WazoAuthSession {
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) throw new WazoError('server-error', 200, 'token answer not understood');
  const data = parsed.data.data;
  const userUuid = data.metadata?.pbx_user_uuid ?? data.metadata?.uuid ?? data.xivo_user_uuid ?? null;
  // A token that is not a Wazo user's (an admin, an external backend) has no lines to use.
  if (!userUuid) throw new WazoError('no-webrtc-line', 200, 'the token belongs to no Wazo user');
  const expires = parseUtcTime(data.utc_expires_at);
  const issued = data.utc_issued_at ? parseUtcTime(data.utc_issued_at) : Number.NaN;
  if (Number.isNaN(expires)) throw new WazoError('server-error', 200, 'token expiry not understood');
  // Without an issue time, the server's clock has to be trusted against ours.
  const lifetimeMs = Number.isNaN(issued) ? expires - sentAt : expires - issued;
  return {
    token: data.token,
    refreshToken: data.refresh_token ?? null,
    userUuid,
    tenantUuid: data.metadata?.tenant_uuid ?? null,
    lifetimeMs: Math.max(0, lifetimeMs),
    expiresAt: sentAt + Math.max(0, lifetimeMs),
  };
}

/** HTTP Basic credentials; UTF-8 first, since wazo-auth decodes UTF-8 (btoa only takes Latin-1). */
export function basicAuthorization(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

export interface AuthClient {
  logIn(username: string, password: string): Promise<WazoAuthSession>;
  refresh(refreshToken: string): Promise<WazoAuthSession>;
  /** Revokes the refresh token and the token; failures are ignored (we forget them anyway). */
  logOut(session: WazoAuthSession): Promise<void>;
}

/**
 * `clientId` names this sign-in's refresh token: wazo-auth keeps one per user and client id,
 * so each sign-in uses its own and two windows never revoke each other's.
 */
export function createAuthClient(server: WazoServer, http: WazoHttp, clientId: string, now: () => number = Date.now): AuthClient {
  const tokenUrl = apiUrl(server, 'auth', 'token');
  return {
    async logIn(username, password) {
      const sentAt = now();
      const body = await http.request({
        method: 'POST',
        url: tokenUrl,
        kind: 'log-in',
        headers: { Authorization: basicAuthorization(username, password) },
        body: { backend: BACKEND, expiration: TOKEN_EXPIRATION_SECONDS, access_type: 'offline', client_id: clientId },
      });
      return parseTokenResponse(body, sentAt);
    },

    async refresh(refreshToken) {
      const sentAt = now();
      const body = await http.request({
        method: 'POST',
        url: tokenUrl,
        kind: 'refresh',
        body: { backend: BACKEND, expiration: TOKEN_EXPIRATION_SECONDS, refresh_token: refreshToken, client_id: clientId },
      });
      const next = parseTokenResponse(body, sentAt);
      // A refresh answers with a token only; the refresh token stays the same.
      return { ...next, refreshToken: next.refreshToken ?? refreshToken };
    },

    async logOut(session) {
      const revoke = (url: string) => http.request({ method: 'DELETE', url, kind: 'authenticated', token: session.token }).catch(() => undefined);
      // The refresh token first, while the token that authorises its removal still works.
      if (session.refreshToken) await revoke(apiUrl(server, 'auth', `users/me/tokens/${encodeURIComponent(clientId)}`));
      await revoke(`${tokenUrl}/${encodeURIComponent(session.token)}`);
    },
  };
}
