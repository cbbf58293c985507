// Which line this user's softphone registers with, and its SIP credentials, from wazo-confd
// (REST API 1.1): `GET /users/{uuid}` lists the user's lines (main line first), and
// `GET /users/{uuid}/lines/{id}/associated/endpoints/sip?view=merged` gives a line's SIP
// endpoint with its templates applied. A line is for WebRTC when its endpoint says
// `webrtc = yes` (or, since confd 26.03, the line says `is_webrtc: true`).
//
// confd has no `users/me/lines`: the user's uuid comes from the token (wazo-auth metadata).

import { z } from 'zod';
import type { WazoAuthSession } from './auth-client';
import type { WazoHttp } from './wazo-http';
import { apiUrl, type WazoServer } from './server-address';
import { WazoError } from './wazo-errors';

export interface DiscoveredLine {
  lineId: number;
  username: string;
  password: string;
  /** The user's name as Wazo knows it, for the SIP display name; '' when none. */
  displayName: string;
}

const optionsSchema = z.array(z.array(z.string())).nullish();

const userSchema = z.object({
  firstname: z.string().nullish(),
  lastname: z.string().nullish(),
  lines: z
    .array(
      z.object({
        id: z.number().int(),
        is_webrtc: z.boolean().nullish(),
        endpoint_sip: z.object({ uuid: z.string().nullish() }).passthrough().nullish(),
      }),
    )
    .nullish(),
});

export const endpointSchema = z.object({
  auth_section_options: optionsSchema,
  endpoint_section_options: optionsSchema,
  // Engines before 20.13 gave these flat.
  username: z.string().nullish(),
  secret: z.string().nullish(),
  options: optionsSchema,
});
export type SipEndpoint = z.infer<typeof endpointSchema>;
export type ConfdUser = z.infer<typeof userSchema>;

function option(options: readonly string[][] | null | undefined, name: string): string | undefined {
  return options?.find((entry) => entry[0] === name)?.[1];
}

/** Asterisk's boolean spellings. */
function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['yes', 'true', 'on', '1', 'y', 't'].includes(value.trim().toLowerCase());
}

export function isWebRtcEndpoint(endpoint: SipEndpoint): boolean {
  return isTrue(option(endpoint.endpoint_section_options ?? endpoint.options, 'webrtc'));
}

/** The user name and password the endpoint authenticates with, or null when either is missing. */
export function sipCredentialsOf(endpoint: SipEndpoint): { username: string; password: string } | null {
  const username = endpoint.auth_section_options ? option(endpoint.auth_section_options, 'username') : endpoint.username;
  const password = endpoint.auth_section_options ? option(endpoint.auth_section_options, 'password') : endpoint.secret;
  if (!username?.trim() || !password) return null;
  return { username: username.trim(), password };
}

/** The lines worth asking about, in the user's order: SIP ones not known to be non-WebRTC. */
export function candidateLines(user: ConfdUser): Array<{ id: number; saysWebRtc: boolean }> {
  return (user.lines ?? [])
    .filter((line) => line.endpoint_sip && line.is_webrtc !== false)
    .map((line) => ({ id: line.id, saysWebRtc: line.is_webrtc === true }));
}

/** Quotes, backslashes and control characters cannot go in a SIP display name. */
export function displayNameOf(user: ConfdUser): string {
  return [user.firstname, user.lastname]
    .filter((part): part is string => !!part)
    .join(' ')
    .replace(/["\\\p{Cc}\u2028\u2029]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 128);
}

export async function discoverLine(server: WazoServer, http: WazoHttp, session: Pick<WazoAuthSession, 'token' | 'userUuid'>): Promise<DiscoveredLine> {
  const userPath = `users/${encodeURIComponent(session.userUuid)}`;
  const userBody = await http.request({ method: 'GET', url: apiUrl(server, 'confd', userPath), kind: 'authenticated', token: session.token });
  const user = userSchema.safeParse(userBody);
  if (!user.success) throw new WazoError('server-error', 200, 'user not understood');

  for (const { id: lineId, saysWebRtc } of candidateLines(user.data)) {
    let body: unknown;
    try {
      body = await http.request({
        method: 'GET',
        url: apiUrl(server, 'confd', `${userPath}/lines/${lineId}/associated/endpoints/sip?view=merged`),
        kind: 'authenticated',
        token: session.token,
      });
    } catch (error) {
      // A line whose endpoint is gone (404) is skipped, as the reference SDK does; the rest is news.
      if (error instanceof WazoError && error.status === 404) continue;
      throw error;
    }
    const endpoint = endpointSchema.safeParse(body);
    if (!endpoint.success || !(saysWebRtc || isWebRtcEndpoint(endpoint.data))) continue;
    const credentials = sipCredentialsOf(endpoint.data);
    if (!credentials) throw new WazoError('line-without-credentials', undefined, `line ${lineId}`);
    return { lineId, ...credentials, displayName: displayNameOf(user.data) };
  }
  throw new WazoError('no-webrtc-line');
}
