import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { expectRising } from './support/media-stats';
import { answeredCall, env, openPreferences, sessions, withRegisteredPhones, type TestPhone } from './support/phone-page';
import { receivedStatusCodes, runSipp, type SippOptions } from './support/sipp';

// Requests a real PBX or a hostile peer may send: each gets a SIP answer that SIPp (an
// independent stack) sees on the wire, and the phone still makes a normal call right after.

const scenario = (name: string) => fileURLToPath(new URL(`./sipp/${name}.xml`, import.meta.url));

function sipp(bob: TestPhone, name: string, extra: Partial<SippOptions> = {}) {
  return runSipp({
    scenarioFile: scenario(name),
    target: `127.0.0.1:${env('SOFTPHONE_SIP_PORT')}`,
    service: bob.user,
    timeoutMs: 20_000,
    ...extra,
  });
}

async function expectScenarioPassed(result: Awaited<ReturnType<typeof runSipp>>): Promise<number[]> {
  expect(result.exitCode, result.errorsLog ?? result.stderr).toBe(0);
  return receivedStatusCodes(result.messagesLog ?? '');
}

/** The phone is not wedged: Alice calls Bob, he answers, audio flows, Alice hangs up. */
async function normalCallWorks(alice: TestPhone, bob: TestPhone): Promise<void> {
  await answeredCall(alice, bob);
  await expectRising(alice.page, 'audio', 'bytesReceived');
  await expectRising(bob.page, 'audio', 'bytesReceived');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect.poll(() => sessions(bob.page)).toEqual([]);
}

async function savePreferences(page: Page, change: (panel: ReturnType<Page["getByRole"]>) => Promise<unknown>): Promise<void> {
  const panel = await openPreferences(page);
  await change(panel);
  await panel.getByRole('button', { name: 'Save preferences' }).click();
  await expect(panel.getByText('Preferences saved.')).toBeVisible();
}

const unusableOffers = [
  { what: 'plain RTP/AVP', keys: { offer_proto: 'RTP/AVP', offer_format: '0', offer_rtpmap: 'PCMU/8000' } },
  { what: 'only a codec the browser cannot decode (G.729)', keys: { offer_proto: 'UDP/TLS/RTP/SAVPF', offer_format: '18', offer_rtpmap: 'G729/8000' } },
];

for (const { what, keys } of unusableOffers) {
  test(`an INVITE offering ${what} gets 488 without ringing, and says why`, async () => {
    await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
      const codes = await expectScenarioPassed(await sipp(bob, 'invite-unusable-offer', { keys }));
      expect(codes).toContain(488);
      expect(codes).not.toContain(180);
      expect(codes).not.toContain(480);
      // Never shown as ringing; one line tells the user what happened.
      await expect(bob.page.getByText('The call from SIPp (sipp) could not be taken: its audio format is not supported')).toBeVisible();
      await expect(bob.page.getByRole('alertdialog')).toHaveCount(0);
      expect(await sessions(bob.page)).toEqual([]);

      await normalCallWorks(alice, bob);
    });
  });
}

test('an INVITE with a control character in From gets 400 Bad Request, and the phone keeps working', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    const result = await sipp(bob, 'invite-bad-from');
    const codes = await expectScenarioPassed(result);
    expect(codes).toContain(400);
    // The phone's own 400 (Kamailio's would not carry our Warning).
    expect(result.messagesLog).toMatch(/Warning: 399 softphone/);
    await expect(bob.page.getByRole('alertdialog')).toHaveCount(0);

    await normalCallWorks(alice, bob);
  });
});

test('OPTIONS gets 200 and an out-of-dialog MESSAGE gets 405 with Allow, never a silent 200', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    const result = await sipp(bob, 'out-of-dialog');
    const codes = await expectScenarioPassed(result);
    expect(codes).toEqual(expect.arrayContaining([200, 405]));
    expect(result.messagesLog).toMatch(/^Allow: .*\bINVITE\b/m);

    await normalCallWorks(alice, bob);
  });
});

test('a session-refresh UPDATE without SDP gets 200 with Session-Expires, a re-INVITE refresh too, and the call goes on', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await savePreferences(bob.page, (panel) => panel.getByLabel('Auto-answer').selectOption({ label: 'When the call asks for it (intercom, paging)' }));

    const result = await sipp(bob, 'session-refresh-update');
    const codes = await expectScenarioPassed(result);
    // INVITE 200, UPDATE 200, re-INVITE 200, BYE 200: no 501 or 405 for the UPDATE.
    expect(codes.filter((code) => code === 200)).toHaveLength(4);
    expect(codes).not.toContain(501);
    expect(result.messagesLog).toMatch(/^Session-Expires: 1800;refresher=uac/m);
    await expect(bob.page.getByText('SIPp hung up')).toBeVisible();

    await savePreferences(bob.page, (panel) => panel.getByLabel('Auto-answer').selectOption({ label: 'Off' }));
    await normalCallWorks(alice, bob);
  });
});

test('a flood of 10 INVITEs: 4 ring (the limit), the rest get 486 at once, one incoming card shows', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    const flood = sipp(bob, 'invite-flood', { extraArgs: ['-m', '10', '-r', '10', '-l', '10'], timeoutMs: 30_000 });

    // While the four ring: one card (the oldest), and the count of the others.
    await expect(bob.page.getByText('3 more calls waiting')).toBeVisible();
    await expect(bob.page.getByRole('alertdialog')).toHaveCount(1);
    await expect(bob.page.getByRole('alertdialog')).toContainText('SIPp 1');

    const codes = await expectScenarioPassed(await flood);
    expect(codes.filter((code) => code === 180)).toHaveLength(4);
    expect(codes.filter((code) => code === 486)).toHaveLength(6);
    expect(codes.filter((code) => code === 487)).toHaveLength(4);

    await expect(bob.page.getByRole('alertdialog')).toHaveCount(0);
    await expect(bob.page.getByText(/more calls? waiting/)).toHaveCount(0);
    await expect.poll(() => sessions(bob.page)).toEqual([]);

    await normalCallWorks(alice, bob);
  });
});
