import { expect, test, type Page } from '@playwright/test';
import type { CallSessionJSON } from '../shared/call-session';
import { launchChromium } from './support/browser';
import { openJsSipPhone } from './support/jssip-phone';
import { freePort } from './support/kamailio';
import { dial, env, freshUser, lineStatus, openPhone, register, sessions, waitForCallStatus } from './support/phone-page';
import type { CallRecord } from './wazo-standin/calls';
import { startWazoStandin, type StandinUser, type WazoStandin } from './wazo-standin/standin';

// Wazo Platform sign-in against the stand-in of e2e/wazo-standin (wazo-auth, confd, calld,
// websocketd from their published specifications), with the SIP side on the real test
// Kamailio: the stand-in relays /api/asterisk/ws to it and learns the calls from that SIP.
// The user types a server, a login and a password; everything else is discovered.

test.describe.configure({ mode: 'serial' });

/** Kamailio's users all have this password; a Wazo line is one of them. */
const SIP_PASSWORD = 'secret';
const ALICE_LINE = 17;

const aliceSip = freshUser();
const bobSip = freshUser();
const users: StandinUser[] = [
  {
    uuid: '6c1b4a2e-0000-4000-8000-00000000a11c',
    login: 'alice',
    password: 'alice-wazo-password',
    firstname: 'Alice',
    lastname: 'Martin',
    // A desk phone first: the WebRTC line is the second one.
    lines: [
      { id: 3, sip: { username: `desk${aliceSip}`, password: 'desk', webrtc: false } },
      { id: ALICE_LINE, sip: { username: aliceSip, password: SIP_PASSWORD, webrtc: true } },
    ],
  },
  {
    // Bob has only a desk phone (the plain SIP phone of these tests): no WebRTC line.
    uuid: '6c1b4a2e-0000-4000-8000-000000000b0b',
    login: 'bob',
    password: 'bob-wazo-password',
    firstname: 'Bob',
    lastname: 'Durand',
    lines: [{ id: 21, sip: { username: bobSip, password: SIP_PASSWORD, webrtc: false } }],
  },
  {
    // A WebRTC line whose endpoint has a user name but no password.
    uuid: '6c1b4a2e-0000-4000-8000-0000000ca201',
    login: 'carol',
    password: 'carol-wazo-password',
    firstname: 'Carol',
    lastname: 'Petit',
    lines: [{ id: 30, sip: { username: freshUser(), webrtc: true } }],
  },
];

let standin: WazoStandin;

test.beforeAll(async () => {
  // The client takes the SIP domain from the server name, as the reference SDK does; the test
  // Kamailio's domain must then be the stand-in's host.
  expect(env('SOFTPHONE_SIP_DOMAIN')).toBe('127.0.0.1');
  standin = await startWazoStandin({ users, sipUpstream: env('SOFTPHONE_WS_URL'), maxTokenSeconds: 4 });
});

test.afterAll(async () => {
  await standin?.close();
});

function wazoForm(page: Page) {
  return page.getByRole('form', { name: 'Wazo Platform sign-in' });
}

async function signIn(page: Page, login: string, password: string, server = standin.url): Promise<void> {
  const showForm = page.getByRole('button', { name: 'Sign in with Wazo Platform', exact: true });
  if (await showForm.isVisible()) await showForm.click();
  const form = wazoForm(page);
  await form.getByLabel('Server', { exact: true }).fill(server);
  await form.getByLabel('Login', { exact: true }).fill(login);
  await form.getByLabel('Password', { exact: true }).fill(password);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
}

function wazoAlert(page: Page, region = 'Wazo Platform sign-in') {
  return page.getByRole('region', { name: region }).getByRole('alert');
}

/** Waits until the page's only call carries what `ready` looks for, and returns it. */
async function callWhere(page: Page, ready: (call: CallSessionJSON) => boolean, message: string): Promise<CallSessionJSON> {
  let last: CallSessionJSON | undefined;
  await expect
    .poll(async () => {
      last = (await sessions(page))[0];
      return !!last && ready(last);
    }, { message })
    .toBe(true);
  return last!;
}

function standinCall(sipCallId: string): CallRecord {
  const found = standin.calls().find((call) => call.sipCallId === sipCallId);
  if (!found) throw new Error(`the stand-in never saw the SIP call ${sipCallId}`);
  return found;
}

