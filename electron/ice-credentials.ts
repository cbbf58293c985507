// TURN credentials are passwords: they are taken out of the account before it is written to
// settings.json and kept by the secret store, then put back when the account is loaded. Each
// credential is remembered with the URLs and user name of its server and only given back to a
// server with the very same ones, so a credential can never reach another server, even if the
// two files were written by different saves (one of them failed, or was made by hand).

import type { AccountSettings, IceServerSettings } from '../shared/account-settings';

export interface IceCredential {
  urls: string | string[];
  /** '' when the server has no user name. */
  username: string;
  credential: string;
}

/** The account without any ICE credential: the form written to settings.json. */
export function withoutIceCredentials(account: AccountSettings): AccountSettings {
  return { ...account, iceServers: account.iceServers.map(({ credential: _credential, ...server }) => server) };
}

/** The credentials the account holds, with the server each one belongs to. */
export function iceCredentialsOf(account: AccountSettings): IceCredential[] {
  return account.iceServers.flatMap((server) =>
    server.credential ? [{ urls: server.urls, username: server.username ?? '', credential: server.credential }] : [],
  );
}

/** Gives each server without a credential the saved credential of the same server, if any. */
export function withIceCredentials(account: AccountSettings, credentials: readonly IceCredential[]): AccountSettings {
  const unused = [...credentials];
  const restore = (server: IceServerSettings): IceServerSettings => {
    if (server.credential) return server;
    const index = unused.findIndex((saved) => sameServer(saved, server));
    if (index < 0) return server;
    const [saved] = unused.splice(index, 1);
    return saved ? { ...server, credential: saved.credential } : server;
  };
  return { ...account, iceServers: account.iceServers.map(restore) };
}

function sameServer(saved: IceCredential, server: IceServerSettings): boolean {
  return saved.username === (server.username ?? '') && JSON.stringify(saved.urls) === JSON.stringify(server.urls);
}
