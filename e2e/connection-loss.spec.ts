import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { freePort, startKamailio } from './support/kamailio';
import { expectRising } from './support/media-stats';
import { answeredCall, dial, env, fillAccount, lineStatus, openPhone, register, sessions, withRegisteredPhones, type TestPhone } from './support/phone-page';
import { receivedStatusCodes, runSipp, tracedMessages } from './support/sipp';
import { cutWebSockets, instrumentWebSockets } from './support/websockets';

// Calls must neither linger nor lie when the connection to the server goes.

test('a socket cut while a call rings, then a CANCEL: no ghost ringing once the phone is back, and the next call works', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice' });
    const bob = await openPhone(browser, {
      displayName: 'Bob',
      beforeLoad: async (context) => {
        await instrumentWebSockets(context);
        await instrumentCaptureTracks(context);
      },
    });
    await register(alice);
    await register(bob);

    await dial(alice, bob.user);
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    expect(await cutWebSockets(bob.page)).toBe(1);
    await alice.page.getByRole('button', { name: 'Hang up' }).click();

    await expect(lineStatus(bob.page)).toContainText('Connected as', { timeout: 20_000 });
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0, { timeout: 5_000 });
    expect(await sessions(bob.page)).toEqual([]);
    await expect(bob.page.getByText('was lost when the connection to the server dropped')).toBeVisible();
    expect((await liveCaptureTracks(bob.page)).live).toBe(0);

    await answeredCall(alice, bob);
    await expectRising(bob.page, 'audio', 'bytesReceived');
    await expectRising(alice.page, 'audio', 'bytesReceived');
  } finally {
    await browser.close();
  }
});

test('the server restarts mid-call: no alert for what the phone does by itself, media goes on, and hanging up says what is known', async () => {
  const runDir = await mkdtemp(join(tmpdir(), 'kamailio-midcall-'));
  const ports = { sipPort: await freePort(), wsPort: await freePort() };
  let kamailio = await startKamailio({ ...ports, runDir, auth: true });
  const browser = await launchChromium();
  const onServer = async (displayName: string): Promise<TestPhone> => {
    const phone = await openPhone(browser, { displayName });
    await fillAccount(phone, { serverUrl: kamailio.wsUrl });
    await phone.page.getByRole('button', { name: 'Connect' }).click();
    await expect(lineStatus(phone.page)).toContainText('Connected as');
    return phone;
  };
  try {
    const alice = await onServer('Alice');
    const bob = await onServer('Bob');
    await answeredCall(alice, bob);

    await kamailio.stop();
    kamailio = await startKamailio({ ...ports, runDir, auth: true });
    await expect(lineStatus(alice.page)).toContainText('Connected as', { timeout: 20_000 });
    await expect(lineStatus(bob.page)).toContainText('Connected as', { timeout: 20_000 });
    // The refresh after the reconnect and its retries run by themselves: nothing to alert about.
    await alice.page.waitForTimeout(3_000);
    await expect(alice.page.getByRole('alert')).toHaveCount(0);
    await expect(bob.page.getByRole('alert')).toHaveCount(0);
    await expectRising(alice.page, 'audio', 'bytesReceived');
    await expectRising(bob.page, 'audio', 'bytesReceived');

    // Kamailio lost the old connections' aliases: Alice's BYE cannot reach Bob (500). Her call
    // is over here, and she is told plainly that Bob may not know.
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(alice.page.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
    await expect(alice.page.getByText('ended here; the other side may not have been told')).toBeVisible();
    await expect(alice.page.getByRole('alert')).toHaveCount(0);
    // Bob's phone notices that nothing comes from Alice any more (ICE consent fails), tries an
    // ICE restart that cannot reach her, and ends the call, saying why.
    const t0 = Date.now();
    await expect.poll(async () => (await sessions(bob.page)).length, { timeout: 60_000, message: 'Bob learns the call is over' }).toBe(0);
    console.log(`Bob's call ended ${Date.now() - t0} ms after Alice hung up`);
    await expect(bob.page.getByText('nothing more was heard from their side')).toBeVisible();
  } finally {
    await browser.close();
    await kamailio.stop();
  }
});

/** SIPp calls `callee` and, once answered, never sends the ACK; it answers the BYE that ends it. */
function callerThatNeverAcks(callee: TestPhone): ReturnType<typeof runSipp> {
  return runSipp({
    scenarioFile: fileURLToPath(new URL('./sipp/invite-no-ack.xml', import.meta.url)),
    target: `127.0.0.1:${env('SOFTPHONE_SIP_PORT')}`,
    service: callee.user,
    timeoutMs: 60_000,
  });
}

test('a caller that never confirms the answer (no ACK): the call ends after 32 s saying so, not "hung up"', async () => {
  test.setTimeout(90_000);
  await withRegisteredPhones(['Bob'], async ([bob]) => {
    const sipp = callerThatNeverAcks(bob);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(bob.page.getByRole('button', { name: 'Hang up' })).toBeVisible();

    const result = await sipp;
    expect(result.exitCode, result.errorsLog ?? result.stderr).toBe(0);
    expect(receivedStatusCodes(result.messagesLog ?? '')).toContain(200);
    // The BYE is the phone's own, sent once SIP.js stopped waiting for the ACK (64 x T1).
    const messages = tracedMessages(result.messagesLog ?? '');
    const firstOk = messages.find((m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 200'));
    const bye = messages.find((m) => m.direction === 'received' && m.firstLine.startsWith('BYE'));
    expect(bye!.atMs - firstOk!.atMs).toBeGreaterThanOrEqual(30_000);

    await expect(bob.page.getByText('their phone never confirmed the answer')).toBeVisible();
    await expect(bob.page.getByText(/hung up/)).toHaveCount(0);
    expect(await sessions(bob.page)).toEqual([]);
  });
});

test('Hang up while the caller has not confirmed the answer (no ACK): the call ends at once, the microphone closes, and the BYE follows when the ACK wait ends', async () => {
  test.setTimeout(90_000);
  const browser = await launchChromium();
  try {
    const bob = await openPhone(browser, { displayName: 'Bob', beforeLoad: (context) => instrumentCaptureTracks(context) });
    await register(bob);
    const sipp = callerThatNeverAcks(bob);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(async () => (await liveCaptureTracks(bob.page)).live, { message: 'the microphone opened' }).toBe(1);
    // A BYE may not precede the ACK (RFC 3261 §15): the phone must not wait for it to let go.
    await bob.page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await sessions(bob.page)).length, { message: 'the call is gone at once', timeout: 1_000 }).toBe(0);
    await expect.poll(async () => (await liveCaptureTracks(bob.page)).kinds, { message: 'the microphone is closed at once', timeout: 1_000 }).toEqual([]);

    const result = await sipp;
    expect(result.exitCode, result.errorsLog ?? result.stderr).toBe(0);
    const messages = tracedMessages(result.messagesLog ?? '');
    expect(messages.some((m) => m.direction === 'received' && m.firstLine.startsWith('BYE')), 'the dialog is closed with a BYE').toBe(true);
  } finally {
    await browser.close();
  }
});
