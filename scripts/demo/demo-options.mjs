// What `npm run demo` is asked to do, from its arguments and environment, and the one-line
// messages it gives when that cannot be done. Pure functions, unit tested (demo-options.test.ts).

/** The phone's page: fixed by default so its address (and the tab's origin) stays the same. */
export const DEFAULT_WEB_PORT = 8090;
/** The echo test line's number, as many PBXs have it. */
export const ECHO_EXTENSION = '9196';
/** The user the phone is signed in as. */
export const DEMO_USER = '1000';

/**
 * @typedef {'auto' | 'browser' | 'none'} OpenMode
 *   auto: the desktop app where an Electron binary exists, else the page in the desktop's browser
 *   (when there is a desktop session); browser: the page even where Electron exists; none: only
 *   print the address.
 */

/**
 * @typedef {object} DemoOptions
 * @property {number} webPort 0: any free port
 * @property {number | null} sipPort Kamailio's SIP port (UDP and TCP); null: a free one
 * @property {number | null} wsPort Kamailio's WebSocket port; null: a free one
 * @property {OpenMode} open
 * @property {string | null} webRoot a built web target to serve instead of building dist/web
 */

export const USAGE = [
  'Usage: npm run demo [-- --no-open | --browser]',
  '',
  'Starts a SIP server (Kamailio) on this machine with an echo test line on 9196, and opens the',
  'phone with its account filled in. Ctrl+C stops everything.',
  '',
  '  --no-open    only print the address of the phone',
  '  --browser    open the web page even where the desktop app could run',
  '',
  'Environment: PORT (the page, default 8090), SIP_PORT and SIP_WS_PORT (Kamailio, default: free',
  'ones), SOFTPHONE_DEMO_OPEN=auto|browser|none, SOFTPHONE_DEMO_WEB_ROOT=<a built web target>.',
].join('\n');

/**
 * @typedef {{ ok: true, options: DemoOptions } | { ok: false, exitCode: number, message: string }} ParseResult
 */

/**
 * @param {readonly string[]} argv the arguments after the script
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {ParseResult}
 */
export function parseDemoOptions(argv, env) {
  /** @type {OpenMode} */
  let open = 'auto';
  const openEnv = env.SOFTPHONE_DEMO_OPEN?.trim();
  if (openEnv) {
    if (openEnv !== 'auto' && openEnv !== 'browser' && openEnv !== 'none') {
      return { ok: false, exitCode: 1, message: `SOFTPHONE_DEMO_OPEN="${openEnv}" is not one of auto, browser, none.` };
    }
    open = openEnv;
  }
  for (const argument of argv) {
    if (argument === '--no-open') open = 'none';
    else if (argument === '--browser') open = 'browser';
    else if (argument === '--help' || argument === '-h') return { ok: false, exitCode: 0, message: USAGE };
    else return { ok: false, exitCode: 1, message: `Unknown option "${argument}".\n${USAGE}` };
  }

  const web = parsePort('PORT', env.PORT, { allowZero: true });
  if (!web.ok) return web;
  const sip = parsePort('SIP_PORT', env.SIP_PORT, { allowZero: true });
  if (!sip.ok) return sip;
  const ws = parsePort('SIP_WS_PORT', env.SIP_WS_PORT, { allowZero: true });
  if (!ws.ok) return ws;

  const webPort = web.port ?? DEFAULT_WEB_PORT;
  // 0 for Kamailio means what unset means: a port the system says is free.
  const sipPort = sip.port || null;
  const wsPort = ws.port || null;
  /** @type {[string, number | null][]} */
  const named = [['PORT', webPort || null], ['SIP_PORT', sipPort], ['SIP_WS_PORT', wsPort]];
  for (let first = 0; first < named.length; first += 1) {
    for (let second = first + 1; second < named.length; second += 1) {
      const [firstName, firstPort] = /** @type {[string, number | null]} */ (named[first]);
      const [secondName, secondPort] = /** @type {[string, number | null]} */ (named[second]);
      if (firstPort !== null && firstPort === secondPort) {
        return { ok: false, exitCode: 1, message: `${firstName} and ${secondName} are both ${firstPort}: give them different ports.` };
      }
    }
  }
  const webRoot = env.SOFTPHONE_DEMO_WEB_ROOT?.trim() || null;
  return { ok: true, options: { webPort, sipPort, wsPort, open, webRoot } };
}

/**
 * @param {string} name
 * @param {string | undefined} text
 * @param {{ allowZero: boolean }} rules
 * @returns {{ ok: true, port: number | null } | { ok: false, exitCode: number, message: string }}
 */
function parsePort(name, text, rules) {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return { ok: true, port: null };
  const port = /^[0-9]{1,5}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isInteger(port) || port > 65535 || (port === 0 && !rules.allowZero)) {
    return {
      ok: false,
      exitCode: 1,
      message: `${name}="${text}" is not a port number: use a whole number from 1 to 65535 (0: any free port), e.g. ${name}=${exampleFor(name)}`,
    };
  }
  return { ok: true, port };
}

/** @param {string} name */
function exampleFor(name) {
  return name === 'PORT' ? DEFAULT_WEB_PORT + 1 : name === 'SIP_PORT' ? 5070 : 5076;
}

/**
 * The command the user typed, for hints they can copy.
 * @param {string | undefined} lifecycleEvent npm's `npm_lifecycle_event`
 */
export function commandName(lifecycleEvent) {
  return lifecycleEvent ? `npm run ${lifecycleEvent}` : 'node scripts/demo/demo.mjs';
}

/**
 * @typedef {'web' | 'sip' | 'ws'} PortRole
 */

const ROLES = {
  web: { what: "the phone's web page", variable: 'PORT' },
  sip: { what: 'SIP over UDP/TCP, for Kamailio', variable: 'SIP_PORT' },
  ws: { what: 'SIP over WebSocket, for Kamailio', variable: 'SIP_WS_PORT' },
};

/**
 * One line that says which port cannot be used and how to choose another, instead of a stack
 * trace; null for an error that is not about the port.
 * @param {unknown} error what listen() or bind() failed with
 * @param {number} port
 * @param {PortRole} role
 * @param {string} command e.g. `npm run demo`
 * @returns {string | null}
 */
export function portFailureMessage(error, port, role, command) {
  const code = /** @type {{ code?: unknown } | null} */ (error)?.code;
  const { what, variable } = ROLES[role];
  const other = port >= 65535 ? port - 1 : port + 1;
  const orFree = role === 'web' ? '' : ` (or leave ${variable} unset for a free one)`;
  if (code === 'EADDRINUSE') {
    return `Port ${port} (${what}) is already in use. Choose another: ${variable}=${other} ${command}${orFree}`;
  }
  if (code === 'EACCES') {
    return `Port ${port} (${what}) needs administrator rights. Choose one above 1023: ${variable}=${Math.max(other, 1024)} ${command}${orFree}`;
  }
  return null;
}
