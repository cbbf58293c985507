import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { dial, env, openPreferences, sessions, waitForCallStatus, withRegisteredPhones } from './support/phone-page';
import { receivedStatusCodes, runSipp } from './support/sipp';

const autoAnswerScenario = fileURLToPath(new URL('./sipp/invite-auto-answer.xml', import.meta.url));

async function chooseAutoAnswer(page: Page, mode: 'Off' | 'Always' | 'When the call asks for it (intercom, paging)'): Promise<void> {
  const panel = await openPreferences(page);
  await panel.getByLabel('Auto-answer').selectOption({ label: mode });
  await panel.getByRole('button', { name: 'Save preferences' }).click();
  await expect(panel.getByText('Preferences saved.')).toBeVisible();
}

function callFromSipp(service: string, header: string) {
  return runSipp({
    scenarioFile: autoAnswerScenario,
    target: `127.0.0.1:${env('SOFTPHONE_SIP_PORT')}`,
    service,
    keys: { auto_answer_header: header },
    timeoutMs: 15_000,
  });
}

// SIPp is an independent SIP stack: what it received is what went over the wire.
for (const header of ['Answer-Mode: Auto', 'Call-Info: <sip:127.0.0.1>;answer-after=0']) {
  test(`an INVITE with "${header}" is answered by itself when the setting allows`, async () => {
    await withRegisteredPhones(['Bob'], async ([bob]) => {
      await chooseAutoAnswer(bob.page, 'When the call asks for it (intercom, paging)');

      const sipp = callFromSipp(bob.user, header);
      // Marked as answered by this phone itself, not by the user.
      // SIPp hangs up a second after the answer: look often.
      await expect.poll(async () => (await sessions(bob.page))[0]?.autoAnswered, { timeout: 10_000, intervals: [50] }).toBe(true);
      // answeredBySystem is the seed's other fact: a machine at the far end. SIPp is not one we know of.
      expect((await sessions(bob.page))[0]?.answeredBySystem).toBeUndefined();
      const result = await sipp;
      expect(result.exitCode, result.errorsLog ?? result.stderr).toBe(0);
      expect(receivedStatusCodes(result.messagesLog ?? '')).toContain(200);
      await expect(bob.page.getByText('SIPp hung up')).toBeVisible();
    });
  });
}

test('with auto-answer off, the same INVITE rings until the user decides', async () => {
  await withRegisteredPhones(['Bob'], async ([bob]) => {
    await chooseAutoAnswer(bob.page, 'Off');

    const sipp = callFromSipp(bob.user, 'Answer-Mode: Auto');
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    // Ringing on, well past the request's zero delay: nothing answered by itself.
    await bob.page.waitForTimeout(1500);
    expect((await sessions(bob.page))[0]?.answered).toBe(false);
    await bob.page.getByRole('button', { name: 'Decline' }).click();

    const codes = receivedStatusCodes((await sipp).messagesLog ?? '');
    expect(codes).toContain(603);
    expect(codes).not.toContain(200);
  });
});

test('in-window shortcuts answer and hang up a call', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await dial(alice, bob.user);
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    await bob.page.keyboard.press('Control+Shift+A');
    await waitForCallStatus(bob.page, 'Established');
    await waitForCallStatus(alice.page, 'Established');

    await bob.page.keyboard.press('Control+Shift+M');
    await expect(bob.page.getByRole('button', { name: 'Unmute' })).toBeVisible();

    await bob.page.keyboard.press('Control+Shift+H');
    await expect(alice.page.getByText(`${bob.user} hung up`)).toBeVisible();
    await expect.poll(() => sessions(bob.page)).toEqual([]);
  });
});
