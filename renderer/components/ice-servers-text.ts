// The ICE servers field is a textarea: one server per line, `url [username credential]`
// separated by spaces (credentials are only needed for TURN). These convert between that text
// and the settings; validation stays with validateAccountSettings.

import type { IceServerSettings } from '../../shared/account-settings';

export function iceServersToText(servers: readonly IceServerSettings[]): string {
  return servers
    .flatMap((server) => {
      const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
      const credentials = [server.username, server.credential].filter((part): part is string => !!part);
      return urls.map((url) => [url, ...credentials].join(' '));
    })
    .join('\n');
}

export function iceServersFromText(text: string): IceServerSettings[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [urls = '', username, credential, ...extra] = line.split(/\s+/);
      const server: IceServerSettings = { urls };
      // Extra words make the line invalid; keep them in the URL so the validator reports it.
      if (extra.length > 0) return { urls: line };
      if (username !== undefined) server.username = username;
      if (credential !== undefined) server.credential = credential;
      return server;
    });
}
