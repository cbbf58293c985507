// A far end that is not our own code: JsSIP 3 in its own page (e2e/jssip-page), registered to
// the test Kamailio like our phones. A phone talking only to copies of itself hides whatever
// both copies get wrong the same way; this one speaks SIP as JsSIP does.
//
// The page is bundled and served by the global setup (SOFTPHONE_JSSIP_URL). Its peer
// connections are instrumented like our phones', so e2e/support/media-stats.ts works on it.

import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { JsSipAgent, JsSipEvent, JsSipStats } from '../jssip-page/jssip-agent';
import { instrumentPeerConnections } from './browser';
import { env, freshUser, TEST_PASSWORD } from './phone-page';

export type { JsSipEvent, JsSipStats };

export interface JsSipPhone {
  page: Page;
  context: BrowserContext;
  user: string;
  displayName: string;
  /** Dials a user name at the test domain, or a full SIP URI. */
  call(target: string, options?: { video?: boolean; extraHeaders?: string[] }): Promise<void>;
  /**
   * Answers the current incoming call (audio unless `video`; see JsSipAgent.answer for the
   * options); after early media, confirms it with 200 OK.
   */
  answer(options?: { video?: boolean; extraHeaders?: string[]; refuseVideo?: boolean }): Promise<void>;
  /** 183 Session Progress with an SDP answer, then the microphone's audio while the call still rings. */
  progressWithEarlyMedia(): Promise<void>;
  /** CANCEL, reject (optionally with `status`) or BYE, whichever the current call needs. */
  hangup(options?: { status?: number }): Promise<void>;
  hold(): Promise<void>;
  unhold(): Promise<void>;
  /**
   * REFER on the current call (or call number `session`, 0-based in the order they began);
   * `target` is a user name at the test domain or a SIP URI; `replacesSession` makes it attended.
   */
  refer(target: string, options?: { session?: number; replacesSession?: number }): Promise<void>;
  /** An INFO in the current call; its answer comes as an `infoAnswered` event. */
  sendInfo(contentType: string, body: string): Promise<void>;
  events(): Promise<JsSipEvent[]>;
  /** Waits for the first event of `type` matching `match` (every given field equal), and returns it. */
  waitForEvent(type: JsSipEvent['type'], match?: Partial<JsSipEvent>, timeoutMs?: number): Promise<JsSipEvent>;
  stats(): Promise<JsSipStats>;
  liveSessions(): Promise<number>;
  sessionCount(): Promise<number>;
  /** getUserMedia tracks of this page still live. */
  liveLocalTracks(): Promise<number>;
  close(): Promise<void>;
}

export function jssipUrl(): string {
  const value = process.env.SOFTPHONE_JSSIP_URL;
  if (!value) throw new Error('SOFTPHONE_JSSIP_URL is not set: run the suite through playwright.config.ts (global setup).');
  return value;
}

function agentCall<Args extends unknown[], Result>(page: Page, method: keyof JsSipAgent, ...args: Args): Promise<Result> {
  return page.evaluate(
    ({ method, args }) => {
      const fn = window.jssipAgent[method] as unknown as (...rest: unknown[]) => unknown;
      return fn.apply(window.jssipAgent, args) as Result;
    },
    { method, args },
  ) as Promise<Result>;
}

function matches(event: JsSipEvent, type: JsSipEvent['type'], match: Partial<JsSipEvent>): boolean {
  if (event.type !== type) return false;
  return Object.entries(match).every(([key, value]) => event[key as keyof JsSipEvent] === value);
}

/** Opens a JsSIP phone in its own browser context and registers it (digest auth, password 'secret'). */
export async function openJsSipPhone(browser: Browser, options: { user?: string; displayName: string; acceptRefers?: boolean }): Promise<JsSipPhone> {
  const context = await browser.newContext();
  await instrumentPeerConnections(context);
  const page = await context.newPage();
  await page.goto(`${jssipUrl()}/index.html`);
  const user = options.user ?? freshUser();
  await page.evaluate(
    (config) => window.jssipAgent.start(config),
    { user, password: TEST_PASSWORD, domain: env('SOFTPHONE_SIP_DOMAIN'), wsUrl: env('SOFTPHONE_WS_URL'), displayName: options.displayName, acceptRefers: options.acceptRefers ?? false },
  );

  const events = () => page.evaluate(() => window.jssipAgent.events.slice());
  return {
    page,
    context,
    user,
    displayName: options.displayName,
    call: (target, callOptions = {}) => agentCall(page, 'call', target, callOptions),
    answer: (answerOptions = {}) => agentCall(page, 'answer', answerOptions),
    progressWithEarlyMedia: () => agentCall(page, 'progressWithEarlyMedia'),
    hangup: (hangupOptions = {}) => agentCall(page, 'hangup', hangupOptions),
    hold: async () => {
      if (!(await agentCall<[], boolean>(page, 'hold'))) throw new Error('JsSIP refused to hold the call');
    },
    unhold: async () => {
      if (!(await agentCall<[], boolean>(page, 'unhold'))) throw new Error('JsSIP refused to resume the call');
    },
    refer: (target, referOptions = {}) => agentCall(page, 'refer', target, referOptions),
    sendInfo: (contentType, body) => agentCall(page, 'sendInfo', contentType, body),
    events,
    async waitForEvent(type, match = {}, timeoutMs = 10_000) {
      let found: JsSipEvent | undefined;
      await expect
        .poll(
          async () => {
            found = (await events()).find((event) => matches(event, type, match));
            return found !== undefined;
          },
          { message: `JsSIP phone ${user}: event ${type} ${JSON.stringify(match)}`, timeout: timeoutMs },
        )
        .toBe(true);
      return found!;
    },
    stats: () => agentCall(page, 'stats'),
    liveSessions: () => agentCall(page, 'liveSessions'),
    sessionCount: () => agentCall(page, 'sessionCount'),
    liveLocalTracks: () => agentCall(page, 'liveLocalTracks'),
    async close() {
      await agentCall(page, 'stop').catch(() => undefined);
      await context.close();
    },
  };
}

/** The JsSIP phone's audio counters rise both ways (received and sent) over `windowMs`. */
export async function expectJsSipAudioFlowing(phone: JsSipPhone, windowMs = 1_000): Promise<void> {
  const first = await phone.stats();
  await phone.page.waitForTimeout(windowMs);
  const second = await phone.stats();
  expect(second.bytesReceived, `JsSIP ${phone.user} audio bytes received`).toBeGreaterThan(first.bytesReceived);
  expect(second.bytesSent, `JsSIP ${phone.user} audio bytes sent`).toBeGreaterThan(first.bytesSent);
}
