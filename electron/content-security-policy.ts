// The Content-Security-Policy of our page. Scripts come only from the app bundle, and the
// page may open WebSockets only to the SIP server(s) the user configured: injected script,
// if any ever ran, could neither load more code nor send audio or credentials elsewhere.

const WEBSOCKET_PROTOCOLS = new Set(['ws:', 'wss:']);

/** The `ws:`/`wss:` origin of each usable server URL; anything else is left out. */
export function websocketOrigins(serverUrls: readonly string[]): string[] {
  const origins = new Set<string>();
  for (const raw of serverUrls) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      continue;
    }
    if (WEBSOCKET_PROTOCOLS.has(url.protocol) && url.hostname !== '') origins.add(url.origin);
  }
  return [...origins];
}

export function buildContentSecurityPolicy(serverUrls: readonly string[]): string {
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['connect-src', "'self'", ...websocketOrigins(serverUrls)],
    ['media-src', "'self'", 'blob:', 'mediastream:'],
    ['img-src', "'self'", 'data:', 'blob:'],
    // Vue's transitions and style bindings write inline styles; inline script stays forbidden.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((parts) => parts.join(' ')).join('; ');
}
