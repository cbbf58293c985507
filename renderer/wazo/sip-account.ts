// The SIP account a discovered Wazo line becomes: Asterisk's WebSocket on the same server,
// the server's name as SIP domain (as the reference SDK registers), the line's user name and
// password. Nothing else is typed by the user.

import { validateAccountSettings, type AccountSettings } from '../../shared/account-settings';
import type { DiscoveredLine } from './line-discovery';
import { sipWebSocketUrl, type WazoServer } from './server-address';
import { WazoError } from './wazo-errors';

export function sipAccountFor(server: WazoServer, line: DiscoveredLine): AccountSettings {
  const checked = validateAccountSettings({
    serverUrl: sipWebSocketUrl(server),
    sipUri: `sip:${line.username}@${server.hostname}`,
    username: line.username,
    password: line.password,
    displayName: line.displayName,
    // The platform's STUN/TURN settings are not read yet: the browser's host candidates only.
    iceServers: [],
  });
  if (!checked.ok) throw new WazoError('line-unusable', undefined, checked.errors.map((issue) => issue.code).join(', '));
  return checked.value;
}
