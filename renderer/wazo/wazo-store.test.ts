import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AccountSettings } from '../../shared/account-settings';
import { CallSession } from '../../shared/call-session';
import type { PlatformAdapter } from '../../shared/platform';
import { setAppContext } from '../app-context';
import { useRegistrationStore } from '../stores/registration';
import type { PhoneApi } from '../sip/phone-api';
import { WazoError } from './wazo-errors';
import type { WazoRequest } from './wazo-http';
import { setWazoStoreDeps, useWazoStore } from './wazo-store';
import type { SocketLike } from './websocketd-client';

const USER = 'u-alice';
const TOKEN_ANSWER = {
  data: {
    token: 'tok-1',
    refresh_token: 'refresh-1',
    utc_issued_at: '2026-05-05T16:00:00.000000',
    utc_expires_at: '2026-05-05T17:00:00.000000',
    metadata: { uuid: USER, tenant_uuid: 't' },
  },
};

interface Harness {
  requests: WazoRequest[];
  connects: Array<{ account: AccountSettings; password: string }>;
  saves: Array<{ settings: AccountSettings; password: string | null }>;
  disconnects: number;
  sockets: string[];
  answers: Map<string, unknown>;
}

function setUp({ desktop = false } = {}): Harness {
  const h: Harness = { requests: [], connects: [], saves: [], disconnects: 0, sockets: [], answers: new Map() };
  h.answers.set('POST auth/0.1/token', TOKEN_ANSWER);
  h.answers.set(`GET confd/1.1/users/${USER}`, { firstname: 'Alice', lastname: 'Martin', lines: [{ id: 17, endpoint_sip: { uuid: 'e' } }] });
  h.answers.set(`GET confd/1.1/users/${USER}/lines/17/associated/endpoints/sip?view=merged`, {
    auth_section_options: [['username', 'wrtc17'], ['password', 'line-secret']],
    endpoint_section_options: [['webrtc', 'yes']],
  });
  setWazoStoreDeps({
    newClientId: () => 'softphone-test',
    http: {
      async request(request) {
        h.requests.push(request);
        const key = `${request.method} ${request.url.replace('https://wazo.example.com/api/', '')}`;
        const stored = h.answers.get(key);
        const answer = typeof stored === 'function' ? (stored as () => unknown)() : stored;
        if (answer instanceof Error) throw answer;
        if (answer === undefined && request.method !== 'DELETE' && request.method !== 'PUT') throw new WazoError('server-error', 404);
        return answer ?? null;
      },
    },
    socketFactory: (url) => {
      h.sockets.push(url);
      return { readyState: 0, send() {}, close() {}, onopen: null, onmessage: null, onclose: null, onerror: null } satisfies SocketLike;
    },
  });
  const phone = {
    registration: { status: 'unregistered', aor: null, error: null },
    async connect(options: { account: AccountSettings; password: string }) {
      h.connects.push(options);
      return { status: 'registered', aor: `sip:${options.account.username}@wazo.example.com`, error: null };
    },
    async disconnect() {
      h.disconnects += 1;
    },
    sessions: () => [],
    applyServerUpdate: () => false,
    on: () => () => undefined,
  } as unknown as PhoneApi;
  const platform = {
    kind: desktop ? 'desktop' : 'web',
    reachesOnlySavedServer: desktop,
    async saveAccount(settings: AccountSettings, password: string | null) {
      h.saves.push({ settings, password });
      return { ok: true, passwordSaved: false };
    },
  } as unknown as PlatformAdapter;
  setAppContext({ phone, platform });
  setActivePinia(createPinia());
  return h;
}

afterEach(() => setWazoStoreDeps({}));
beforeEach(() => setActivePinia(createPinia()));

