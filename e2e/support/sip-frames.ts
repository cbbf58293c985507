// SIP requests a page sent or received over its WebSocket, read by Playwright from the wire
// (the page's own frames), so a test can count them: a re-INVITE is an INVITE with a To tag.

import type { BrowserContext, Page } from '@playwright/test';

export interface SipLog {
  sent: string[];
  received: string[];
  /** Request lines (method and URI) of what the page sent, e.g. "INVITE sip:1001@…". */
  sentRequests(method: string): string[];
  receivedRequests(method: string): string[];
}

const textOf = (payload: string | Buffer) => (typeof payload === 'string' ? payload : payload.toString('utf8'));
const requestsOf = (frames: string[], method: string) => frames.filter((frame) => frame.startsWith(`${method} `));

/** Records from now on every frame of the pages `context` opens afterwards. */
export function recordSip(context: BrowserContext): SipLog {
  const log: SipLog = {
    sent: [],
    received: [],
    sentRequests: (method) => requestsOf(log.sent, method),
    receivedRequests: (method) => requestsOf(log.received, method),
  };
  const follow = (page: Page) =>
    page.on('websocket', (socket) => {
      socket.on('framesent', (frame) => log.sent.push(textOf(frame.payload)));
      socket.on('framereceived', (frame) => log.received.push(textOf(frame.payload)));
    });
  for (const page of context.pages()) follow(page);
  context.on('page', follow);
  return log;
}

/** An in-dialog INVITE (a re-INVITE) carries the To tag of the dialog. */
export function isReinvite(frame: string): boolean {
  return frame.startsWith('INVITE ') && /^(To|t):[^\r\n]*;\s*tag=/im.test(frame);
}
