// TEST EQUIPMENT, never shipped. A stand-in for a Wazo Platform stack, on one loopback port,
// laid out as a real stack's nginx lays it out (see README.md beside this file for the spec
// versions and everything it leaves out):
//
//   POST/DELETE /api/auth/0.1/token…        wazo-auth: tokens, refresh tokens, revocation
//   GET         /api/confd/1.1/users/…      wazo-confd: the user, its lines, their SIP endpoints
//   PUT         /api/calld/1.0/users/me/calls/{id}/record/{action}   wazo-calld: recording
//   WebSocket   /api/websocketd/             wazo-websocketd, protocol v2: the call events
//   WebSocket   /api/asterisk/ws             the SIP WebSocket, relayed to the test Kamailio
//
// Asterisk is a B2BUA that knows every call of its users; the stand-in learns of calls the same
// way, from the SIP it carries between a phone and Kamailio (sip-relay.ts), and publishes the
// calld events a Wazo stack would for them.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CallRegistry, type CallRecord } from './calls';
import { relaySipConnection } from './sip-relay';

export interface StandinLine {
  id: number;
  /** The line's SIP endpoint; null for a line without one (a custom or SCCP line). */
  sip: { username?: string; password?: string; webrtc: boolean } | null;
}

export interface StandinUser {
  uuid: string;
  login: string;
  password: string;
  firstname: string;
  lastname: string;
  lines: StandinLine[];
}

export interface StandinOptions {
  users: StandinUser[];
  /** Kamailio's WebSocket (process.env.SOFTPHONE_WS_URL in the suite). */
  sipUpstream: string;
  /**
   * The longest token life this server grants, whatever the client asks (wazo-auth grants what
   * is asked up to its maximum): short, so a test sees refreshes.
   */
  maxTokenSeconds?: number;
  /** calld answers 403 to recording requests when false (on-demand recording disabled). */
  onDemandRecording?: boolean;
}

export interface StandinStats {
  passwordLogins: number;
  failedLogins: number;
  refreshes: number;
  tokensRevoked: number;
  refreshTokensRevoked: number;
  websocketdOpened: number;
  websocketdTokenUpdates: number;
  /** Connections websocketd closed because their token expired (4003). */
  websocketdExpired: number;
  /** Requests refused because their token was unknown or expired. */
  unauthorized: number;
  recordRequests: string[];
  sipConnections: number;
}

export interface WazoStandin {
  /** `http://127.0.0.1:PORT`: what the user types as the server in the tests. */
  url: string;
  stats(): StandinStats;
  calls(): CallRecord[];
  close(): Promise<void>;
}

interface Token {
  userUuid: string;
  expiresAt: number;
}

const TENANT = '00000000-0000-4000-8000-00000000aaaa';
const STACK = '00000000-0000-4000-8000-00000000bbbb';
const CORS_HEADERS = 'Content-Type, Authorization, X-Auth-Token, Wazo-Tenant, Wazo-Session-Type';

/** wazo-auth's UTC format (token.py): no zone, microseconds. */
function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

