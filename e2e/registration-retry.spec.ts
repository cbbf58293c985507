import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser } from '@playwright/test';
import { launchChromium } from './support/browser';
import { freePort, startKamailio, type KamailioHandle, type KamailioOptions } from './support/kamailio';
import { answeredCall, fillAccount, freshUser, lineStatus, openPhone, type TestPhone } from './support/phone-page';
import { startSippServer, tracedMessages } from './support/sipp';

// A registrar that is sick, silent, or gone for a while: the phone says what happened, retries
// when it should (never on a wrong password), and is back as soon as the server is.

const REGISTER_503 = fileURLToPath(new URL('./sipp/register-503.xml', import.meta.url));

interface TestBed {
  kamailio: KamailioHandle;
  browser: Browser;
  restart(): Promise<KamailioHandle>;
}

/** A Kamailio of the test's own (it is stopped or pointed at SIPp) and a browser, both closed afterwards. */
async function withTestBed(options: Pick<KamailioOptions, 'registrarUasPort'>, body: (bed: TestBed) => Promise<void>): Promise<void> {
  const runDir = await mkdtemp(join(tmpdir(), 'kamailio-registration-'));
  const settings = { sipPort: await freePort(), wsPort: await freePort(), runDir, auth: true, ...options };
  const bed: TestBed = {
    kamailio: await startKamailio(settings),
    browser: await launchChromium(),
    restart: async () => (bed.kamailio = await startKamailio(settings)),
  };
  try {
    await body(bed);
  } finally {
    await bed.browser.close();
    await bed.kamailio.stop();
    await rm(runDir, { recursive: true, force: true });
  }
}

async function connect(phone: TestPhone, kamailio: KamailioHandle): Promise<void> {
  await fillAccount(phone, { serverUrl: kamailio.wsUrl });
  await phone.page.getByRole('button', { name: 'Connect' }).click();
}

test('a REGISTER answered 503 with Retry-After: 2 says so, retries after 2 s, registers, and a call works', async () => {
  const registrarPort = await freePort();
  await withTestBed({ registrarUasPort: registrarPort }, async ({ kamailio, browser }) => {
    const registrar = await startSippServer({ scenarioFile: REGISTER_503, localPort: registrarPort, timeoutMs: 45_000 });
    try {
      const callee = await openPhone(browser, { displayName: 'Gus' });
      await connect(callee, kamailio);
      await expect(lineStatus(callee.page)).toContainText(`Connected as sip:${callee.user}@`);

      // Kamailio relays the REGISTERs of reg503… users to the SIPp registrar.
      const phone = await openPhone(browser, { user: `reg503${freshUser()}`, displayName: 'Fay' });
      await connect(phone, kamailio);
      const reason = phone.page.getByRole('alert').filter({ hasText: 'temporarily unavailable' });
      await expect(reason).toContainText('The server is temporarily unavailable.');
      await expect(reason).toContainText(/Retrying in [23] s/);
      await expect(reason).toContainText('SIP 503');
      await expect(reason).not.toContainText('SIP address');
      await expect(lineStatus(phone.page)).toContainText('Not connected, retrying');

      await expect(lineStatus(phone.page)).toContainText(`Connected as sip:${phone.user}@`, { timeout: 15_000 });
      await expect(phone.page.getByRole('alert').filter({ hasText: 'temporarily unavailable' })).toHaveCount(0);

      const run = await registrar.done;
      expect(run.exitCode, run.errorsLog ?? run.stderr).toBe(0);
      const messages = tracedMessages(run.messagesLog ?? '');
      const refused = messages.find((m) => m.direction === 'sent' && m.firstLine.startsWith('SIP/2.0 503'));
      const retried = messages.filter((m) => m.direction === 'received' && m.firstLine.startsWith('REGISTER')).at(-1);
      expect(refused && retried, 'a 503 sent, then a second REGISTER').toBeTruthy();
      expect(messages.some((m) => m.direction === 'sent' && m.firstLine.startsWith('SIP/2.0 200'))).toBe(true);
      // Retry-After honoured: the second REGISTER came no earlier than 2 s after the 503.
      expect(retried!.atMs - refused!.atMs).toBeGreaterThanOrEqual(2000);

      // The line works: the phone calls another one through Kamailio.
      await answeredCall(phone, callee);
    } finally {
      await registrar.stop();
    }
  });
});

test('a REGISTER that is never answered says so without quoting a 408 nobody sent, and keeps retrying', async () => {
  // SIP's non-INVITE transaction timeout is 64 x T1 = 32 s: that long is the wait.
  test.setTimeout(90_000);
  await withTestBed({}, async ({ kamailio, browser }) => {
    // Kamailio drops the REGISTERs of regsilent… users without a word.
    const phone = await openPhone(browser, { user: `regsilent${freshUser()}`, displayName: 'Hal' });
    await connect(phone, kamailio);
    await expect(lineStatus(phone.page)).toContainText('Signing in');
    const reason = phone.page.getByRole('alert').filter({ hasText: 'did not answer' });
    await expect(reason).toContainText('The server did not answer the registration', { timeout: 45_000 });
    await expect(reason).not.toContainText('SIP 408');
    await expect(reason).not.toContainText(/SIP \d/);
    // Retrying, not given up: within 2 s the next REGISTER is on its way, and the reason stays.
    await expect(lineStatus(phone.page)).toContainText('Signing in');
    await expect(reason).toContainText('The phone retries by itself');
    await expect(phone.page.getByRole('button', { name: 'Disconnect' })).toBeVisible();
  });
});

test('after an outage the phone is registered again within 3 s of the server returning', async () => {
  await withTestBed({}, async (bed) => {
    const phone = await openPhone(bed.browser, { displayName: 'Ivy' });
    await connect(phone, bed.kamailio);
    await expect(lineStatus(phone.page)).toContainText('Connected as');

    await bed.kamailio.stop();
    await expect(lineStatus(phone.page)).toContainText('Connection lost, reconnecting');
    // Long enough for a plain doubling backoff to have reached waits of several seconds.
    await phone.page.waitForTimeout(8000);

    const restarted = await bed.restart(); // resolves once Kamailio accepts connections
    const back = Date.now();
    await expect(lineStatus(phone.page)).toContainText('Connected as', { timeout: 20_000 });
    const elapsedMs = Date.now() - back;
    console.log(`registered again ${elapsedMs} ms after Kamailio accepted connections`);
    test.info().annotations.push({ type: 're-register after server return (ms)', description: String(elapsedMs) });
    expect(elapsedMs).toBeLessThan(3000);
    await expect.poll(() => restarted.contacts(), { message: 'the contact registered again' }).toContain(phone.user);
  });
});
