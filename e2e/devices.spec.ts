import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from './support/browser';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { allowUnplugging, unplug } from './support/device-unplug';
import { expectRising, inboundStats } from './support/media-stats';
import { dial, openPhone, register, sessions, showPhone, waitForCallStatus } from './support/phone-page';
import { isReinvite, recordSip, type SipLog } from './support/sip-frames';
import { outputId, playingOutputs, recordSoundOutputs } from './support/sound-outputs';

// Chromium's fake devices: "Fake Default Audio Input", "Fake Audio Input 1" and "2", the same
// for outputs, and one camera (three where a test asks: LaunchOptions.cameras). A choice made in
// Settings must be what the call really sends.

/** The microphone track on the live call's audio sender, as getStats sees it sending. */
function sentMicrophone(page: Page) {
  return page.evaluate(async () => {
    const live = (window.__peerConnections ?? []).filter((c) => c.connectionState !== 'closed');
    for (const connection of live) {
      const sender = connection.getSenders().find((s) => s.track?.kind === 'audio');
      if (!sender?.track) continue;
      const stats = await sender.getStats();
      let sourceTrack = '';
      stats.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'media-source' && stat.kind === 'audio') sourceTrack = String(stat.trackIdentifier);
      });
      const settings = sender.track.getSettings();
      return {
        label: sender.track.label,
        statsTrackIsSender: sourceTrack === sender.track.id,
        echoCancellation: settings.echoCancellation,
        noiseSuppression: settings.noiseSuppression,
        autoGainControl: settings.autoGainControl,
      };
    }
    return null;
  });
}

/**
 * The camera track on the live call's video sender, whether getStats names it as the sender's
 * source (a moment after a replaceTrack it still names the previous one), and the self-view's.
 */
function sentCamera(page: Page) {
  return page.evaluate(async () => {
    const live = (window.__peerConnections ?? []).filter((c) => c.connectionState !== 'closed');
    for (const connection of live) {
      const sender = connection.getSenders().find((s) => s.track?.kind === 'video');
      if (!sender?.track) continue;
      const stats = await sender.getStats();
      let sourceTrack = '';
      stats.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'media-source' && stat.kind === 'video') sourceTrack = String(stat.trackIdentifier);
      });
      const selfView = document.querySelector('video.local') as HTMLVideoElement | null;
      const shown = selfView?.srcObject instanceof MediaStream ? selfView.srcObject.getVideoTracks().map((t) => t.label) : [];
      return { label: sender.track.label, statsTrackIsSender: sourceTrack === sender.track.id, selfView: shown };
    }
    return null;
  });
}

async function liveCameras(page: Page): Promise<string[]> {
  return (await liveCaptureTracks(page)).kinds.filter((kind) => kind.startsWith('video:'));
}

async function openDeviceSettings(page: Page) {
  await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
  const panel = page.getByRole('region', { name: 'Audio and video devices' });
  await expect(panel).toBeVisible();
  // The names appear once the page was allowed a capture (asked when the panel opens).
  await expect(panel.getByLabel('Microphone', { exact: true }).locator('option', { hasText: 'Fake Audio Input 1' })).toHaveCount(1);
  return panel;
}

function reinvites(log: SipLog): number {
  return log.sent.filter(isReinvite).length;
}

