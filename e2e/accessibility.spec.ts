import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from './support/browser';
import { dial, openPhone, register, waitForCallStatus } from './support/phone-page';

// axe-core over the states people spend their day in: no violation in any of them.

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations in "${state}"`).toEqual([]);
}

test('first run, signed in, ringing, in call, two calls, history and settings have no axe violations', async () => {
  test.setTimeout(120_000);
  const browser = await launchChromium();
  try {
    const me = await openPhone(browser, { displayName: 'Bob Durand' });
    const alice = await openPhone(browser, { displayName: 'Alice Martin' });
    const carol = await openPhone(browser, { displayName: 'Carol Petit' });
    await expect(me.page.getByLabel('WebSocket server')).toBeVisible();
    await expectNoViolations(me.page, 'first run');

    await register(me);
    await register(alice);
    await register(carol);
    await expectNoViolations(me.page, 'signed in');

    await dial(alice, me.user);
    await expect(me.page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(me.page, 'ringing');

    await me.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(me.page, 'Established');
    await expectNoViolations(me.page, 'in call');

    await dial(carol, me.user);
    await expect(me.page.getByRole('alertdialog')).toBeVisible();
    await expectNoViolations(me.page, 'in call, a second one ringing');
    await me.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(me.page.getByRole('button', { name: 'Resume' })).toBeVisible();
    await expectNoViolations(me.page, 'two calls');

    // The history with the calls above in it, then with its clear confirmation open.
    await me.page.getByRole('navigation').getByRole('button', { name: /^History/ }).click();
    await expect(me.page.getByRole('region', { name: 'Call history' }).getByRole('listitem')).toHaveCount(2);
    await expectNoViolations(me.page, 'history');
    await me.page.getByRole('button', { name: 'Clear history' }).click();
    await expect(me.page.getByRole('button', { name: 'Delete all' })).toBeVisible();
    await expectNoViolations(me.page, 'history, clearing');
    await me.page.getByRole('button', { name: 'Cancel' }).click();

    await me.page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    await expect(me.page.getByRole('region', { name: 'Preferences' })).toBeVisible();
    await expectNoViolations(me.page, 'settings');
  } finally {
    await browser.close();
  }
});
