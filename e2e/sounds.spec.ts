// A phone that rings (issue 8), heard where it plays: Chromium runs without --mute-audio and
// e2e/support/audio-tap.ts listens to the page's Web Audio output (level, frequencies, which
// oscillators run) and, for the far end's early audio, the WebRTC counters. Far ends are JsSIP
// phones (an independent SIP stack) through the test Kamailio. Figures are printed as
// "[sounds] …" lines.

import { expect, test, type Browser, type Page } from '@playwright/test';
import { TONES, type ToneSpec } from '../renderer/audio/tones';
import { AudioTap, evaluateWithoutGesture, hasFrequency, installAudioTap } from './support/audio-tap';
import { launchChromium, type LaunchOptions } from './support/browser';
import { openJsSipPhone, type JsSipPhone } from './support/jssip-phone';
import { counterGrowth, inboundStats } from './support/media-stats';
import { dial, env, openPhone, openPreferences, register, sessions, TEST_PASSWORD, waitForCallStatus, type TestPhone } from './support/phone-page';

/** The longest silence inside one cycle of a cadence: silence longer than this means stopped. */
function longestGapMs(spec: ToneSpec): number {
  return Math.max(0, ...spec.cadence.filter((_, index) => index % 2 === 1));
}
const holdFor = (spec: ToneSpec) => longestGapMs(spec) + 600;

const STOP_BOUND_MS = 200;

interface Bed {
  browser: Browser;
  phone: TestPhone;
  tap: AudioTap;
  farEnd(name: string): Promise<JsSipPhone>;
}

/** One audible browser, our phone (registered through its form, with the tap) and JsSIP far ends. */
async function withSoundBed(options: LaunchOptions, body: (bed: Bed) => Promise<void>): Promise<void> {
  const browser = await launchChromium({ audible: true, ...options });
  try {
    const phone = await openPhone(browser, { displayName: 'Listener', beforeLoad: installAudioTap });
    await register(phone);
    const tap = await AudioTap.attach(phone.page);
    await body({ browser, phone, tap, farEnd: (displayName) => openJsSipPhone(browser, { displayName }) });
  } finally {
    await browser.close();
  }
}

function report(text: string): void {
  console.log(`[sounds] ${text}`);
}

/** Our phone is ringing with `caller`'s call, and the ringtone sounds. Returns the page time of the INVITE. */
async function ringFrom(caller: JsSipPhone, { phone, tap }: Pick<Bed, 'phone' | 'tap'>): Promise<number> {
  const before = await tap.now();
  await caller.call(phone.user);
  const invitedAt = await tap.sipArrival(/^INVITE /, before);
  await expect(phone.page.getByRole('alertdialog')).toContainText(caller.displayName);
  await tap.waitForSound('the ringtone');
  const started = await tap.startedSince(before);
  expect(started, 'oscillators started for the call').toEqual(expect.arrayContaining([...TONES.ringtone.frequencies]));
  return invitedAt;
}

/** Nothing was heard from `since` on, for `holdMs`. */
async function expectSilence({ tap }: Bed, since: number, holdMs: number, what: string): Promise<void> {
  const measure = await tap.stopAfter(since, holdMs, what);
  expect(measure.delayMs, `${what}: nothing audible`).toBe(0);
  expect((await tap.state()).transitions.filter((transition) => transition.at >= since && transition.audible), what).toEqual([]);
}

/** An unmuted media element of the page is playing a live remote audio track. */
async function playingRemoteAudio(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  try {
    return await evaluateWithoutGesture<boolean>(
      cdp,
      `[...document.querySelectorAll('audio, video')].some((element) => !element.paused && !element.muted && element.volume > 0 &&
        element.srcObject instanceof MediaStream && element.srcObject.getAudioTracks().some((track) => track.readyState === 'live'))`,
    );
  } finally {
    await cdp.detach();
  }
}

async function savePreferences(page: Page, change: (panel: ReturnType<Page['getByRole']>) => Promise<unknown>): Promise<void> {
  const panel = await openPreferences(page);
  await change(panel);
  await panel.getByRole('button', { name: 'Save preferences' }).click();
  await expect(panel.getByText('Preferences saved.')).toBeVisible();
}

