// The Content-Security-Policy of our page. Scripts come only from the app bundle, and the
// page may open connections only to itself, to WebSocket servers and to https servers. Which
// server is decided in the main process (server-allow-list.ts: the server of the stored
// account, and for a Wazo account its https APIs), not here: a CSP is fixed when the document
// loads, and naming the saved server here forced a reload that lost the form whenever the
// user saved another one. Injected script, if any ever ran, could still neither load more
// code nor connect to anything but the server of the saved account.

export function buildContentSecurityPolicy(): string {
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    // Scheme sources only; the origin is enforced by the main process's allow-list (https: for
    // the Wazo Platform APIs of a saved Wazo account, nothing else).
    ['connect-src', "'self'", 'ws:', 'wss:', 'https:'],
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