test('the chosen microphone is sent; switched mid-call by replaceTrack (no re-INVITE, old track stopped), unplugged falls back with a notice', async () => {
  const browser = await launchChromium();
  try {
    let aliceSip: SipLog | undefined;
    let bobSip: SipLog | undefined;
    const alice = await openPhone(browser, {
      displayName: 'Alice',
      beforeLoad: async (context) => {
        aliceSip = recordSip(context);
        await instrumentCaptureTracks(context);
        await allowUnplugging(context);
      },
    });
    const bob = await openPhone(browser, { displayName: 'Bob', beforeLoad: async (context) => (bobSip = recordSip(context)) });
    await register(alice);
    await register(bob);

    // Before the call: a non-default microphone, echo cancellation off. No microphone is left
    // open by the settings (a probe for the device names, where one is needed, stops at once).
    const panel = await openDeviceSettings(alice.page);
    await expect.poll(async () => (await liveCaptureTracks(alice.page)).live).toBe(0);
    await panel.getByLabel('Microphone', { exact: true }).selectOption({ label: 'Fake Audio Input 1' });
    await panel.getByRole('checkbox', { name: 'Echo cancellation' }).uncheck();
    await expect(panel.getByRole('checkbox', { name: 'Echo cancellation' })).not.toBeChecked();

    await dial(alice, bob.user);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(alice.page, 'Established');
    await expectRising(bob.page, 'audio', 'totalAudioEnergy');
    // getStats names the sender's source a moment after a replaceTrack (the late microphone's too).
    await expect.poll(async () => (await sentMicrophone(alice.page))?.statsTrackIsSender, { message: 'getStats sends the sender\'s track' }).toBe(true);
    expect(await sentMicrophone(alice.page)).toMatchObject({ label: 'Fake Audio Input 1', statsTrackIsSender: true, echoCancellation: false, noiseSuppression: true });

    // Mid-call: another microphone. The far end keeps hearing us, nothing is renegotiated, and
    // the first microphone is released.
    const again = await openDeviceSettings(alice.page);
    await again.getByLabel('Microphone', { exact: true }).selectOption({ label: 'Fake Audio Input 2' });
    await expect.poll(async () => (await sentMicrophone(alice.page))?.label).toBe('Fake Audio Input 2');
    await expect.poll(async () => (await sentMicrophone(alice.page))?.statsTrackIsSender, { message: 'getStats sends the new track' }).toBe(true);
    expect(await sentMicrophone(alice.page)).toMatchObject({ statsTrackIsSender: true, echoCancellation: false });
    await expectRising(bob.page, 'audio', 'totalAudioEnergy');
    await expectRising(alice.page, 'audio', 'bytesSent');
    const afterSwitch = await liveCaptureTracks(alice.page);
    expect(afterSwitch.kinds).toEqual(['audio:Fake Audio Input 2']);

    // Processing switched mid-call reaches the sent track.
    await again.getByRole('checkbox', { name: 'Noise suppression' }).uncheck();
    await expect.poll(async () => (await sentMicrophone(alice.page))?.noiseSuppression).toBe(false);
    expect(await sentMicrophone(alice.page)).toMatchObject({ label: 'Fake Audio Input 2', echoCancellation: false });
    expect((await liveCaptureTracks(alice.page)).live).toBe(1);

    // The microphone in use is unplugged: the call goes on with the default one, and says so.
    await unplug(alice.page, 'Fake Audio Input 2');
    await expect(alice.page.getByRole('alert').filter({ hasText: 'The microphone “Fake Audio Input 2” is no longer available' })).toBeVisible();
    await expect.poll(async () => (await sentMicrophone(alice.page))?.label).toBe('Fake Default Audio Input');
    await expectRising(bob.page, 'audio', 'totalAudioEnergy');
    expect((await liveCaptureTracks(alice.page)).kinds).toEqual(['audio:Fake Default Audio Input']);

    // Alice's INVITEs are the call's first (Kamailio's 407 makes it two, both without a To tag);
    // no re-INVITE from anyone. The counter is proven to see INVITEs at all.
    expect(aliceSip!.sentRequests('INVITE').length).toBeGreaterThan(0);
    expect(reinvites(aliceSip!) + reinvites(bobSip!)).toBe(0);
    expect(bobSip!.sentRequests('INVITE')).toHaveLength(0);

    await showPhone(alice.page);
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await liveCaptureTracks(alice.page)).live).toBe(0);
  } finally {
    await browser.close();
  }
});