test.describe('incoming call', () => {
  test('rings, and the ringtone stops within 200 ms of Answer', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const caller = await bed.farEnd('Caller');
      const invitedAt = await ringFrom(caller, bed);
      await tap.waitForBurstStart('the ringtone');
      await phone.page.getByRole('button', { name: 'Answer', exact: true }).click();
      const clickedAt = await tap.lastClick('Answer');
      const heard = await tap.heardSince(invitedAt);
      for (const frequency of TONES.ringtone.frequencies) expect(hasFrequency(heard, frequency), `${frequency} Hz heard`).toBe(true);
      const stop = await tap.stopAfter(clickedAt, holdFor(TONES.ringtone), 'the ringtone after Answer');
      report(`Answer -> ringtone silent: ${stop.delayMs.toFixed(1)} ms (ringing at the click: ${stop.soundingAtSince})`);
      expect(stop.delayMs).toBeLessThanOrEqual(STOP_BOUND_MS);
      await caller.waitForEvent('confirmed');
      expect((await tap.state()).live, 'oscillators still running').toEqual([]);
      // The caller is heard from now on, through the call's own <audio> element.
      await expect.poll(() => playingRemoteAudio(phone.page), { message: 'an unmuted <audio> element plays the caller' }).toBe(true);
    });
  });

  test('the ringtone stops within 200 ms of Decline', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const caller = await bed.farEnd('Caller');
      await ringFrom(caller, bed);
      await tap.waitForBurstStart('the ringtone');
      await phone.page.getByRole('button', { name: 'Decline', exact: true }).click();
      const clickedAt = await tap.lastClick('Decline');
      const stop = await tap.stopAfter(clickedAt, holdFor(TONES.ringtone), 'the ringtone after Decline');
      report(`Decline -> ringtone silent: ${stop.delayMs.toFixed(1)} ms (ringing at the click: ${stop.soundingAtSince})`);
      expect(stop.delayMs).toBeLessThanOrEqual(STOP_BOUND_MS);
      await caller.waitForEvent('failed', { status: 603 });
      expect((await tap.state()).live).toEqual([]);
    });
  });

  test('the ringtone stops within 200 ms of the caller\'s CANCEL', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const caller = await bed.farEnd('Caller');
      const invitedAt = await ringFrom(caller, bed);
      await tap.waitForBurstStart('the ringtone');
      await caller.hangup();
      const cancelAt = await tap.sipArrival(/^CANCEL /, invitedAt);
      const stop = await tap.stopAfter(cancelAt, holdFor(TONES.ringtone), 'the ringtone after CANCEL');
      report(`CANCEL reaching the page -> ringtone silent: ${stop.delayMs.toFixed(1)} ms (ringing when it arrived: ${stop.soundingAtSince})`);
      expect(stop.delayMs).toBeLessThanOrEqual(STOP_BOUND_MS);
      await expect(phone.page.getByRole('alertdialog')).toHaveCount(0);
      expect((await tap.state()).live).toEqual([]);
    });
  });

  test('a second call during a call beeps (call waiting), never the ringtone; the beep stops with its CANCEL', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const first = await bed.farEnd('First');
      await ringFrom(first, bed);
      await phone.page.getByRole('button', { name: 'Answer', exact: true }).click();
      await first.waitForEvent('confirmed');
      await tap.stopAfter(await tap.lastClick('Answer'), holdFor(TONES.ringtone), 'the first ringtone');

      const second = await bed.farEnd('Second');
      const before = await tap.now();
      await second.call(phone.user);
      await expect(phone.page.getByRole('alertdialog')).toContainText('Second');
      await tap.waitForSound('the call-waiting beep');
      // Two beeps a cycle: hear a whole cycle before judging what played.
      await tap.waitForBurstStart('the call-waiting beep');
      await tap.waitForBurstStart('the call-waiting beep');
      const started = await tap.startedSince(before);
      const heard = await tap.heardSince(before);
      report(`second call: oscillators started ${JSON.stringify(started)}, loudest frequencies heard ${JSON.stringify([...new Set(heard)])}`);
      expect(started).toEqual([...TONES['call-waiting'].frequencies]);
      expect((await tap.state()).live).toEqual([...TONES['call-waiting'].frequencies]);
      expect(hasFrequency(heard, TONES['call-waiting'].frequencies[0]!)).toBe(true);
      for (const frequency of TONES.ringtone.frequencies) expect(hasFrequency(heard, frequency, 20), `${frequency} Hz (ringtone) heard`).toBe(false);

      await tap.waitForBurstStart('the call-waiting beep');
      await second.hangup();
      const cancelAt = await tap.sipArrival(/^CANCEL /, before);
      const stop = await tap.stopAfter(cancelAt, holdFor(TONES['call-waiting']), 'the call-waiting beep after CANCEL');
      report(`CANCEL -> call-waiting beep silent: ${stop.delayMs.toFixed(1)} ms (beeping when it arrived: ${stop.soundingAtSince})`);
      expect(stop.delayMs).toBeLessThanOrEqual(STOP_BOUND_MS);
      // The first call goes on, in silence (its audio plays in its own element, not here).
      expect(await sessions(phone.page)).toEqual([expect.objectContaining({ sipStatus: 'Established', number: first.user })]);
    });
  });

  test('ringtone volume 0, then ringtone muted: silence while the call rings on screen; back on, it is heard', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const caller = await bed.farEnd('Caller');
      const silentRing = async (what: string) => {
        const before = await tap.now();
        await caller.call(phone.user);
        const invitedAt = await tap.sipArrival(/^INVITE /, before);
        await expect(phone.page.getByRole('alertdialog')).toContainText('Caller');
        await expectSilence(bed, invitedAt, holdFor(TONES.ringtone) + 1_000, what);
        expect(await tap.startedSince(before), `${what}: oscillators started`).toEqual([]);
        await expect(phone.page.getByRole('alertdialog')).toBeVisible();
        await phone.page.getByRole('button', { name: 'Decline', exact: true }).click();
        await expect(phone.page.getByRole('alertdialog')).toHaveCount(0);
      };

      await savePreferences(phone.page, (panel) => panel.getByLabel('Ringtone volume').fill('0'));
      await silentRing('volume 0');

      await savePreferences(phone.page, async (panel) => {
        await panel.getByLabel('Ringtone volume').fill('80');
        await panel.getByLabel(/^Mute the ringtone/).check();
      });
      await silentRing('ringtone muted');

      // The same phone, unmuted: the tap does hear it (the silences above were the settings).
      await savePreferences(phone.page, (panel) => panel.getByLabel(/^Mute the ringtone/).uncheck());
      await ringFrom(caller, bed);
      await phone.page.getByRole('button', { name: 'Decline', exact: true }).click();
    });
  });
});

