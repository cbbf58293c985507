// Serves an empty HTML document for every app:// URL in the shared fake, for tests of windows
// whose page content does not matter (the fake's loadURL goes through protocol.handle, as
// Electron's does, so an unserved app:// page would fail to load). Tests of what is served use
// the real handler (app-protocol.ts) instead.

import { protocol } from './electron-fake';

export function serveBlankAppPages(): void {
  protocol.handle('app', () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }));
}
