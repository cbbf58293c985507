import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { env, withRegisteredPhones } from './support/phone-page';
import { receivedStatusCodes, runSipp } from './support/sipp';

const hostileName = fileURLToPath(new URL('./sipp/invite-hostile-name.xml', import.meta.url));

// A right-to-left override makes "evil" read "live"; a quoted-string escape; then 6 KB of one
// unbroken word, which once widened the page to 1686 px.
const RLO = '\u202E';
const DISPLAY = `${RLO}live \\"boss\\" ${'x'.repeat(6000)}`;
const BIDI_OR_INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

async function layout(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    text: document.body.innerText,
  }));
}

test('a caller name with a bidi override and 6 KB is shown clean, isolated and cut inside the page', async () => {
  await withRegisteredPhones(['Bob'], async ([bob]) => {
    const sipp = runSipp({
      scenarioFile: hostileName,
      target: `127.0.0.1:${env('SOFTPHONE_SIP_PORT')}`,
      service: bob.user,
      keys: { display: DISPLAY },
    });

    const card = bob.page.getByRole('alertdialog');
    await expect(card.getByRole('button', { name: 'Answer' })).toBeVisible();
    const name = card.locator('bdi.name');
    await expect(name).toHaveText(/^live "boss" x+…$/);
    expect(await name.getAttribute('title')).toBe(await name.textContent());
    const ringing = await layout(bob.page);
    expect(ringing.text).not.toMatch(BIDI_OR_INVISIBLE);
    expect(ringing.scrollWidth).toBeLessThanOrEqual(ringing.viewport);
    // Cut by CSS with an ellipsis: the name's box is narrower than its text.
    expect(await name.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);

    const result = await sipp;
    expect(result.exitCode, result.errorsLog ?? result.stderr).toBe(0);
    expect(receivedStatusCodes(result.messagesLog ?? '')).toEqual(expect.arrayContaining([180, 200, 487]));

    // The missed-call line names the caller the same way.
    const outcome = bob.page.locator('.outcome .sentence');
    await expect(outcome).toHaveText(/^Missed call from live "boss" x+… \(sipp\)$/);
    const missed = await layout(bob.page);
    expect(missed.text).not.toMatch(BIDI_OR_INVISIBLE);
    expect(missed.scrollWidth).toBeLessThanOrEqual(missed.viewport);
  });
});