describe('Wazo sign-in', () => {
  test('server, login and password are all it takes: the line found is the one the phone registers with', async () => {
    const h = setUp();
    const wazo = useWazoStore();
    await expect(wazo.signIn('wazo.example.com', 'alice', 'pw')).resolves.toBe(true);
    expect(wazo.status).toBe('signed-in');
    expect(wazo.serverHost).toBe('wazo.example.com');
    expect(h.connects).toEqual([
      {
        account: {
          serverUrl: 'wss://wazo.example.com/api/asterisk/ws',
          sipUri: 'sip:wrtc17@wazo.example.com',
          username: 'wrtc17',
          password: 'line-secret',
          displayName: 'Alice Martin',
          iceServers: [],
        },
        password: 'line-secret',
      },
    ]);
    expect(h.sockets).toEqual(['wss://wazo.example.com/api/websocketd/?token=tok-1&version=2']);
    // The rest of the app reads the line's account (the dial pad's SIP domain), not its password.
    expect(useRegistrationStore().form).toMatchObject({ sipUri: 'sip:wrtc17@wazo.example.com', password: '' });
    expect(useRegistrationStore().defaultDomain).toBe('wazo.example.com');
    // A web tab stores nothing of it.
    expect(h.saves).toEqual([]);
  });

  test('a wrong password says so and connects nothing', async () => {
    const h = setUp();
    h.answers.set('POST auth/0.1/token', new WazoError('wrong-credentials', 401));
    const wazo = useWazoStore();
    await expect(wazo.signIn('wazo.example.com', 'alice', 'nope')).resolves.toBe(false);
    expect(wazo.status).toBe('signed-out');
    expect(wazo.error).toBe('wrong-credentials');
    expect(h.connects).toEqual([]);
    expect(h.sockets).toEqual([]);
  });

  test('a server name that cannot be one is refused before any request', async () => {
    const h = setUp();
    const wazo = useWazoStore();
    await wazo.signIn('http://wazo.example.com', 'alice', 'pw');
    expect(wazo.error).toBe('server-insecure');
    expect(h.requests).toEqual([]);
  });

  test('no WebRTC line: signed out again, its token revoked', async () => {
    const h = setUp();
    h.answers.set(`GET confd/1.1/users/${USER}`, { lines: [] });
    const wazo = useWazoStore();
    await wazo.signIn('wazo.example.com', 'alice', 'pw');
    expect(wazo.error).toBe('no-webrtc-line');
    expect(wazo.status).toBe('signed-out');
    await Promise.resolve();
    expect(h.requests.filter((r) => r.method === 'DELETE').map((r) => r.url)).toContain('https://wazo.example.com/api/auth/0.1/token/tok-1');
  });

  test('desktop: the account is saved before the server is reached, and never with a password or token', async () => {
    const h = setUp({ desktop: true });
    const wazo = useWazoStore();
    await wazo.signIn('wazo.example.com', 'alice', 'pw');
    expect(h.saves.map((s) => [s.settings.serverUrl, s.settings.username, s.settings.password, s.password])).toEqual([
      ['wss://wazo.example.com/api/asterisk/ws', 'alice', '', null],
      ['wss://wazo.example.com/api/asterisk/ws', 'wrtc17', '', null],
    ]);
    expect(JSON.stringify(h.saves)).not.toMatch(/line-secret|tok-1|refresh-1|"pw"/);
    expect(h.connects[0]!.password).toBe('line-secret');
  });

  test('desktop: a login that is no SIP user name (an e-mail address) still lets the account be saved first', async () => {
    const h = setUp({ desktop: true });
    await useWazoStore().signIn('wazo.example.com', 'alice@example.com', 'pw');
    expect(h.saves.map((s) => s.settings.username)).toEqual(['wazo', 'wrtc17']);
    expect(useWazoStore().status).toBe('signed-in');
  });

  test('sign-out revokes the tokens and hangs up the line', async () => {
    const h = setUp();
    const wazo = useWazoStore();
    await wazo.signIn('wazo.example.com', 'alice', 'pw');
    await wazo.signOut();
    expect(wazo.status).toBe('signed-out');
    expect(h.disconnects).toBe(1);
    expect(h.requests.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual([
      'https://wazo.example.com/api/auth/0.1/users/me/tokens/softphone-test',
      'https://wazo.example.com/api/auth/0.1/token/tok-1',
    ]);
  });
});

describe('recording through calld', () => {
  const call = () => new CallSession({ sipCallId: 'sip-1', callId: '1700.1', sipStatus: 'Established', answered: true });

  test('asks calld with the token and the server call id; the state itself waits for the event', async () => {
    const h = setUp();
    const wazo = useWazoStore();
    await wazo.signIn('wazo.example.com', 'alice', 'pw');
    expect(wazo.canRecord(call())).toBe(true);
    expect(wazo.canRecord(new CallSession({ sipCallId: 'sip-2', sipStatus: 'Established' }))).toBe(false);
    await expect(wazo.record(call(), 'start')).resolves.toBe(true);
    expect(h.requests.at(-1)).toMatchObject({ method: 'PUT', url: 'https://wazo.example.com/api/calld/1.0/users/me/calls/1700.1/record/start', token: 'tok-1' });
  });

  test('a refusal is kept for that call, worded by its code', async () => {
    const h = setUp();
    const wazo = useWazoStore();
    await wazo.signIn('wazo.example.com', 'alice', 'pw');
    h.answers.set('PUT calld/1.0/users/me/calls/1700.1/record/start', new WazoError('recording-forbidden', 403));
    await expect(wazo.record(call(), 'start')).resolves.toBe(false);
    expect(wazo.recordingError(call())).toBe('recording-forbidden');
  });

  test('a token refused early is refreshed once and the request tried again', async () => {
    const h = setUp();
    const wazo = useWazoStore();
    await wazo.signIn('wazo.example.com', 'alice', 'pw');
    h.answers.set('POST auth/0.1/token', { data: { ...TOKEN_ANSWER.data, token: 'tok-2', refresh_token: undefined } });
    // The first PUT is refused as an expired token would be; the retry goes through.
    let puts = 0;
    h.answers.set('PUT calld/1.0/users/me/calls/1700.1/record/stop', () => (++puts === 1 ? new WazoError('session-expired', 401) : null));
    const before = h.requests.length;
    await expect(wazo.record(call(), 'stop')).resolves.toBe(true);
    const after = h.requests.slice(before).map((r) => `${r.method} ${r.url.replace('https://wazo.example.com/api/', '')} ${r.token ?? ''}`);
    expect(after).toEqual([
      'PUT calld/1.0/users/me/calls/1700.1/record/stop tok-1',
      'POST auth/0.1/token ',
      'PUT calld/1.0/users/me/calls/1700.1/record/stop tok-2',
    ]);
  });
});