export async function startWazoStandin(options: StandinOptions): Promise<WazoStandin> {
  const maxTokenMs = (options.maxTokenSeconds ?? 7200) * 1000;
  const tokens = new Map<string, Token>();
  /** One refresh token per user and client id, as wazo-auth keeps them. */
  const refreshTokens = new Map<string, { userUuid: string; clientId: string }>();
  const stats: StandinStats = {
    passwordLogins: 0,
    failedLogins: 0,
    refreshes: 0,
    tokensRevoked: 0,
    refreshTokensRevoked: 0,
    websocketdOpened: 0,
    websocketdTokenUpdates: 0,
    websocketdExpired: 0,
    unauthorized: 0,
    recordRequests: [],
    sipConnections: 0,
  };
  const userByUuid = (uuid: string) => options.users.find((user) => user.uuid === uuid);
  const sessions = new Set<WebsocketdSession>();
  const registry = new CallRegistry(options.users, (userUuid, name, payload) => {
    for (const session of sessions) session.deliver(userUuid, name, payload);
  });

  function validToken(token: string | undefined | null): Token | null {
    const found = token ? tokens.get(token) : undefined;
    if (!found || found.expiresAt <= Date.now()) return null;
    return found;
  }

  function issueToken(user: StandinUser, requestedSeconds: unknown, refreshToken: string | null): Record<string, unknown> {
    const token = randomUUID();
    const issuedAt = Date.now();
    const asked = typeof requestedSeconds === 'number' && requestedSeconds > 0 ? requestedSeconds * 1000 : 7200_000;
    const expiresAt = issuedAt + Math.min(asked, maxTokenMs);
    tokens.set(token, { userUuid: user.uuid, expiresAt });
    return {
      token,
      auth_id: user.uuid,
      xivo_user_uuid: user.uuid,
      xivo_uuid: STACK,
      issued_at: new Date(issuedAt).toISOString().slice(0, 23),
      expires_at: new Date(expiresAt).toISOString().slice(0, 23),
      utc_issued_at: utc(issuedAt),
      utc_expires_at: utc(expiresAt),
      acl: [],
      metadata: { uuid: user.uuid, tenant_uuid: TENANT, auth_id: user.uuid, pbx_user_uuid: user.uuid, xivo_uuid: STACK, purpose: 'user' },
      session_uuid: randomUUID(),
      remote_addr: '127.0.0.1',
      user_agent: '',
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    };
  }

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { reason: [String(error)], status_code: 500 });
    });
  });

  function send(response: ServerResponse, status: number, body: unknown): void {
    const headers: Record<string, string> = {};
    if (body !== null) headers['Content-Type'] = 'application/json';
    response.writeHead(status, headers);
    response.end(body === null ? undefined : JSON.stringify(body));
  }

  /** wazo-auth's error shape (http.py `_error`); confd and calld use `{ message, error_id }`. */
  const authError = (status: number, reason: string) => ({ reason: [reason], timestamp: [Date.now() / 1000], status_code: status });
  const apiError = (status: number, message: string, errorId: string) => ({ message, error_id: errorId, details: {}, timestamp: Date.now() / 1000 });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // CORS as the Wazo services configure it (rest_api.cors: enabled, these headers).
    response.setHeader('Access-Control-Allow-Origin', request.headers.origin ?? '*');
    response.setHeader('Access-Control-Allow-Headers', CORS_HEADERS);
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, HEAD, OPTIONS');
    response.setHeader('Vary', 'Origin');
    if (request.method === 'OPTIONS') return send(response, 204, null);

    const url = new URL(request.url ?? '/', 'http://standin');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const token = request.headers['x-auth-token'];
    const authed = () => {
      const found = validToken(typeof token === 'string' ? token : null);
      if (!found) stats.unauthorized += 1;
      return found;
    };

    // --- wazo-auth 0.1 --------------------------------------------------------------------
    if (path === '/api/auth/0.1/token' && method === 'POST') {
      const text = await readBody(request);
      let body: Record<string, unknown> = {};
      try {
        body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        return send(response, 400, authError(400, 'Invalid JSON'));
      }
      const authorization = request.headers.authorization ?? '';
      if (authorization.startsWith('Basic ')) {
        const [login = '', ...rest] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
        const user = options.users.find((candidate) => candidate.login === login && candidate.password === rest.join(':'));
        if (!user) {
          stats.failedLogins += 1;
          return send(response, 401, authError(401, 'Authentication Failed'));
        }
        let refreshToken: string | null = null;
        if (body.access_type === 'offline') {
          if (typeof body.client_id !== 'string' || body.client_id === '') return send(response, 400, authError(400, 'client_id is required'));
          // A new refresh token for this client id revokes the previous one.
          for (const [key, value] of refreshTokens) if (value.userUuid === user.uuid && value.clientId === body.client_id) refreshTokens.delete(key);
          refreshToken = randomUUID();
          refreshTokens.set(refreshToken, { userUuid: user.uuid, clientId: body.client_id });
        }
        stats.passwordLogins += 1;
        return send(response, 200, { data: issueToken(user, body.expiration, refreshToken) });
      }
      if (typeof body.refresh_token === 'string') {
        const grant = refreshTokens.get(body.refresh_token);
        const user = grant && grant.clientId === body.client_id ? userByUuid(grant.userUuid) : undefined;
        if (!user) {
          stats.failedLogins += 1;
          return send(response, 401, authError(401, 'Authentication Failed'));
        }
        stats.refreshes += 1;
        return send(response, 200, { data: issueToken(user, body.expiration, null) });
      }
      stats.failedLogins += 1;
      return send(response, 401, authError(401, 'Authentication Failed'));
    }
    const revokeToken = /^\/api\/auth\/0\.1\/token\/([^/]+)$/.exec(path);
    if (revokeToken && method === 'DELETE') {
      if (tokens.delete(decodeURIComponent(revokeToken[1]!))) stats.tokensRevoked += 1;
      return send(response, 200, { data: { message: 'success' } });
    }
    const revokeRefresh = /^\/api\/auth\/0\.1\/users\/me\/tokens\/([^/]+)$/.exec(path);
    if (revokeRefresh && method === 'DELETE') {
      const caller = authed();
      if (!caller) return send(response, 401, authError(401, 'Unauthorized'));
      const clientId = decodeURIComponent(revokeRefresh[1]!);
      for (const [key, value] of refreshTokens) {
        if (value.userUuid === caller.userUuid && value.clientId === clientId) {
          refreshTokens.delete(key);
          stats.refreshTokensRevoked += 1;
        }
      }
      return send(response, 204, null);
    }

    // --- wazo-confd 1.1 -------------------------------------------------------------------
    const confdUser = /^\/api\/confd\/1\.1\/users\/([^/]+)$/.exec(path);
    const confdEndpoint = /^\/api\/confd\/1\.1\/users\/([^/]+)\/lines\/(\d+)\/associated\/endpoints\/sip$/.exec(path);
    if ((confdUser || confdEndpoint) && method === 'GET') {
      const caller = authed();
      if (!caller) return send(response, 401, apiError(401, 'Unauthorized', 'unauthorized'));
      const uuid = decodeURIComponent((confdUser ?? confdEndpoint)![1]!);
      const user = userByUuid(uuid);
      // A user token reads its own user only (ACL confd.users.me.read).
      if (!user || uuid !== caller.userUuid) return send(response, 404, apiError(404, 'Resource Not Found.', 'not-found'));
      if (confdUser) return send(response, 200, confdUserBody(user));
      const line = user.lines.find((candidate) => candidate.id === Number(confdEndpoint![2]));
      if (!line?.sip) return send(response, 404, 'Resource Not Found.');
      return send(response, 200, endpointBody(user, line));
    }

    // --- wazo-calld 1.0 -------------------------------------------------------------------
    const record = /^\/api\/calld\/1\.0\/users\/me\/calls\/([^/]+)\/record\/(start|stop|pause|resume)$/.exec(path);
    if (record && method === 'PUT') {
      const caller = authed();
      if (!caller) return send(response, 401, apiError(401, 'Unauthorized', 'unauthorized'));
      const callId = decodeURIComponent(record[1]!);
      const action = record[2] as 'start' | 'stop' | 'pause' | 'resume';
      stats.recordRequests.push(`${action} ${callId}`);
      if (!registry.owns(caller.userUuid, callId)) return send(response, 404, apiError(404, 'No such call', 'no-such-call'));
      if (options.onDemandRecording === false) return send(response, 403, apiError(403, 'On demand call recording is not enabled', 'forbidden'));
      registry.record(callId, action);
      return send(response, 204, null);
    }

    send(response, 404, apiError(404, 'Not found', 'not-found'));
  }

  function confdUserBody(user: StandinUser): unknown {
    return {
      uuid: user.uuid,
      tenant_uuid: TENANT,
      firstname: user.firstname,
      lastname: user.lastname,
      username: user.login,
      // LineListSchema: the endpoint relation carries the SIP user name, never the password.
      lines: user.lines.map((line) => ({
        id: line.id,
        name: line.sip?.username ?? `line-${line.id}`,
        is_webrtc: line.sip?.webrtc ?? false,
        endpoint_sip: line.sip
          ? { uuid: `endpoint-${line.id}`, label: `line ${line.id}`, name: line.sip.username ?? '', auth_section_options: line.sip.username ? [['username', line.sip.username]] : [], links: [] }
          : null,
        endpoint_sccp: null,
        endpoint_custom: line.sip ? null : { id: line.id, interface: 'custom/none', links: [] },
        extensions: [],
        links: [],
      })),
    };
  }

  function endpointBody(user: StandinUser, line: StandinLine): unknown {
    const sip = line.sip!;
    return {
      uuid: `endpoint-${line.id}`,
      tenant_uuid: TENANT,
      name: sip.username ?? '',
      label: `${user.firstname} line ${line.id}`,
      aor_section_options: [['max_contacts', '10'], ['remove_existing', 'yes']],
      auth_section_options: [
        ...(sip.username !== undefined ? [['username', sip.username]] : []),
        ...(sip.password !== undefined ? [['password', sip.password]] : []),
      ],
      endpoint_section_options: [['allow', 'opus,ulaw'], ['webrtc', sip.webrtc ? 'yes' : 'no']],
      identify_section_options: [],
      registration_section_options: [],
      registration_outbound_auth_section_options: [],
      outbound_auth_section_options: [],
      templates: [],
      asterisk_id: null,
    };
  }

  // --- wazo-websocketd, protocol v2 -----------------------------------------------------------
  class WebsocketdSession {
    private started = false;
    private readonly subscriptions = new Set<string>();
    private readonly expiryWatch: ReturnType<typeof setInterval>;

    constructor(
      private readonly socket: WebSocket,
      private token: Token,
    ) {
      stats.websocketdOpened += 1;
      sessions.add(this);
      socket.send(JSON.stringify({ op: 'init', code: 0, data: { version: 2 } }));
      socket.on('message', (data) => this.onMessage(String(data)));
      socket.on('close', () => this.dispose());
      // websocketd's dynamic auth check: a connection lives only as long as its token.
      this.expiryWatch = setInterval(() => {
        if (this.token.expiresAt <= Date.now()) {
          stats.websocketdExpired += 1;
          this.socket.close(4003, 'authentication expired');
          this.dispose();
        }
      }, 100);
    }

    deliver(userUuid: string, name: string, payload: unknown): void {
      if (!this.started || userUuid !== this.token.userUuid || !this.subscriptions.has(name)) return;
      const message = {
        name,
        origin_uuid: STACK,
        timestamp: new Date().toISOString(),
        required_acl: `events.calls.${userUuid}`,
        [`user_uuid:${userUuid}`]: true,
        tenant_uuid: TENANT,
        data: payload,
      };
      this.socket.send(JSON.stringify({ op: 'event', code: 0, data: message }));
    }

    private onMessage(text: string): void {
      let message: { op?: unknown; data?: Record<string, unknown> };
      try {
        message = JSON.parse(text) as typeof message;
      } catch {
        this.socket.close(4004);
        return;
      }
      const reply = (op: string, data: unknown = null) => this.socket.send(JSON.stringify({ op, code: 0, data }));
      switch (message.op) {
        case 'subscribe':
          this.subscriptions.add(String(message.data?.event_name ?? ''));
          return reply('subscribe');
        case 'start':
          this.started = true;
          return reply('start');
        case 'token': {
          const next = validToken(String(message.data?.token ?? ''));
          if (!next) {
            this.socket.close(4002, 'authentication failed');
            return;
          }
          stats.websocketdTokenUpdates += 1;
          this.token = next;
          return reply('token');
        }
        case 'ping':
          return reply('pong', { payload: message.data?.payload ?? null });
        default:
          this.socket.close(4004);
      }
    }

    private dispose(): void {
      clearInterval(this.expiryWatch);
      sessions.delete(this);
    }
  }

  const websocketd = new WebSocketServer({ noServer: true });
  const sipServer = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false) });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://standin');
    if (url.pathname === '/api/websocketd/' || url.pathname === '/api/websocketd') {
      websocketd.handleUpgrade(request, socket, head, (ws) => {
        const token = validToken(url.searchParams.get('token'));
        if (!token) {
          stats.unauthorized += 1;
          ws.close(4002, 'authentication failed');
        } else if (url.searchParams.get('version') !== '2') {
          // Only protocol v2 is implemented here.
          ws.close(4004, 'unsupported version');
        } else {
          new WebsocketdSession(ws, token);
        }
      });
    } else if (url.pathname === '/api/asterisk/ws') {
      sipServer.handleUpgrade(request, socket, head, (ws) => {
        stats.sipConnections += 1;
        relaySipConnection(ws, options.sipUpstream, request.headers.origin ?? 'http://127.0.0.1', registry);
      });
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ ...stats, recordRequests: [...stats.recordRequests] }),
    calls: () => registry.all(),
    async close() {
      for (const client of [...websocketd.clients, ...sipServer.clients]) client.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
