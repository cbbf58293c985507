// A phone under test: one browser context (its own fake microphone and camera) on the e2e build
// of the web target, driven through the UI the way a user would. The only thing read behind
// the UI is `window.__softphone`, which exists in the e2e build alone, to check the
// CallSession snapshots the spec talks about.

import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { CallSessionJSON } from '../../shared/call-session';
import { instrumentPeerConnections, launchChromium } from './browser';

export const TEST_PASSWORD = 'secret';

export interface TestPhone {
  page: Page;
  context: BrowserContext;
  user: string;
  displayName: string;
  close(): Promise<void>;
}

let nextUser = 0;

/** A user name no earlier test registered, so stale contacts in Kamailio never answer for it. */
export function freshUser(): string {
  nextUser += 1;
  return String(3000 + ((process.pid * 37 + nextUser) % 6000));
}

export function env(name: 'SOFTPHONE_WS_URL' | 'SOFTPHONE_WEB_URL' | 'SOFTPHONE_SIP_PORT' | 'SOFTPHONE_SIP_DOMAIN'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suite through playwright.config.ts (global setup).`);
  return value;
}

export async function openPhone(
  browser: Browser,
  options: { user?: string; displayName: string; beforeLoad?: (context: BrowserContext) => Promise<unknown> },
): Promise<TestPhone> {
  const context = await browser.newContext();
  await instrumentPeerConnections(context);
  await options.beforeLoad?.(context);
  const page = await context.newPage();
  await page.goto(env('SOFTPHONE_WEB_URL'));
  const user = options.user ?? freshUser();
  return {
    page,
    context,
    user,
    displayName: options.displayName,
    close: () => context.close(),
  };
}

export async function fillAccount(phone: TestPhone, overrides: { password?: string; serverUrl?: string } = {}): Promise<void> {
  const { page } = phone;
  await page.getByLabel('WebSocket server').fill(overrides.serverUrl ?? env('SOFTPHONE_WS_URL'));
  await page.getByLabel('SIP address', { exact: true }).fill(env('SOFTPHONE_SIP_DOMAIN'));
  await page.getByLabel('User name', { exact: true }).fill(phone.user);
  await page.getByLabel('Password').fill(overrides.password ?? TEST_PASSWORD);
  await page.getByLabel('Display name').fill(phone.displayName);
}

/** Fill the account form and connect; waits until the line shows it is registered. */
export async function register(phone: TestPhone): Promise<void> {
  await fillAccount(phone);
  await phone.page.getByRole('button', { name: 'Connect' }).click();
  await expect(lineStatus(phone.page)).toContainText(`Connected as sip:${phone.user}@`);
}

export function lineStatus(page: Page) {
  return page.getByRole('status').filter({ hasText: /Connect|connect|Signing in|Not connected/ }).first();
}

/** The phone view (not Settings), where calls are placed and shown. */
export async function showPhone(page: Page): Promise<void> {
  const tab = page.getByRole('navigation').getByRole('button', { name: 'Phone' });
  // A page with one view (no navigation) is always on the phone.
  if ((await tab.count()) === 0) return;
  if ((await tab.getAttribute('aria-current')) !== 'page') await tab.click();
}

/** Settings, with the Preferences section in view; returns that section. */
export async function openPreferences(page: Page) {
  const tab = page.getByRole('navigation').getByRole('button', { name: 'Settings' });
  if ((await tab.getAttribute('aria-current')) !== 'page') await tab.click();
  const panel = page.getByRole('region', { name: 'Preferences' });
  await expect(panel).toBeVisible();
  return panel;
}

/** Types the number and presses Call; during a call, goes through "New call" first, as a user does. */
export async function dial(phone: TestPhone, target: string): Promise<void> {
  await showPhone(phone.page);
  const newCall = phone.page.getByRole('button', { name: 'New call' });
  if (await newCall.isVisible()) await newCall.click();
  await phone.page.getByLabel('Number or SIP address').fill(target);
  await phone.page.getByRole('button', { name: 'Call', exact: true }).click();
}

export async function sessions(page: Page): Promise<CallSessionJSON[]> {
  return page.evaluate(() => (window as unknown as { __softphone: { sessions(): CallSessionJSON[] } }).__softphone.sessions());
}

/** Waits until the page's only call reports the given SIP status, and returns its snapshot. */
export async function waitForCallStatus(page: Page, status: CallSessionJSON['sipStatus']): Promise<CallSessionJSON> {
  let last: CallSessionJSON[] = [];
  await expect
    .poll(async () => {
      last = await sessions(page);
      return last[0]?.sipStatus;
    }, { message: `a call in state ${status}` })
    .toBe(status);
  return last[0]!;
}

/**
 * Runs `body` with one fresh browser and a registered phone per display name (each in its own
 * browser context), and closes everything afterwards, whatever happens.
 */
export async function withRegisteredPhones<const Names extends readonly string[]>(
  displayNames: Names,
  body: (phones: { [K in keyof Names]: TestPhone }) => Promise<void>,
): Promise<void> {
  const browser = await launchChromium();
  try {
    const phones: TestPhone[] = [];
    for (const displayName of displayNames) {
      const phone = await openPhone(browser, { displayName });
      await register(phone);
      phones.push(phone);
    }
    await body(phones as { [K in keyof Names]: TestPhone });
  } finally {
    await browser.close();
  }
}

/** `caller` dials `callee`, who answers (audio): returns once both report Established. */
export async function answeredCall(caller: TestPhone, callee: TestPhone): Promise<void> {
  await dial(caller, callee.user);
  await callee.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await waitForCallStatus(caller.page, 'Established');
  await waitForCallStatus(callee.page, 'Established');
}
