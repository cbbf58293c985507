import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { env, sessions, withRegisteredPhones } from './support/phone-page';
import { receivedStatusCodes, runSipp } from './support/sipp';

const inviteThenCancel = fileURLToPath(new URL('./sipp/invite-cancel.xml', import.meta.url));

// An independent SIP stack (SIPp over UDP) calls the phone through Kamailio and hangs up while
// it rings: the phone must stop ringing and show a missed call, and answer the CANCEL properly.
test('an INVITE cancelled by a SIPp caller shows B a missed call', async () => {
  await withRegisteredPhones(['Bob'], async ([bob]) => {
    const sipp = runSipp({
      scenarioFile: inviteThenCancel,
      target: `127.0.0.1:${env('SOFTPHONE_SIP_PORT')}`,
      service: bob.user,
    });
    await expect(bob.page.getByRole('button', { name: 'Answer' })).toBeVisible();
    await expect(bob.page.getByRole('alertdialog')).toContainText('SIPp');

    const result = await sipp;
    expect(result.exitCode, result.errorsLog ?? result.stderr).toBe(0);
    expect(receivedStatusCodes(result.messagesLog ?? '')).toEqual(expect.arrayContaining([180, 200, 487]));

    await expect(bob.page.getByText('Missed call from SIPp')).toBeVisible();
    await expect(bob.page.getByRole('button', { name: 'Answer' })).toHaveCount(0);
    await expect.poll(() => sessions(bob.page)).toEqual([]);
  });
});
