// Signed in to a Wazo Platform server, or not. Sign-in: a token from wazo-auth, the user's
// WebRTC line from wazo-confd, the SIP line registered with it, wazo-websocketd's call events
// routed onto the live calls, and the token kept fresh. Sign-out undoes all of it and revokes
// the tokens. Generic SIP (the account form) never goes through here.
//
// Tokens live in this module's memory only, on the web and on the desktop: nothing of the
// Wazo session is ever written anywhere. The desktop app saves the SIP account before it may
// reach the server (its main process only lets the page reach the saved account's server,
// and derives the Wazo API origin from it: electron/server-allow-list.ts), with no password:
// the line's password is read again at each sign-in.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AccountSettings } from '../../shared/account-settings';
import { validateAccountSettings } from '../../shared/account-settings';
import type { CallSession } from '../../shared/call-session';
import { appContext } from '../app-context';
import { useRegistrationStore } from '../stores/registration';
import { createAuthClient, type AuthClient, type WazoAuthSession } from './auth-client';
import { CALL_EVENT_NAMES } from './call-events';
import { CallEventRouter } from './call-event-router';
import { createCalldClient, type CalldClient, type RecordingAction } from './calld-client';
import { createWazoHttp, type WazoHttp } from './wazo-http';
import { discoverLine } from './line-discovery';
import { parseWazoServer, sipWebSocketUrl, websocketdUrl, type WazoServer } from './server-address';
import { sipAccountFor } from './sip-account';
import { TokenKeeper } from './token-refresh';
import { WazoError, type WazoErrorCode } from './wazo-errors';
import { WebsocketdClient, type SocketLike, type WebsocketdState } from './websocketd-client';

export type WazoStatus = 'signed-out' | 'signing-in' | 'signed-in';

/** What one sign-in holds; replaced as a whole, kept out of reactive state. */
interface Connection {
  server: WazoServer;
  auth: AuthClient;
  calld: CalldClient;
  keeper: TokenKeeper;
  events: WebsocketdClient;
  router: CallEventRouter;
}

/** Injected in unit tests; the real network otherwise. */
export interface WazoStoreDeps {
  http?: WazoHttp;
  newClientId?: () => string;
  socketFactory?: (url: string) => SocketLike;
}
let deps: WazoStoreDeps = {};
export function setWazoStoreDeps(next: WazoStoreDeps): void {
  deps = next;
}

function newClientId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  return `softphone-${random}`;
}

