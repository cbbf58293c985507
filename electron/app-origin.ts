// Where our own UI lives. The renderer is served from a custom standard scheme rather than
// file:// so that it has a real origin: CSP 'self', permission checks and IPC sender checks
// can then tell our page apart from anything else a frame might load.

export const APP_SCHEME = 'app';
export const APP_HOST = 'softphone';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `urlOrOrigin` (a full URL or a bare origin such as Chromium reports it) belongs
 * to our app. Compared by scheme and host because WHATWG URL gives non-special schemes the
 * opaque origin "null", so `url.origin` cannot be used.
 */
export function isAppUrl(urlOrOrigin: string | null | undefined): boolean {
  if (!urlOrOrigin) return false;
  const url = parse(urlOrOrigin);
  return (
    url !== null &&
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === ''
  );
}