test('the chosen speaker plays the call, and a mid-call change moves it without renegotiation', async () => {
  const browser = await launchChromium();
  try {
    let aliceSip: SipLog | undefined;
    const alice = await openPhone(browser, {
      displayName: 'Alice',
      beforeLoad: async (context) => {
        aliceSip = recordSip(context);
        await allowUnplugging(context);
      },
    });
    const bob = await openPhone(browser, { displayName: 'Bob' });
    await register(alice);
    await register(bob);
    const panel = await openDeviceSettings(alice.page);
    await panel.getByLabel('Speaker (calls)').selectOption({ label: 'Fake Audio Output 1' });

    await dial(alice, bob.user);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(alice.page, 'Established');
    await expectRising(alice.page, 'audio', 'totalAudioEnergy');

    const sinkOf = (label: string) =>
      alice.page.evaluate(async (name) => {
        const devices = await navigator.mediaDevices.enumerateDevices();
        const wanted = devices.find((d) => d.kind === 'audiooutput' && d.label === name)?.deviceId;
        const playing = [...document.querySelectorAll('audio')].filter((a) => a.srcObject instanceof MediaStream);
        return { wanted, sinks: playing.map((a) => (a as HTMLAudioElement & { sinkId: string }).sinkId) };
      }, label);
    await expect.poll(async () => {
      const { wanted, sinks } = await sinkOf('Fake Audio Output 1');
      return sinks.length === 1 && sinks[0] === wanted;
    }).toBe(true);

    const again = await openDeviceSettings(alice.page);
    await again.getByLabel('Speaker (calls)').selectOption({ label: 'Fake Audio Output 2' });
    await expect.poll(async () => {
      const { wanted, sinks } = await sinkOf('Fake Audio Output 2');
      return sinks.length === 1 && sinks[0] === wanted;
    }).toBe(true);
    await expectRising(alice.page, 'audio', 'totalAudioEnergy');

    // Unplugged: back to the default output, and the user is told.
    await unplug(alice.page, 'Fake Audio Output 2');
    await expect(alice.page.getByRole('alert').filter({ hasText: 'The speaker “Fake Audio Output 2” is no longer available' })).toBeVisible();
    await expect.poll(async () => (await sinkOf('')).sinks).toEqual(['']);
    expect(aliceSip!.sent.filter(isReinvite)).toHaveLength(0);

    // The re-INVITE counter does see one when there is one: hold renegotiates.
    await showPhone(alice.page);
    await alice.page.getByRole('button', { name: 'Hold' }).click();
    await expect.poll(() => aliceSip!.sent.filter(isReinvite).length).toBe(1);
  } finally {
    await browser.close();
  }
});

test('the ringtone plays on the ringing device, on the speaker too when asked, silent everywhere after Answer; an unplugged ringing device falls back with a notice', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice' });
    const bob = await openPhone(browser, {
      displayName: 'Bob',
      beforeLoad: async (context) => {
        await recordSoundOutputs(context);
        await allowUnplugging(context);
      },
    });
    await register(alice);
    await register(bob);

    // Headset-style: calls on output 2, ring on output 1 only.
    const panel = await openDeviceSettings(bob.page);
    await panel.getByLabel('Speaker (calls)').selectOption({ label: 'Fake Audio Output 2' });
    await panel.getByLabel('Ring on', { exact: true }).selectOption({ label: 'Fake Audio Output 1' });
    const ringer = await outputId(bob.page, 'Fake Audio Output 1');
    const speaker = await outputId(bob.page, 'Fake Audio Output 2');

    await dial(alice, bob.user);
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    await expect.poll(() => playingOutputs(bob.page)).toEqual([ringer]);
    await showPhone(alice.page);
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(() => playingOutputs(bob.page)).toEqual([]);

    // Ringing on the speaker too: two outputs while it rings, none once answered.
    const again = await openDeviceSettings(bob.page);
    await again.getByRole('checkbox', { name: 'Also ring on the speaker' }).check();
    await dial(alice, bob.user);
    await expect.poll(() => playingOutputs(bob.page)).toEqual([ringer, speaker].sort());
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(alice.page, 'Established');
    await expect.poll(() => playingOutputs(bob.page)).toEqual([]);
    await showPhone(alice.page);
    await alice.page.getByRole('button', { name: 'Hang up' }).click();

    // The ringing device is unplugged: the user is told, and the next call rings on the default
    // output (and still on the speaker).
    await unplug(bob.page, 'Fake Audio Output 1');
    await expect(bob.page.getByRole('alert').filter({ hasText: 'The ringing device “Fake Audio Output 1” is no longer available' })).toBeVisible();
    await dial(alice, bob.user);
    await expect.poll(() => playingOutputs(bob.page)).toEqual(['', speaker].sort());
  } finally {
    await browser.close();
  }
});

