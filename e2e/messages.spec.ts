import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { dial, env, freshUser, openPhone, register, sessions, showPhone, withRegisteredPhones } from './support/phone-page';
import { runSipp } from './support/sipp';

// Messages that say the right thing: a call refused by do-not-disturb is a missed call, a name
// sent as a SIP quoted-string reads as the person wrote it, an outcome line never lingers over
// the next call, an error is said once, and the number of a failed call is still there.

const hostileName = fileURLToPath(new URL('./sipp/invite-hostile-name.xml', import.meta.url));

test('do-not-disturb, one click away: the call is refused as busy and shown as missed, with the reason', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand'], async ([alice, bob]) => {
    const dnd = bob.page.getByRole('banner').getByRole('button', { name: 'Do not disturb' });
    await expect(dnd).toHaveAttribute('aria-pressed', 'false');
    await dnd.click();
    await expect(dnd).toHaveAttribute('aria-pressed', 'true');

    await dial(alice, bob.user);
    await expect(alice.page.getByText('Busy', { exact: true })).toBeVisible();
    await expect(bob.page.getByText(`Missed call from Alice Martin (${alice.user}) — do not disturb`)).toBeVisible();
    await expect(bob.page.getByText(/You declined|486/)).toHaveCount(0);
    await expect(bob.page.getByRole('alertdialog')).toHaveCount(0);
  });
});

test('a UTF-8 name with escaped quotes (SIP quoted-pair) reads decoded on the card, in the title and in the missed-call line', async () => {
  await withRegisteredPhones(['Bob'], async ([bob]) => {
    const sipp = runSipp({
      scenarioFile: hostileName,
      target: `127.0.0.1:${env('SOFTPHONE_SIP_PORT')}`,
      service: bob.user,
      keys: { display: 'Zoë \\"ZZ\\" Ærø' },
    });
    const card = bob.page.getByRole('alertdialog');
    await expect(card.locator('bdi.name')).toHaveText('Zoë "ZZ" Ærø');
    await expect(bob.page).toHaveTitle('Ringing: Zoë "ZZ" Ærø — Softphone');
    expect(await bob.page.evaluate(() => document.body.innerText)).not.toContain('\\');

    const result = await sipp;
    expect(result.exitCode, result.errorsLog ?? result.stderr).toBe(0);
    await expect(bob.page.locator('.outcome .sentence')).toHaveText('Missed call from Zoë "ZZ" Ærø (sipp)');
    expect(await bob.page.evaluate(() => document.body.innerText + document.title)).not.toContain('\\');
  });
});

test('the line about the last call never lingers over the next one', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand'], async ([alice, bob]) => {
    await dial(alice, bob.user);
    await expect(bob.page.getByRole('alertdialog')).toBeVisible();
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    const missed = bob.page.getByText('Missed call from Alice Martin');
    await expect(missed).toBeVisible();

    await dial(alice, bob.user);
    await expect(bob.page.getByRole('alertdialog')).toBeVisible();
    await expect(missed).toHaveCount(0);
  });
});

test('a call that fails for a reason already in the error banner gets no second "Call failed" line', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice Martin' });
    // Bob's browser refuses the microphone.
    const bob = await openPhone(browser, {
      displayName: 'Bob Durand',
      beforeLoad: (context) =>
        context.addInitScript(() => {
          navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
        }),
    });
    await register(alice);
    await register(bob);
    await dial(alice, bob.user);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(bob.page.getByRole('alert')).toContainText('The microphone is blocked.');
    await expect.poll(() => sessions(bob.page)).toEqual([]);
    await expect(bob.page.getByText('Call failed')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});

test('a failed call keeps its number; Call on the empty field offers the last number, a second Call dials it', async () => {
  await withRegisteredPhones(['Alice Martin', 'Bob Durand'], async ([alice, bob]) => {
    const nobody = freshUser();
    const field = alice.page.getByLabel('Number or SIP address');
    await dial(alice, nobody);
    await expect(alice.page.getByText('Not found', { exact: true })).toBeVisible();
    await expect(field).toHaveValue(nobody);

    await dial(alice, bob.user);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(bob.page.getByText('Connected', { exact: true })).toBeVisible();
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(alice.page.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
    await showPhone(alice.page);
    await expect(field).toHaveValue('');

    const call = alice.page.getByRole('button', { name: 'Call', exact: true });
    await call.click();
    await expect(field).toHaveValue(bob.user);
    await expect(bob.page.getByRole('alertdialog')).toHaveCount(0);
    await call.click();
    await expect(bob.page.getByRole('alertdialog')).toContainText('Alice Martin');
  });
});
