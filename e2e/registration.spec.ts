import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { freePort } from './support/kamailio';
import { fillAccount, lineStatus, openPhone, withRegisteredPhones } from './support/phone-page';

test.describe('registration', () => {
  test('two phones register with digest auth', async () => {
    await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
      await expect(lineStatus(alice.page)).toContainText(`sip:${alice.user}@127.0.0.1`);
      await expect(lineStatus(bob.page)).toContainText(`sip:${bob.user}@127.0.0.1`);
    });
  });

  test('a wrong password says so, and the right one then connects', async () => {
    const browser = await launchChromium();
    try {
      const phone = await openPhone(browser, { displayName: 'Carol' });
      const pageErrors: Error[] = [];
      phone.page.on('pageerror', (e) => pageErrors.push(e));

      await fillAccount(phone, { password: 'not-the-password' });
      await phone.page.getByRole('button', { name: 'Connect' }).click();
      const alert = phone.page.getByRole('alert');
      await expect(alert).toContainText('The server refused the user name or password.');
      await expect(alert).toContainText('Check the user name, the authorization user and the password');
      await expect(lineStatus(phone.page)).toContainText('Not connected');

      await phone.page.getByLabel('Password').fill('secret');
      await phone.page.getByRole('button', { name: 'Connect' }).click();
      await expect(lineStatus(phone.page)).toContainText(`Connected as sip:${phone.user}@`);
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('a malformed server URL is caught in the form; an unreachable one is explained', async () => {
    const browser = await launchChromium();
    try {
      const phone = await openPhone(browser, { displayName: 'Dan' });
      await fillAccount(phone, { serverUrl: 'https://pbx.example.com' });
      await phone.page.getByRole('button', { name: 'Connect' }).click();
      const serverField = phone.page.getByLabel('WebSocket server');
      await expect(serverField).toHaveAttribute('aria-invalid', 'true');
      await expect(phone.page.getByText('The server address must start with wss:// or ws://')).toBeVisible();

      // A port that was just free: nothing listens there, so the socket is refused at once.
      await fillAccount(phone, { serverUrl: `ws://127.0.0.1:${await freePort()}` });
      await phone.page.getByRole('button', { name: 'Connect' }).click();
      await expect(phone.page.getByRole('alert')).toContainText('The SIP server could not be reached.');
      await expect(lineStatus(phone.page)).toContainText('Not connected');
    } finally {
      await browser.close();
    }
  });
});
