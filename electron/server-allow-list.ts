// Which SIP server the page may open a WebSocket to. The CSP only limits connect-src to the
// ws:/wss: schemes (a CSP is fixed when the document loads, and the user may save a new server
// without reloading the page); the origin itself is enforced here, in the main process, on
// every WebSocket the session opens. It is the origin of the account the main process has
// stored, read at each request: the page widens nothing by asking, only by saving an account
// (validated on the way in), so a compromised page cannot quietly reach a server of its choice.
//
// A Wazo Platform account (renderer/wazo/) is saved as Asterisk's WebSocket on the stack,
// `wss://host[:port]/api/asterisk/ws`; the Wazo REST APIs and wazo-websocketd live behind the
// same host and port. So for such an account, and only for it, https requests to that host and
// port are let through too (the CSP allows the https: scheme; every other https origin is
// cancelled here). The page never names the API host: it follows from the saved account.

export interface ServerAllowList {
  isAllowed(requestUrl: string): boolean;
  /** The stored account's server origin, or null when none is stored (nothing is reachable). */
  allowedOrigin(): string | null;
}

/** Every request this module rules on: WebSockets, and https for the Wazo APIs. */
export const NETWORK_URL_FILTER = { urls: ['ws://*/*', 'wss://*/*', 'https://*/*'] };

/** Where a saved Wazo account's SIP WebSocket lives on its stack (see the reference SDK). */
const WAZO_SIP_PATH = '/api/asterisk/ws';

function websocketOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.origin;
}

/** The https origin of the Wazo APIs when `saved` is a Wazo stack's `wss://…/api/asterisk/ws`, else null. */
function wazoApiOrigin(saved: string): string | null {
  let url: URL;
  try {
    url = new URL(saved);
  } catch {
    return null;
  }
  if (url.protocol !== 'wss:' || url.pathname !== WAZO_SIP_PATH || url.search !== '' || websocketOrigin(saved) === null) return null;
  return `https://${url.host}`;
}

function httpsOrigin(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return null;
  return url.origin;
}

/** `savedServerUrl` reads the stored account's server URL (null when no account is stored). */
export function createServerAllowList(savedServerUrl: () => string | null): ServerAllowList {
  const allowedOrigin = () => {
    const saved = savedServerUrl();
    return saved === null ? null : websocketOrigin(saved);
  };
  return {
    isAllowed(requestUrl) {
      if (/^https:/i.test(requestUrl)) {
        const saved = savedServerUrl();
        const api = saved === null ? null : wazoApiOrigin(saved);
        return api !== null && httpsOrigin(requestUrl) === api;
      }
      const origin = websocketOrigin(requestUrl);
      return origin !== null && origin === allowedOrigin();
    },
    allowedOrigin,
  };
}

/** The part of a Session this module uses; Electron's real Session fits it. */
export interface WebRequestPort {
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void,
    ): void;
  };
}

/** Cancels every ws:/wss:/https: request of `session` that is not to the saved account's server. */
export function enforceServerAllowList(
  session: WebRequestPort,
  allowList: ServerAllowList,
  log: (message: string) => void = (message) => console.warn(message),
): void {
  // Electron keeps one onBeforeRequest listener per session: this one rules on every scheme.
  session.webRequest.onBeforeRequest(NETWORK_URL_FILTER, (details, callback) => {
    const allowed = allowList.isAllowed(details.url);
    if (!allowed) log(`[network] blocked a connection to ${details.url}: not the server of the saved account`);
    callback({ cancel: !allowed });
  });
}
