// Which SIP server the page may open a WebSocket to. The CSP only limits connect-src to the
// ws:/wss: schemes (a CSP is fixed when the document loads, and the user may save a new server
// without reloading the page); the origin itself is enforced here, in the main process, on
// every WebSocket the session opens. It is the origin of the account the main process has
// stored, read at each request: the page widens nothing by asking, only by saving an account
// (validated on the way in), so a compromised page cannot quietly reach a server of its choice.

export interface ServerAllowList {
  isAllowed(requestUrl: string): boolean;
  /** The stored account's server origin, or null when none is stored (nothing is reachable). */
  allowedOrigin(): string | null;
}

export const WEBSOCKET_URL_FILTER = { urls: ['ws://*/*', 'wss://*/*'] };

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

/** `savedServerUrl` reads the stored account's server URL (null when no account is stored). */
export function createServerAllowList(savedServerUrl: () => string | null): ServerAllowList {
  const allowedOrigin = () => {
    const saved = savedServerUrl();
    return saved === null ? null : websocketOrigin(saved);
  };
  return {
    isAllowed(requestUrl) {
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

/** Cancels every ws:/wss: request of `session` whose origin is not the allowed server. */
export function enforceServerAllowList(
  session: WebRequestPort,
  allowList: ServerAllowList,
  log: (message: string) => void = (message) => console.warn(message),
): void {
  session.webRequest.onBeforeRequest(WEBSOCKET_URL_FILTER, (details, callback) => {
    const allowed = allowList.isAllowed(details.url);
    if (!allowed) log(`[network] blocked a WebSocket to ${details.url}: not the server of the saved account`);
    callback({ cancel: !allowed });
  });
}
