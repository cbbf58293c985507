// Links the app may hand to the operating system. `shell.openExternal` runs whatever handler
// the OS has for a scheme (file:, smb:, custom app schemes can execute code), so only web
// pages and e-mail addresses leave the app, and only after the URL has been parsed.

import type { Shell } from 'electron';

const ALLOWED_PROTOCOLS = new Set(['https:', 'mailto:']);

/** The normalised URL when `raw` is an openable https: or mailto: link, else null. */
export function toExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  // Credentials in an https URL are a classic way to disguise the real host (https://bank@evil).
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol === 'https:' && url.hostname === '') return null;
  if (url.protocol === 'mailto:' && !isSingleAddress(url.pathname)) return null;
  return url.href;
}

function isSingleAddress(encoded: string): boolean {
  try {
    return /^[^@\s,;]+@[^@\s,;]+$/.test(decodeURIComponent(encoded));
  } catch {
    return false;
  }
}

/** Opens `raw` in the user's browser or mail client; resolves whether it was allowed. */
export async function openExternalLink(shell: Pick<Shell, 'openExternal'>, raw: unknown): Promise<boolean> {
  const url = toExternalUrl(raw);
  if (url === null) return false;
  await shell.openExternal(url);
  return true;
}
