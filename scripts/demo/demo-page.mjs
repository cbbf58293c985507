// The phone page the demo serves: a copy of a built web target whose index.html carries the
// demo account in <meta name="softphone-demo-account">, which the web target reads to fill in
// the account form (renderer/platform/demo-account.ts explains why that is safe). The copy lives
// in the demo's run folder, so dist/ is never changed and a rebuild meanwhile breaks nothing.
import { randomInt } from 'node:crypto';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Must equal DEMO_ACCOUNT_META_NAME in renderer/platform/demo-account.ts (a test checks it). */
export const DEMO_ACCOUNT_META_NAME = 'softphone-demo-account';

// No 0/o, 1/l/i: the password may be read off the terminal and typed (the desktop app).
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A new password for every run, 12 characters (about 59 bits) in three groups. Kamailio's config
 * is in the repository, so a fixed password would let any web page open in the user's browser
 * register on the demo's loopback server (browsers let pages open WebSockets to 127.0.0.1) and
 * answer calls meant for the echo line.
 * @returns {string}
 */
export function newDemoPassword() {
  const groups = [];
  for (let group = 0; group < 3; group += 1) {
    let text = '';
    for (let index = 0; index < 4; index += 1) text += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    groups.push(text);
  }
  return groups.join('-');
}

/**
 * The account the phone signs in with, in the shape of shared/account-settings.ts.
 * @param {{ wsUrl: string, domain: string, user: string, password: string, displayName: string }} line
 */
export function demoAccount(line) {
  return {
    serverUrl: line.wsUrl,
    sipUri: `sip:${line.user}@${line.domain}`,
    username: line.user,
    password: line.password,
    displayName: line.displayName,
    iceServers: [],
  };
}

/** @param {string} text */
function escapeAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * index.html with the account's meta tag added at the end of <head>.
 * @param {string} html
 * @param {object} account
 * @returns {string}
 */
export function withDemoAccount(html, account) {
  if (html.includes(DEMO_ACCOUNT_META_NAME)) throw new Error('index.html already names a demo account: serve a fresh build');
  const headEnd = html.search(/<\/head>/i);
  if (headEnd < 0) throw new Error('index.html has no </head>: is this a build of the web target?');
  const tag = `<meta name="${DEMO_ACCOUNT_META_NAME}" content="${escapeAttribute(JSON.stringify(account))}">`;
  return `${html.slice(0, headEnd)}    ${tag}\n  ${html.slice(headEnd)}`;
}

/**
 * Copies the built web target `sourceRoot` to `targetRoot` with the account in its index.html.
 * @param {string} sourceRoot
 * @param {string} targetRoot
 * @param {object} account
 */
export async function writeDemoPage(sourceRoot, targetRoot, account) {
  await cp(sourceRoot, targetRoot, { recursive: true });
  const index = join(targetRoot, 'index.html');
  await writeFile(index, withDemoAccount(await readFile(index, 'utf8'), account));
}
