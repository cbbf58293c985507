import { expect, test } from '@playwright/test';
import { launchChromium } from './support/browser';
import { expectJsSipAudioFlowing, openJsSipPhone } from './support/jssip-phone';
import { expectRising } from './support/media-stats';
import { openPhone, register, sessions, dial, waitForCallStatus } from './support/phone-page';

// Our phone against an independent SIP stack (JsSIP 3), both ways: what the far end saw is
// read from JsSIP's own events, not from our phone.
test.describe('interop with JsSIP', () => {
  test('JsSIP calls our phone: answer in the UI, two-way audio, JsSIP hangs up', async () => {
    const browser = await launchChromium();
    try {
      const alice = await openPhone(browser, { displayName: 'Alice Martin' });
      await register(alice);
      const jane = await openJsSipPhone(browser, { displayName: 'Jane JsSIP' });

      await jane.call(alice.user);
      const incoming = alice.page.getByRole('alertdialog');
      await expect(incoming).toContainText('Jane JsSIP');
      await jane.waitForEvent('progress', { status: 180 });
      await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();

      await jane.waitForEvent('confirmed');
      const call = await waitForCallStatus(alice.page, 'Established');
      expect(call).toMatchObject({ isCaller: false, number: jane.user, displayName: 'Jane JsSIP' });

      await expectRising(alice.page, 'audio', 'bytesReceived');
      await expectRising(alice.page, 'audio', 'bytesSent');
      await expectJsSipAudioFlowing(jane);
      await expectRising(jane.page, 'audio', 'totalAudioEnergy');

      await jane.hangup();
      await expect(alice.page.getByText('Jane JsSIP hung up')).toBeVisible();
      await expect(alice.page.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
      await expect.poll(() => sessions(alice.page)).toEqual([]);
      await jane.waitForEvent('ended', { originator: 'local' });
      await expect.poll(() => jane.liveLocalTracks()).toBe(0);
    } finally {
      await browser.close();
    }
  });

  test('our phone calls JsSIP: JsSIP answers, two-way audio, our phone hangs up', async () => {
    const browser = await launchChromium();
    try {
      const alice = await openPhone(browser, { displayName: 'Alice Martin' });
      await register(alice);
      const jane = await openJsSipPhone(browser, { displayName: 'Jane JsSIP' });

      await dial(alice, jane.user);
      const ringing = await jane.waitForEvent('incoming');
      expect(ringing).toMatchObject({ remoteUser: alice.user, remoteName: 'Alice Martin' });
      await expect(alice.page.getByText('Ringing…')).toBeVisible();
      await jane.answer();

      await waitForCallStatus(alice.page, 'Established');
      await jane.waitForEvent('confirmed');
      await expectRising(alice.page, 'audio', 'bytesReceived');
      await expectJsSipAudioFlowing(jane);

      await alice.page.getByRole('button', { name: 'Hang up' }).click();
      await jane.waitForEvent('ended', { originator: 'remote' });
      await expect.poll(() => sessions(alice.page)).toEqual([]);
      expect(await jane.liveSessions()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
