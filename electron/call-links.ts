// sip:, sips:, tel: and callto: links clicked anywhere on the desktop. The OS hands them to us
// in argv (Windows and Linux, on a cold start or in `second-instance`, where Chromium has put
// its own switches in front of the link) or through `open-url` (macOS). A link is text from anywhere, so it is parsed strictly by the same dial-string
// rules as the dialler, and only then becomes a `dial` command: filling the dialler, or
// dialling at once only when the user turned that on.

import type { App } from 'electron';
import { parseDialString } from '../shared/dial-string';
import type { PhoneCommand } from '../shared/platform';

/** Schemes the app registers with the OS (electron-builder's `protocols` lists the same). */
export const CALL_LINK_SCHEMES = ['sip', 'tel', 'callto'] as const;
// sips: links are accepted when they arrive, though the app does not claim the scheme.
const ACCEPTED_SCHEME = /^(sips?|tel|callto):/i;
// Longer than any dial string, short enough to refuse a pasted essay before parsing it.
const MAX_LINK_LENGTH = 512;

/** The first argument that is a call link, ignoring Chromium switches and the app path. */
export function findCallLink(argv: readonly string[]): string | null {
  for (const argument of argv) {
    if (!argument.startsWith('-') && ACCEPTED_SCHEME.test(argument)) return argument;
  }
  return null;
}

// Browsers and mail clients percent-encode tel: and callto: links (`tel:+33%201%2023`); a
// sip: user part may carry meaningful escapes, so it is left for the SIP parser.
function decodedLink(link: string): string {
  if (/^(tel|callto):/i.test(link)) {
    try {
      return decodeURIComponent(link);
    } catch {
      return link;
    }
  }
  return link;
}

/**
 * The `dial` command a link stands for, or null when it is not a call link we accept.
 * `defaultDomain` completes tel: numbers and bare extensions (the saved account's domain).
 */
export function callLinkCommand(link: string, options: { autoDial: boolean; defaultDomain: string }): PhoneCommand | null {
  if (typeof link !== 'string' || link.length > MAX_LINK_LENGTH || !ACCEPTED_SCHEME.test(link)) return null;
  const parsed = parseDialString(decodedLink(link), options.defaultDomain);
  if (!parsed.ok) return null;
  const { target } = parsed;
  // `display` re-parses to the same target in the renderer's dialler; sips: must stay sips:.
  const text = target.uri.startsWith('sips:') ? target.uri : target.display;
  return { kind: 'dial', target: text, autoDial: options.autoDial };
}

type ProtocolClientApp = Pick<App, 'setAsDefaultProtocolClient' | 'removeAsDefaultProtocolClient'>;

export type CallLinkRegistration = 'registered' | 'removed' | 'unchanged' | 'not-packaged';

/**
 * Makes the installed app the OS handler of sip:, tel: and callto: links, only when the user
 * agreed (the `handleCallLinks` preference) and only in a packaged build. `electron .` is never
 * registered: it would register the bare Electron binary on macOS, fail silently on Linux (no
 * installed `.desktop` file for xdg-settings to name) and leave an HKCU entry on Windows that
 * points into node_modules. `previously` is the preference before this change: a withdrawn
 * consent removes the registration (on Windows the uninstaller removes it too:
 * build/installer.nsh; Electron cannot remove it on Linux, where the `.desktop` file leaves with
 * the package).
 */
export function applyCallLinkRegistration(
  app: ProtocolClientApp,
  { packaged, wanted, previously }: { packaged: boolean; wanted: boolean; previously: boolean },
): CallLinkRegistration {
  if (!packaged) return 'not-packaged';
  if (wanted) {
    for (const scheme of CALL_LINK_SCHEMES) app.setAsDefaultProtocolClient(scheme);
    return 'registered';
  }
  if (!previously) return 'unchanged';
  for (const scheme of CALL_LINK_SCHEMES) app.removeAsDefaultProtocolClient(scheme);
  return 'removed';
}
