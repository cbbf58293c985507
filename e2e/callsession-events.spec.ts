import { expect, test, type Page } from '@playwright/test';
import type { CallSessionJSON } from '../shared/call-session';
import { launchChromium } from './support/browser';
import { instrumentCaptureTracks } from './support/capture-tracks';
import { openJsSipPhone } from './support/jssip-phone';
import { openPhone, register, waitForCallStatus, type TestPhone } from './support/phone-page';

// What a developer porting Wazo SDK code relies on, seen on real calls with an independent far
// end (JsSIP): the events and the CallSession snapshots they carry.

interface Recorded {
  name: string;
  session: CallSessionJSON;
  answering: boolean;
  extra: unknown;
}

/** Records the engine's call events in the page, with the snapshot each one carried. */
async function recordEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const recorded: unknown[] = [];
    (window as unknown as { __recorded: unknown[] }).__recorded = recorded;
    const phone = (window as unknown as { __softphone: { phone: { on(name: string, handler: (...args: never[]) => void): void } } }).__softphone.phone;
    for (const name of ['onCallIncoming', 'onCallAnswered', 'onCallAccepted', 'onCallEnded']) {
      phone.on(name, ((session: { toJSON(): unknown; isAnswering(): boolean }, extra: unknown) =>
        recorded.push({ name, session: session.toJSON(), answering: session.isAnswering(), extra })) as never);
    }
  });
}

function recorded(page: Page): Promise<Recorded[]> {
  return page.evaluate(() => (window as unknown as { __recorded: Recorded[] }).__recorded.slice());
}

async function videoCall(phone: TestPhone, target: string): Promise<void> {
  await phone.page.getByLabel('Number or SIP address').fill(target);
  await phone.page.getByRole('button', { name: 'Video call', exact: true }).click();
}

async function liveVideoCaptures(page: Page): Promise<number> {
  return page.evaluate(() => (window.__captureTracks ?? []).filter((t) => t.kind === 'video' && t.readyState === 'live').length);
}

test('an incoming call: onCallAnswered at the accept (no longer ringing), then onCallAccepted once up; no made-up dialled extension', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice' });
    await register(alice);
    await recordEvents(alice.page);
    const jane = await openJsSipPhone(browser, { displayName: 'Jane JsSIP' });

    await jane.call(alice.user);
    await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(alice.page, 'Established');
    await jane.waitForEvent('confirmed');

    const events = await recorded(alice.page);
    expect(events.map((e) => e.name)).toEqual(['onCallIncoming', 'onCallAnswered', 'onCallAccepted']);
    const [incoming, answered, accepted] = events;
    expect(incoming!.session).toMatchObject({ ringing: true, answered: false });
    // Kamailio delivers to the Contact SIP.js registered: its random user is nobody's extension.
    expect(incoming!.session.dialedExtension).toBe('');
    expect(answered!.session).toMatchObject({ ringing: false, answered: true, isCaller: false });
    expect(answered!.answering).toBe(true);
    expect(accepted!.session).toMatchObject({ sipStatus: 'Established', answered: true, autoAnswered: false });
    expect(accepted!.answering).toBe(false);
    expect(accepted!.extra).toBe(false);
    // The answer time stamped at the accept stays the call's answer time.
    expect(accepted!.session.answerTime).toBe(answered!.session.answerTime);
  } finally {
    await browser.close();
  }
});

test('a video call answered audio-only by the far end: not camera-enabled, camera closed; the server call id comes from the 200 OK', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice', beforeLoad: (context) => instrumentCaptureTracks(context) });
    await register(alice);
    await recordEvents(alice.page);
    const jane = await openJsSipPhone(browser, { displayName: 'Jane JsSIP' });

    await videoCall(alice, jane.user);
    await jane.waitForEvent('incoming');
    await jane.answer({ refuseVideo: true, extraHeaders: ['X-Wazo-Call-ID: 1700000000.42'] });

    const call = await waitForCallStatus(alice.page, 'Established');
    expect(call.cameraEnabled).toBe(false);
    expect(call.callId).toBe('1700000000.42');
    const accepted = (await recorded(alice.page)).find((e) => e.name === 'onCallAccepted')!;
    expect(accepted.extra).toBe(false);
    await expect.poll(() => liveVideoCaptures(alice.page), { message: 'no camera left open for a video nobody receives' }).toBe(0);
  } finally {
    await browser.close();
  }
});

test('a video call answered with video stays camera-enabled, with its camera live', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice', beforeLoad: (context) => instrumentCaptureTracks(context) });
    await register(alice);
    await recordEvents(alice.page);
    const jane = await openJsSipPhone(browser, { displayName: 'Jane JsSIP' });

    await videoCall(alice, jane.user);
    await jane.waitForEvent('incoming');
    await jane.answer({ video: true });

    const call = await waitForCallStatus(alice.page, 'Established');
    expect(call.cameraEnabled).toBe(true);
    expect(call.callId).toBeUndefined();
    expect((await recorded(alice.page)).find((e) => e.name === 'onCallAccepted')!.extra).toBe(true);
    expect(await liveVideoCaptures(alice.page)).toBe(1);
  } finally {
    await browser.close();
  }
});