test('sign-in problems each say what is wrong and what to do: wrong password, unknown server, not a Wazo server, no WebRTC line, a line without credentials', async () => {
  const browser = await launchChromium();
  try {
    const phone = await openPhone(browser, { displayName: 'Nobody' });
    const { page } = phone;
    const sipConnections = standin.stats().sipConnections;

    await signIn(page, 'alice', 'not-her-password');
    await expect(wazoAlert(page)).toHaveText('Wrong login or password. Check both (the password is case-sensitive) and sign in again.');

    await signIn(page, 'alice', 'alice-wazo-password', `http://127.0.0.1:${await freePort()}`);
    await expect(wazoAlert(page)).toHaveText('The Wazo server could not be reached. Check the server name and your network connection, then try again.');

    // The page's own web server: it answers, but it is no Wazo.
    await signIn(page, 'alice', 'alice-wazo-password', env('SOFTPHONE_WEB_URL'));
    await expect(wazoAlert(page)).toHaveText('The server answered, but it is not a Wazo Platform server. Check the server name with your administrator.');

    await signIn(page, 'bob', 'bob-wazo-password');
    await expect(wazoAlert(page)).toContainText('Your Wazo account has no line set up for WebRTC');
    await expect(wazoAlert(page)).toContainText('Ask your administrator for a WebRTC line');

    await signIn(page, 'carol', 'carol-wazo-password');
    await expect(wazoAlert(page)).toContainText('Your WebRTC line has no SIP user name or password on the server');

    await signIn(page, 'alice', 'alice-wazo-password', 'http://wazo.example.com');
    await expect(wazoAlert(page)).toContainText('http:// is only allowed for a server on this computer');

    // In French too (the language is in Settings, where the Wazo sign-in is too).
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(wazoAlert(page, 'Connexion à Wazo Platform')).toContainText("http:// n'est permis que pour un serveur sur cet ordinateur");

    // None of it reached the SIP server, and nobody is signed in.
    expect(standin.stats().sipConnections).toBe(sipConnections);
    await expect(page.getByText('Signed in to')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test('signed in with a login and a password, the phone registers with the discovered line; the call events complete the CallSession; Record flips isRecording', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice', user: aliceSip });
    const bob = await openPhone(browser, { displayName: 'Bob', user: bobSip });
    await register(bob);

    await signIn(alice.page, 'alice', 'alice-wazo-password');
    // Registered with the WebRTC line (not the desk phone listed first), through the stand-in;
    // the phone then takes the page, and the Wazo account is in Settings.
    await expect(lineStatus(alice.page)).toHaveText(`Connected as sip:${aliceSip}@127.0.0.1`);
    await alice.page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await expect(alice.page.getByText(`Signed in to ${new URL(standin.url).host} as alice`)).toBeVisible();
    expect(standin.stats().sipConnections).toBeGreaterThan(0);

    await dial(alice, bob.user);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    const established = await waitForCallStatus(alice.page, 'Established');

    // Everything below came from calld's events, matched by SIP Call-ID.
    const call = await callWhere(alice.page, (s) => (s.call?.talkingToIds.length ?? 0) > 0, 'the call bridged, as the events say');
    const server = standinCall(established.sipCallId);
    expect(call.callId).toBe(server.callId);
    expect(call.call).toMatchObject({
      id: server.callId,
      sipCallId: established.sipCallId,
      lineId: ALICE_LINE,
      status: 'Up',
      isCaller: true,
      dialedExtension: bob.user,
      recording: false,
    });
    // talking_to as calld sends it, in the seed's shape: the other party's call id -> Bob's user uuid.
    expect(call.call?.talkingToIds).toEqual([{ [server.peerCallId]: users[1]!.uuid }]);
    expect(call.answeredBySystem).toBe(false);
    expect(call.recording).toBe(false);
    // The SIP side is the engine's own.
    expect(call).toMatchObject({ sipStatus: 'Established', isCaller: true, number: bob.user, answered: true });

    const panel = alice.page.getByRole('region', { name: new RegExp(bob.user) });
    await panel.getByRole('button', { name: 'Record', exact: true }).click();
    await callWhere(alice.page, (s) => s.recording, 'recording, as record_state says');
    await expect(panel.getByRole('status').filter({ hasText: 'Recording' })).toHaveText('Recording');
    expect(standin.stats().recordRequests).toContain(`start ${server.callId}`);

    await panel.getByRole('button', { name: 'Pause recording', exact: true }).click();
    await callWhere(alice.page, (s) => s.recordingPaused && !s.recording, 'recording paused');
    await expect(panel.getByRole('status').filter({ hasText: 'Recording' })).toHaveText('Recording paused');
    await panel.getByRole('button', { name: 'Resume recording', exact: true }).click();
    await callWhere(alice.page, (s) => s.recording && !s.recordingPaused, 'recording again');

    await panel.getByRole('button', { name: 'Stop recording', exact: true }).click();
    await callWhere(alice.page, (s) => !s.recording && !s.recordingPaused, 'recording stopped');
    await expect(panel.getByRole('button', { name: 'Record', exact: true })).toBeVisible();

    // Hold by SIP; the server's call_held reaches the call data too.
    await panel.getByRole('button', { name: 'Hold', exact: true }).click();
    await callWhere(alice.page, (s) => s.paused && s.call?.onHold === true, 'held, and the server says so');

    await panel.getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect.poll(() => standinCall(established.sipCallId).ended, { message: 'the stand-in saw the hang-up' }).toBe(true);

    await alice.page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await alice.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(lineStatus(alice.page)).toHaveText('Not connected');
    await expect.poll(() => standin.stats().refreshTokensRevoked, { message: 'the refresh token revoked at sign-out' }).toBeGreaterThan(0);
  } finally {
    await browser.close();
  }
});

test('the short-lived token is refreshed before it expires, without dropping the line or the events', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice', user: aliceSip });
    const before = standin.stats();
    await signIn(alice.page, 'alice', 'alice-wazo-password');
    await expect(lineStatus(alice.page)).toHaveText(`Connected as sip:${aliceSip}@127.0.0.1`);

    // Every registration change from now on.
    await alice.page.evaluate(() => {
      const changes: string[] = [];
      (window as unknown as { __lineChanges: string[] }).__lineChanges = changes;
      const phone = (window as unknown as { __softphone: { phone: { on(name: string, handler: (s: { status: string }) => void): void } } }).__softphone.phone;
      phone.on('onRegistrationChanged', (snapshot) => changes.push(snapshot.status));
    });

    // Tokens live 4 s here: two refreshes mean the first token, and a refreshed one, expired.
    await expect
      .poll(() => standin.stats().refreshes - before.refreshes, { message: 'refreshes made with the refresh token', timeout: 30_000 })
      .toBeGreaterThanOrEqual(2);
    const after = standin.stats();
    expect(after.passwordLogins - before.passwordLogins).toBe(1);
    expect(after.websocketdOpened - before.websocketdOpened).toBe(1);
    expect(after.websocketdTokenUpdates - before.websocketdTokenUpdates).toBeGreaterThanOrEqual(2);
    expect(after.websocketdExpired - before.websocketdExpired).toBe(0);
    expect(after.sipConnections - before.sipConnections).toBe(1);
    expect(await alice.page.evaluate(() => (window as unknown as { __lineChanges: string[] }).__lineChanges)).toEqual([]);
    await expect(lineStatus(alice.page)).toHaveText(`Connected as sip:${aliceSip}@127.0.0.1`);

    // The events still come on the same connection, and calld takes the refreshed token.
    const jane = await openJsSipPhone(browser, { displayName: 'Jane JsSIP' });
    await dial(alice, jane.user);
    await jane.waitForEvent('incoming');
    await jane.answer();
    const established = await waitForCallStatus(alice.page, 'Established');
    const call = await callWhere(alice.page, (s) => (s.call?.talkingToIds.length ?? 0) > 0, 'the call bridged after the refreshes');
    const server = standinCall(established.sipCallId);
    expect(call.callId).toBe(server.callId);
    // Jane is no Wazo user: calld names her call with a null user, kept as an empty uuid.
    expect(call.call?.talkingToIds).toEqual([{ [server.peerCallId]: '' }]);
    await alice.page.getByRole('button', { name: 'Record', exact: true }).click();
    await callWhere(alice.page, (s) => s.recording, 'recording with a refreshed token');
    expect(standin.stats().websocketdOpened - before.websocketdOpened).toBe(1);
  } finally {
    await browser.close();
  }
});