export const useWazoStore = defineStore('wazo', () => {
  const status = ref<WazoStatus>('signed-out');
  /** The server as the origin the client talks to, once signed in (shown to the user). */
  const serverHost = ref('');
  const login = ref('');
  const error = ref<WazoErrorCode | null>(null);
  /** Recording actions that failed, per call id: shown beside the call's record button. */
  const recordingErrors = shallowRef(new Map<string, WazoErrorCode>());
  const eventsState = ref<WebsocketdState>('stopped');
  let connection: Connection | null = null;
  let attempt = 0;

  const signedIn = computed(() => status.value === 'signed-in');

  async function signIn(serverText: string, username: string, password: string): Promise<boolean> {
    if (status.value === 'signing-in') return false;
    const parsed = parseWazoServer(serverText);
    if (!parsed.ok) {
      error.value = parsed.code;
      return false;
    }
    const { phone, platform } = appContext();
    const mine = ++attempt;
    await stop({ revoke: true, disconnectLine: false });
    status.value = 'signing-in';
    error.value = null;
    const server = parsed.server;
    const http = deps.http ?? createWazoHttp();
    const auth = createAuthClient(server, http, (deps.newClientId ?? newClientId)());
    let session: WazoAuthSession | null = null;
    try {
      // The desktop host lets the page reach only the saved account's server.
      if (platform.reachesOnlySavedServer) await saveForHost(provisionalAccount(server, username));
      session = await auth.logIn(username, password);
      const line = await discoverLine(server, http, session);
      const account = sipAccountFor(server, line);
      if (platform.reachesOnlySavedServer) await saveForHost(account);
      if (mine !== attempt) {
        void auth.logOut(session);
        return false;
      }
      connection = startConnection(server, auth, http, session);
      // The account the line runs on, as the rest of the app reads it (the dial pad takes its
      // SIP domain from there); without the password, which is the line's, not the user's.
      useRegistrationStore().form = { ...account, password: '' };
      serverHost.value = server.host;
      login.value = username;
      status.value = 'signed-in';
      // The line's outcome (registered, refused...) is the line status's to tell.
      await phone.connect({ account, password: line.password });
      return true;
    } catch (reason) {
      if (session) void auth.logOut(session);
      if (mine === attempt) {
        await stop({ revoke: false, disconnectLine: false });
        status.value = 'signed-out';
        error.value = reason instanceof WazoError ? reason.code : 'server-error';
      }
      return false;
    }
  }

  /**
   * The account the desktop host must have saved before the page may reach `server`; the line's
   * SIP user replaces the login once discovered (a login such as an e-mail address is no SIP
   * user name: a placeholder stands in for it meanwhile).
   */
  function provisionalAccount(server: WazoServer, username: string): AccountSettings {
    const account: AccountSettings = { serverUrl: sipWebSocketUrl(server), sipUri: server.hostname, username, password: '', iceServers: [] };
    return validateAccountSettings(account, { requirePassword: false }).ok ? account : { ...account, username: 'wazo' };
  }

  async function saveForHost(account: AccountSettings): Promise<void> {
    const checked = validateAccountSettings(account, { requirePassword: false });
    if (!checked.ok) throw new WazoError('line-unusable');
    // Never the line's password: it is read again at each sign-in.
    const saved = await appContext().platform.saveAccount({ ...checked.value, password: '' }, null);
    if (!saved.ok) throw new WazoError('server-error', undefined, saved.error);
  }

  function startConnection(server: WazoServer, auth: AuthClient, http: WazoHttp, session: WazoAuthSession): Connection {
    const { phone } = appContext();
    const router = new CallEventRouter(phone);
    const events = new WebsocketdClient({
      url: (token) => websocketdUrl(server, token),
      events: CALL_EVENT_NAMES,
      onEvent: (event) => router.handle(event),
      onStateChange: (state) => (eventsState.value = state),
      ...(deps.socketFactory ? { socketFactory: deps.socketFactory } : {}),
    });
    const keeper = new TokenKeeper(session, (refreshToken) => auth.refresh(refreshToken), {
      onRefreshed: (next) => events.updateToken(next.token),
      onEnded: (reason) => {
        // The SIP line has its own credentials and stays up (a call in progress goes on); the
        // call details and recording stop until the user signs in again.
        void stop({ revoke: false, disconnectLine: false });
        status.value = 'signed-out';
        error.value = reason.code;
      },
    });
    keeper.start();
    events.start(session.token);
    return { server, auth, calld: createCalldClient(server, http), keeper, events, router };
  }

  async function stop({ revoke, disconnectLine }: { revoke: boolean; disconnectLine: boolean }): Promise<void> {
    const current = connection;
    connection = null;
    recordingErrors.value = new Map();
    if (!current) return;
    current.keeper.stop();
    current.events.stop();
    current.router.dispose();
    if (disconnectLine) await appContext().phone.disconnect();
    if (revoke) await current.auth.logOut(current.keeper.current);
  }

  async function signOut(): Promise<void> {
    attempt += 1;
    await stop({ revoke: true, disconnectLine: true });
    status.value = 'signed-out';
    error.value = null;
  }

  /** Whether `call` can be recorded through wazo-calld now. */
  function canRecord(call: CallSession): boolean {
    return signedIn.value && !!call.callId && call.isEstablished();
  }

  /** Asks calld; the new state arrives as a call event, never set here. */
  async function record(call: CallSession, action: RecordingAction): Promise<boolean> {
    const current = connection;
    const id = call.getId() ?? '';
    const fail = (code: WazoErrorCode) => {
      recordingErrors.value = new Map(recordingErrors.value).set(id, code);
      return false;
    };
    if (!current) return fail('session-expired');
    if (!call.callId) return fail('call-not-ready');
    const next = new Map(recordingErrors.value);
    next.delete(id);
    recordingErrors.value = next;
    try {
      await current.calld.record(current.keeper.current.token, call.callId, action);
      return true;
    } catch (reason) {
      // A token refused before its planned refresh: refresh once and try again.
      if (reason instanceof WazoError && reason.code === 'session-expired') {
        try {
          const session = await current.keeper.refreshNow();
          await current.calld.record(session.token, call.callId, action);
          return true;
        } catch (again) {
          return fail(again instanceof WazoError ? again.code : 'server-error');
        }
      }
      return fail(reason instanceof WazoError ? reason.code : 'server-error');
    }
  }

  function recordingError(call: CallSession): WazoErrorCode | null {
    return recordingErrors.value.get(call.getId() ?? '') ?? null;
  }

  function clearError(): void {
    error.value = null;
  }

  return { status, serverHost, login, error, eventsState, signedIn, signIn, signOut, canRecord, record, recordingError, clearError };
});
