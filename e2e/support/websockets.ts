// Lets a test cut a page's WebSocket the way a network does, without the page's consent: every
// WebSocket the page opens is recorded by an init script, and `cutWebSockets` closes them.
// SIP.js did not ask for that close, so it treats it as a lost connection.

import type { BrowserContext, Page } from '@playwright/test';

declare global {
  interface Window {
    __webSockets?: WebSocket[];
  }
}

export async function instrumentWebSockets(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const native = window.WebSocket;
    const opened: WebSocket[] = [];
    window.__webSockets = opened;
    window.WebSocket = new Proxy(native, {
      construct(target, args: unknown[], newTarget: new (...rest: unknown[]) => object) {
        const socket = Reflect.construct(target, args, newTarget) as WebSocket;
        opened.push(socket);
        return socket;
      },
    });
  });
}

/** Closes every open WebSocket of the page; resolves with how many were open. */
export function cutWebSockets(page: Page): Promise<number> {
  return page.evaluate(() => {
    const open = (window.__webSockets ?? []).filter((socket) => socket.readyState === WebSocket.OPEN);
    for (const socket of open) socket.close();
    return open.length;
  });
}
