// Every Wazo Platform address the client uses, built from the one server name the user types.
// A Wazo stack puts all its services behind one nginx on 443 (wazo-auth, wazo-confd,
// wazo-calld under /api/<service>/<version>, wazo-websocketd under /api/websocketd/, and
// Asterisk's SIP WebSocket under /api/asterisk/ws), so `wazo.example.com` is enough.
//
// https/wss is the default. An explicit http:// is accepted for loopback hosts only (the test
// stand-in listens on 127.0.0.1): a Wazo password must never cross a network in clear.

export interface WazoServer {
  /** `https://wazo.example.com` (or `http://127.0.0.1:8443`): no path, no trailing slash. */
  origin: string;
  /** `wazo.example.com` or `127.0.0.1:8443`, as the origin has it. */
  host: string;
  /** The host name alone (`[::1]` for IPv6), the SIP domain of the line. */
  hostname: string;
  secure: boolean;
}

export type ServerAddressIssue = 'server-missing' | 'server-invalid' | 'server-insecure';

export type ServerAddressResult = { ok: true; server: WazoServer } | { ok: false; code: ServerAddressIssue };

/** REST API versions of the specifications this client follows (see e2e/wazo-standin/README.md). */
export const API_VERSIONS = { auth: '0.1', confd: '1.1', calld: '1.0' } as const;
export type WazoService = keyof typeof API_VERSIONS;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';
}

/**
 * `wazo.example.com`, `wazo.example.com:8443`, `https://wazo.example.com/` or, for a server on
 * this machine, `http://127.0.0.1:8080`. Anything with a path, a query, credentials or another
 * scheme is refused rather than guessed at.
 */
export function parseWazoServer(input: string): ServerAddressResult {
  const text = input.trim();
  if (text === '') return { ok: false, code: 'server-missing' };
  if (/\s/.test(text) || text.length > 255) return { ok: false, code: 'server-invalid' };
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'https' && scheme !== 'http') return { ok: false, code: 'server-invalid' };
  let url: URL;
  try {
    url = new URL(scheme ? text : `https://${text}`);
  } catch {
    return { ok: false, code: 'server-invalid' };
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || text.endsWith('#') || text.endsWith('?')) {
    return { ok: false, code: 'server-invalid' };
  }
  if (url.pathname !== '/' || url.hostname === '') return { ok: false, code: 'server-invalid' };
  const secure = url.protocol === 'https:';
  if (!secure && !isLoopback(url.hostname)) return { ok: false, code: 'server-insecure' };
  return { ok: true, server: { origin: url.origin, host: url.host, hostname: url.hostname, secure } };
}

/** `https://host/api/auth/0.1/token`: `path` is relative to the service's versioned root. */
export function apiUrl(server: WazoServer, service: WazoService, path: string): string {
  return `${server.origin}/api/${service}/${API_VERSIONS[service]}/${path.replace(/^\/+/, '')}`;
}

/** wazo-websocketd, protocol version 2; the token goes in the query (a browser cannot set headers on a WebSocket). */
export function websocketdUrl(server: WazoServer, token: string): string {
  return `${server.secure ? 'wss' : 'ws'}://${server.host}/api/websocketd/?token=${encodeURIComponent(token)}&version=2`;
}

/** Asterisk's SIP-over-WebSocket endpoint, as the reference SDK connects to it. */
export function sipWebSocketUrl(server: WazoServer): string {
  return `${server.secure ? 'wss' : 'ws'}://${server.host}/api/asterisk/ws`;
}
