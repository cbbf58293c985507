import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { openJsSipPhone } from './support/jssip-phone';
import { fillAccount, lineStatus, openPhone, dial, waitForCallStatus } from './support/phone-page';
import { recordSip, type SipLog } from './support/sip-frames';

// Some PBXs take keypad tones only as SIP INFO. With that method chosen on the account, our
// keypad sends INFO application/dtmf-relay, which JsSIP (an independent stack) receives; and an
// INFO the far end sends us is answered 200 and its tone shown.
test('DTMF as SIP INFO: sent with the dtmf-relay body, and received ones answered 200 and shown', async () => {
  const browser = await launchChromium();
  try {
    let aliceSip: SipLog | undefined;
    const alice = await openPhone(browser, { displayName: 'Alice', beforeLoad: async (context) => (aliceSip = recordSip(context)) });
    await fillAccount(alice);
    await alice.page.getByLabel('Keypad tones (DTMF)').selectOption({ label: 'SIP INFO messages' });
    await alice.page.getByRole('button', { name: 'Connect' }).click();
    await expect(lineStatus(alice.page)).toContainText(`Connected as sip:${alice.user}@`);
    const jay = await openJsSipPhone(browser, { displayName: 'Jay' });

    await dial(alice, jay.user);
    await jay.waitForEvent('incoming');
    await jay.answer();
    await waitForCallStatus(alice.page, 'Established');

    await alice.page.getByRole('button', { name: 'Keypad' }).click();
    await alice.page.getByRole('button', { name: 'Send DTMF 5' }).click();
    await alice.page.getByRole('button', { name: 'Send DTMF #' }).click();
    // JsSIP reads each INFO as a keypad tone (its own dtmf-relay parser), in order.
    await expect.poll(async () => (await jay.events()).filter((e) => e.type === 'newDTMF').map((e) => [e.tone, e.duration])).toEqual([
      ['5', 160],
      ['#', 160],
    ]);
    await expect(alice.page.getByRole('alert')).toHaveCount(0);
    // On the wire: exactly the INFO body the method describes.
    const infos = aliceSip!.sentRequests('INFO');
    expect(infos).toHaveLength(2);
    for (const [frame, tone] of [[infos[0]!, '5'], [infos[1]!, '#']] as const) {
      expect(frame).toMatch(/^Content-Type: application\/dtmf-relay\r$/m);
      expect(frame.split('\r\n\r\n')[1]).toBe(`Signal=${tone}\r\nDuration=160\r\n`);
    }

    // The far end's INFO: answered 200, and its tone shown under the call.
    await jay.sendInfo('application/dtmf-relay', 'Signal=7\r\nDuration=160\r\n');
    expect((await jay.waitForEvent('infoAnswered')).status).toBe(200);
    await expect(alice.page.getByRole('status').filter({ hasText: 'Keypad tones received: 7' })).toBeVisible();
  } finally {
    await browser.close();
  }
});
