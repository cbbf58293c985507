// Hardening applied to every web contents the app creates (installed from
// `app.on('web-contents-created')`, so a window added later cannot miss it). Our UI is a
// single page: it never needs to navigate, open windows or embed <webview>, so all three
// are refused; a link meant for the user's browser goes through the external-link allow-list.

import type { Shell, WindowOpenHandlerResponse } from 'electron';
import { isAppUrl } from './app-origin';
import { openExternalLink } from './external-links';

/** What the guard needs of a WebContents; the real class and the test fake both fit. */
export interface GuardedWebContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
}

export interface WebContentsGuardOptions {
  shell: Pick<Shell, 'openExternal'>;
  log?: (message: string) => void;
}

export function guardWebContents(contents: GuardedWebContents, { shell, log = console.warn }: WebContentsGuardOptions): void {
  contents.on('will-navigate', (event, url) => {
    // Route changes inside the single page never get here; a jump to another of our own
    // documents is harmless, anything else would replace our page with a foreign one.
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`[guard] blocked navigation to ${url}`);
  });

  contents.setWindowOpenHandler(({ url }) => {
    // Fire and forget: the handler must answer synchronously, and a refused link is just logged.
    void openExternalLink(shell, url).then((opened) => {
      if (!opened) log(`[guard] refused to open ${url}`);
    });
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[guard] blocked a <webview>');
  });
}