test('the chosen camera is switched mid-call by replaceTrack: the far end keeps decoding, one camera open, no re-INVITE; a paused camera takes the choice at resume', async () => {
  // fake_device_1 is Chromium's fake depth camera, which WebRTC never sends (see LaunchOptions.cameras).
  const browser = await launchChromium({ cameras: 3 });
  try {
    let aliceSip: SipLog | undefined;
    let bobSip: SipLog | undefined;
    const alice = await openPhone(browser, {
      displayName: 'Alice',
      beforeLoad: async (context) => {
        aliceSip = recordSip(context);
        await instrumentCaptureTracks(context);
      },
    });
    const bob = await openPhone(browser, { displayName: 'Bob', beforeLoad: async (context) => (bobSip = recordSip(context)) });
    await register(alice);
    await register(bob);

    await alice.page.getByLabel('Number or SIP address').fill(bob.user);
    await alice.page.getByRole('button', { name: 'Video call', exact: true }).click();
    await bob.page.getByRole('button', { name: 'Answer with video' }).click();
    await waitForCallStatus(alice.page, 'Established');
    await expect.poll(async () => (await sentCamera(alice.page))?.statsTrackIsSender, { message: 'getStats sends the sender\'s track' }).toBe(true);
    expect(await sentCamera(alice.page)).toMatchObject({ label: 'fake_device_0', selfView: ['fake_device_0'] });
    await expect.poll(async () => (await inboundStats(bob.page, 'video')).framesDecoded, { message: 'first video frames' }).toBeGreaterThan(0);

    // Mid-call: the second camera. Bob keeps decoding, Alice sends and shows the new camera
    // and has closed the first one.
    const panel = await openDeviceSettings(alice.page);
    await panel.getByLabel('Camera', { exact: true }).selectOption({ label: 'fake_device_2' });
    await expect.poll(async () => (await sentCamera(alice.page))?.label).toBe('fake_device_2');
    await expect.poll(async () => (await sentCamera(alice.page))?.statsTrackIsSender, { message: 'getStats sends the new track' }).toBe(true);
    await expectRising(alice.page, 'video', 'framesEncoded');
    await expectRising(bob.page, 'video', 'framesDecoded');
    await expectRising(bob.page, 'audio', 'totalAudioEnergy');
    await expect.poll(() => liveCameras(alice.page)).toEqual(['video:fake_device_2']);
    await showPhone(alice.page);
    await expect.poll(async () => (await sentCamera(alice.page))?.selfView).toEqual(['fake_device_2']);

    // Paused: a new choice opens nothing; it is the camera that comes back on resume.
    await alice.page.getByRole('button', { name: 'Pause video' }).click();
    await expect.poll(() => liveCameras(alice.page)).toEqual([]);
    const again = await openDeviceSettings(alice.page);
    await again.getByLabel('Camera', { exact: true }).selectOption({ label: 'fake_device_0' });
    // Nothing to wait for when nothing happens: a camera opened by mistake would be live by now.
    await alice.page.waitForTimeout(700);
    expect(await liveCameras(alice.page)).toEqual([]);
    expect((await sessions(alice.page))[0]).toMatchObject({ videoMuted: true, cameraEnabled: true });
    await showPhone(alice.page);
    await alice.page.getByRole('button', { name: 'Resume video' }).click();
    await expect.poll(async () => (await sentCamera(alice.page))?.label).toBe('fake_device_0');
    await expectRising(bob.page, 'video', 'framesDecoded', { settleMs: 300 });
    expect(await liveCameras(alice.page)).toEqual(['video:fake_device_0']);

    // No renegotiation for any of it; the counter is proven to see INVITEs at all.
    expect(aliceSip!.sentRequests('INVITE').length).toBeGreaterThan(0);
    expect(reinvites(aliceSip!) + reinvites(bobSip!)).toBe(0);

    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await liveCaptureTracks(alice.page)).live).toBe(0);
  } finally {
    await browser.close();
  }
});
