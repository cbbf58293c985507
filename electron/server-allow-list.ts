// Which SIP server the page may open a WebSocket to. The CSP only limits connect-src to the
// ws:/wss: schemes (a CSP is fixed when the document loads, and the user may try a new server
// before saving it); the origin itself is enforced here, in the main process, on every
// WebSocket the session opens. The renderer names the server right before connecting
// (`account:allow-server`); exactly one server origin is reachable at a time.

export interface ServerAllowList {
  /** Makes `serverUrl`'s origin the one reachable server. False (and no change) when it is not a ws:/wss: URL. */
  allow(serverUrl: string): boolean;
  isAllowed(requestUrl: string): boolean;
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

export function createServerAllowList(initialServerUrl: string | null = null): ServerAllowList {
  let allowed = initialServerUrl === null ? null : websocketOrigin(initialServerUrl);
  return {
    allow(serverUrl) {
      const origin = websocketOrigin(serverUrl);
      if (origin === null) return false;
      allowed = origin;
      return true;
    },
    isAllowed(requestUrl) {
      const origin = websocketOrigin(requestUrl);
      return origin !== null && origin === allowed;
    },
    allowedOrigin: () => allowed,
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
    if (!allowed) log(`[network] blocked a WebSocket to ${details.url}: not the SIP server being connected`);
    callback({ cancel: !allowed });
  });
}
