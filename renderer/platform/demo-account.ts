// The account of the local demo (`npm run demo`, see scripts/demo/): its web server writes it
// into the copy of index.html it serves, as <meta name="softphone-demo-account" content="{…}">,
// so a newcomer's first page has the form filled in, password included.
//
// Why this is safe for everyone else: the account comes from the page's own HTML, never from
// the URL, a link or another site, so only whoever serves the app can offer one, and they can
// change the app's code anyway. On top of that it is honoured only when both the page and the
// SIP server are on this machine (loopback), with no ICE servers, and after the same validation
// as the form; the store shows it for the user to read and connects only when they press
// Connect. A page without the tag (every build we ship) behaves exactly as before.

import { validateAccountSettings, type AccountSettings } from '../../shared/account-settings';
import { parseHostPort } from '../../shared/dial-string';

export const DEMO_ACCOUNT_META_NAME = 'softphone-demo-account';

/** A demo account is a few hundred characters; anything much longer is not one. */
const MAX_DEMO_ACCOUNT_LENGTH = 4096;

export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower === '[::1]' || lower === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(lower);
}

/** Whether a validated `ws://` or `wss://` server URL points at this machine. */
function isLoopbackServer(serverUrl: string): boolean {
  const authority = /^wss?:\/\/([^/?]*)/i.exec(serverUrl)?.[1];
  const host = authority === undefined ? null : parseHostPort(authority);
  return host !== null && isLoopbackHost(host.host);
}

/**
 * The demo account in a meta tag's content, or null for anything else: not text, too long, not
 * JSON, not a valid account with a password, ICE servers, or a server that is not on loopback.
 * Never throws, whatever the input.
 */
export function parseDemoAccount(content: unknown): AccountSettings | null {
  if (typeof content !== 'string' || content.length === 0 || content.length > MAX_DEMO_ACCOUNT_LENGTH) return null;
  try {
    const result = validateAccountSettings(JSON.parse(content), { requirePassword: true });
    if (!result.ok) return null;
    const account = result.value;
    if (account.iceServers.length > 0 || !isLoopbackServer(account.serverUrl)) return null;
    return account;
  } catch {
    return null;
  }
}

/** The demo account of a page served from this machine, or null (see the top of this file). */
export function demoAccountOfPage(doc: Document, pageHost: string): AccountSettings | null {
  if (!isLoopbackHost(pageHost)) return null;
  const tags = doc.querySelectorAll(`meta[name="${DEMO_ACCOUNT_META_NAME}"]`);
  // One tag or none: two would mean the page was put together by something else than the demo.
  if (tags.length !== 1) return null;
  return parseDemoAccount(tags[0]?.getAttribute('content'));
}