test.describe('outgoing call', () => {
  test('ringback is heard while the far end rings (180) and stops at the answer', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const callee = await bed.farEnd('Callee');
      const before = await tap.now();
      await dial(phone, callee.user);
      await callee.waitForEvent('incoming');
      await tap.sipArrival(/^SIP\/2\.0 180 /, before);
      await tap.waitForSound('ringback');
      expect(await tap.startedSince(before)).toEqual([...TONES.ringback.frequencies]);
      await tap.waitForBurstStart('ringback');
      expect(hasFrequency(await tap.heardSince(before), TONES.ringback.frequencies[0]!)).toBe(true);

      const answeredAt = await tap.now();
      await callee.answer();
      const okAt = await tap.sipArrival(/^SIP\/2\.0 200 /, answeredAt);
      const stop = await tap.stopAfter(okAt, holdFor(TONES.ringback), 'ringback after the answer');
      // Silent for longer than the cadence's gap: stopped, not between two bursts. The figure
      // includes SIP.js applying the answer (setRemoteDescription) before the call is up.
      report(`200 OK reaching the page -> ringback silent: ${stop.delayMs.toFixed(1)} ms (sounding when it arrived: ${stop.soundingAtSince})`);
      await waitForCallStatus(phone.page, 'Established');
      expect((await tap.state()).live).toEqual([]);
      await expect.poll(() => playingRemoteAudio(phone.page), { message: 'an unmuted <audio> element plays the callee' }).toBe(true);
    });
  });

  test('early media: the far end\'s 183 audio is heard (received energy rises) and our ringback does not play over it', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const callee = await bed.farEnd('Announcer');
      const before = await tap.now();
      await dial(phone, callee.user);
      await callee.waitForEvent('incoming');
      // JsSIP rings first (180 without SDP): our ringback, until the announcement begins.
      await tap.waitForSound('ringback before the 183');

      await callee.progressWithEarlyMedia();
      const progressAt = await tap.sipArrival(/^SIP\/2\.0 183 /, before);
      const jssipBefore = await callee.stats();
      // What the page plays: the far end's audio, decoded and rising while the call still rings.
      const growth = await counterGrowth(phone.page, 'audio', 'totalAudioEnergy', { windowMs: 1_500 });
      const received = await inboundStats(phone.page, 'audio');
      report(`during the 183: received audio energy +${growth.toFixed(4)} in 1.5 s (${received.bytesReceived} bytes received)`);
      expect(growth).toBeGreaterThan(0.01);
      // Chromium decodes received audio even with nothing playing it: the element is the proof.
      expect(await playingRemoteAudio(phone.page), 'an unmuted <audio> element playing the far end').toBe(true);
      expect(await sessions(phone.page)).toEqual([expect.objectContaining({ sipStatus: 'Establishing', ringing: true })]);
      await expect(phone.page.getByText('Ringing…')).toBeVisible();
      // And no ringback over it: silent from shortly after the 183, no 425 Hz running.
      const stop = await tap.stopAfter(progressAt, holdFor(TONES.ringback), 'ringback after the 183');
      report(`183 reaching the page -> ringback silent: ${stop.delayMs.toFixed(1)} ms (SIP.js applies the early answer first)`);
      expect((await tap.state()).live).toEqual([]);
      // The far end does not hear the caller before it answers.
      const jssipDuring = await callee.stats();
      expect(jssipDuring.totalAudioEnergy - jssipBefore.totalAudioEnergy, 'energy JsSIP received before answering').toBeLessThan(0.005);

      // The answer confirms the same media: the call is up, audio flows both ways, still no tone.
      await callee.answer();
      await waitForCallStatus(phone.page, 'Established');
      await callee.waitForEvent('confirmed');
      const jssipAfter = await callee.stats();
      await expect.poll(async () => (await callee.stats()).totalAudioEnergy - jssipAfter.totalAudioEnergy, { message: 'JsSIP hears the caller once answered' }).toBeGreaterThan(0.01);
      expect(await counterGrowth(phone.page, 'audio', 'totalAudioEnergy', { windowMs: 1_000 })).toBeGreaterThan(0.005);
      expect((await tap.state()).live).toEqual([]);
    });
  });
});

test.describe('call progress and keypad tones', () => {
  test('a busy far end (486) plays the busy tone, which ends by itself', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const callee = await bed.farEnd('Busy');
      const before = await tap.now();
      await dial(phone, callee.user);
      await callee.waitForEvent('incoming');
      // Refused between two ringback bursts, so every burst heard afterwards is the busy tone's.
      await tap.waitForSound('ringback');
      await expect.poll(async () => (await tap.state()).audible, { message: 'a pause in the ringback', intervals: [20] }).toBe(false);
      await callee.hangup({ status: 486 });
      const busyAt = await tap.sipArrival(/^SIP\/2\.0 486 /, before);
      await tap.waitForSound('the busy tone');
      expect(await tap.startedSince(busyAt)).toEqual([...TONES.busy.frequencies]);
      await tap.waitToHear(TONES.busy.frequencies[0]!, busyAt, 'the busy tone');
      await expect(phone.page.getByText('Busy', { exact: true })).toBeVisible();
      // Three bursts, then nothing: it is a short tone, not a loop.
      await expect.poll(async () => (await tap.state()).live, { message: 'the busy tone ends by itself', timeout: 6_000 }).toEqual([]);
      const bursts = (await tap.state()).transitions.filter((transition) => transition.at >= busyAt && transition.audible).length;
      expect(bursts).toBe(TONES.busy.repeat);
    });
  });

  test('in a call, each keypad key sounds its DTMF pair locally; the far end hanging up sounds the hang-up tone', async () => {
    await withSoundBed({}, async (bed) => {
      const { phone, tap } = bed;
      const caller = await bed.farEnd('Caller');
      await ringFrom(caller, bed);
      await phone.page.getByRole('button', { name: 'Answer', exact: true }).click();
      await caller.waitForEvent('confirmed');
      await tap.stopAfter(await tap.lastClick('Answer'), holdFor(TONES.ringtone), 'the ringtone');

      await phone.page.getByRole('button', { name: 'Keypad' }).click();
      for (const [key, pair] of [['5', [770, 1336]], ['#', [941, 1477]]] as const) {
        const before = await tap.now();
        await phone.page.getByRole('button', { name: `Send DTMF ${key}` }).click();
        await tap.waitForSound(`the ${key} key`);
        expect(await tap.startedSince(before), `oscillators for ${key}`).toEqual([...pair]);
        await expect.poll(async () => (await tap.state()).live, { message: `the ${key} tone ends by itself` }).toEqual([]);
      }

      const before = await tap.now();
      await caller.hangup();
      const byeAt = await tap.sipArrival(/^BYE /, before);
      await tap.waitForSound('the hang-up tone');
      expect(await tap.startedSince(byeAt)).toEqual([...TONES['hang-up'].frequencies]);
      await expect.poll(async () => (await tap.state()).live, { message: 'the hang-up tone ends by itself' }).toEqual([]);
    });
  });
});

test.describe('autoplay', () => {
  test('under the browser\'s own autoplay rule, the first call after signing in is heard', async () => {
    // No --autoplay-policy flag: Chromium allows sound only once the user interacted with the
    // page. Signing in through the form is that interaction; the ring must not be lost.
    await withSoundBed({ browserAutoplayRule: true }, async (bed) => {
      const caller = await bed.farEnd('Caller');
      await ringFrom(caller, bed);
      expect((await bed.tap.state()).contextStates).toEqual(['running']);
      await expect(bed.phone.page.getByRole('alert')).toHaveCount(0);
      await bed.phone.page.getByRole('button', { name: 'Decline', exact: true }).click();
    });
  });

  test('a ring the browser still blocks is announced once, and the first click makes it heard', async () => {
    const browser = await launchChromium({ audible: true, browserAutoplayRule: true });
    try {
      const phone = await openPhone(browser, { displayName: 'Listener', beforeLoad: installAudioTap });
      const tap = await AudioTap.attach(phone.page);
      // Signed in without any gesture (as after a reload with a saved account on a kiosk).
      const account = { serverUrl: env('SOFTPHONE_WS_URL'), sipUri: env('SOFTPHONE_SIP_DOMAIN'), username: phone.user, password: TEST_PASSWORD, displayName: 'Listener', iceServers: [] };
      const status = await evaluateWithoutGesture<string>(
        tap.cdp,
        `window.__softphone.phone.connect(${JSON.stringify({ account, password: TEST_PASSWORD })}).then((snapshot) => snapshot.status)`,
      );
      expect(status).toBe('registered');

      const caller = await openJsSipPhone(browser, { displayName: 'Caller' });
      const before = await tap.now();
      await caller.call(phone.user);
      // Read through CDP: Playwright's own locator checks count as user gestures.
      const shown = (role: string) =>
        evaluateWithoutGesture<string>(tap.cdp, `[...document.querySelectorAll('[role="${role}"]')].map((element) => element.textContent).join(' | ')`);
      await expect.poll(() => shown('alertdialog'), { message: 'the call rings on screen' }).toContain('Caller');
      await expect.poll(() => shown('alert'), { message: 'the notice' }).toContain('A call is ringing, but this browser does not let the page play sound yet.');
      // The premise: nothing in the page counted as a user gesture so far, and nothing was heard.
      expect(await evaluateWithoutGesture<boolean>(tap.cdp, 'navigator.userActivation.hasBeenActive')).toBe(false);
      expect((await tap.state()).contextStates).toEqual(['suspended']);
      expect((await tap.state()).transitions.filter((transition) => transition.audible && transition.at >= before)).toEqual([]);

      // Any click: the context resumes and the ringtone that was waiting sounds.
      await phone.page.getByRole('heading', { name: 'Softphone' }).click();
      await tap.waitForSound('the ringtone after the first click');
      const alert = phone.page.getByRole('alert');
      await expect(alert).toHaveCount(0);
      expect((await tap.state()).live).toEqual([...TONES.ringtone.frequencies]);
      await phone.page.getByRole('button', { name: 'Decline', exact: true }).click();

      // Once unlocked, later calls simply ring: no second notice.
      await ringFrom(caller, { phone, tap });
      await expect(phone.page.getByRole('alert')).toHaveCount(0);
      await phone.page.getByRole('button', { name: 'Decline', exact: true }).click();
    } finally {
      await browser.close();
    }
  });
});
