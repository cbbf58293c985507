import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from './support/browser';
import { expectNotRising, expectRising, inboundStats } from './support/media-stats';
import { answeredCall, openPhone, register, sessions, type TestPhone, waitForCallStatus, withRegisteredPhones } from './support/phone-page';

// Video is proven where a person would see it: frames the far end decodes (framesDecoded
// rising) at the expected size; audio is checked at every step because no video change may
// ever interrupt it.

async function audioFlows(...pages: Page[]): Promise<void> {
  for (const page of pages) await expectRising(page, 'audio', 'bytesReceived');
}

async function videoFlowsTo(page: Page): Promise<void> {
  await expect.poll(async () => (await inboundStats(page, 'video')).framesDecoded, { message: 'first video frames' }).toBeGreaterThan(0);
  await expectRising(page, 'video', 'framesDecoded');
}

/** The fake devices' pictures: the camera is 640x480 (4:3), the fake screen 1280x720 (16:9). */
const CAMERA = { width: 640, height: 480 } as const;
const SCREEN = { width: 1280, height: 720 } as const;

/**
 * The far end decodes the given source. Under CPU load Chromium scales what it sends down
 * (480x360 for the camera is common on two busy cores), so the size is not the proof: the
 * aspect ratio tells the camera from the screen, and a floor of half the source's width says
 * the picture is still one a person can use.
 */
async function decodes(page: Page, source: { width: number; height: number }): Promise<void> {
  const wanted = source.width / source.height;
  // The poll yields the size it saw, so a failure says what was decoded instead.
  await expect
    .poll(async () => {
      const s = await inboundStats(page, 'video');
      const ratio = s.frameHeight > 0 ? s.frameWidth / s.frameHeight : 0;
      const usable = Math.abs(ratio - wanted) < 0.05 && s.frameWidth >= source.width / 2 && s.frameWidth <= source.width;
      return usable ? 'the source' : `${s.frameWidth}x${s.frameHeight}`;
    }, { timeout: 15_000, message: `decoded frames of the ${source.width}x${source.height} source` })
    .toBe('the source');
  await expectRising(page, 'video', 'framesDecoded');
}

async function videoCall(alice: TestPhone, bob: TestPhone): Promise<void> {
  await alice.page.getByLabel('Number or SIP address').fill(bob.user);
  await alice.page.getByRole('button', { name: 'Video call', exact: true }).click();
  await bob.page.getByRole('button', { name: 'Answer with video' }).click();
  await waitForCallStatus(alice.page, 'Established');
  await waitForCallStatus(bob.page, 'Established');
}

test('video call: both sides decode frames; camera off and on again mid-call', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await videoCall(alice, bob);
    await videoFlowsTo(alice.page);
    await videoFlowsTo(bob.page);
    expect((await sessions(alice.page))[0]?.cameraEnabled).toBe(true);
    await expect(bob.page.locator('video.remote')).toBeVisible();

    await alice.page.getByRole('button', { name: 'Camera', exact: true }).click();
    await expect(alice.page.getByRole('button', { name: 'Camera', exact: true })).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(async () => (await sessions(bob.page))[0]?.videoRemotelyDowngraded).toBe(true);
    await expectNotRising(bob.page, 'video', 'framesDecoded', { settleMs: 500 });
    await expect(bob.page.locator('video.remote')).toBeHidden();
    await audioFlows(alice.page, bob.page);

    await alice.page.getByRole('button', { name: 'Camera', exact: true }).click();
    await expect.poll(async () => (await sessions(bob.page))[0]?.videoRemotelyDowngraded).toBe(false);
    await expectRising(bob.page, 'video', 'framesDecoded', { settleMs: 300 });
    await audioFlows(alice.page, bob.page);
  });
});

test('camera added to an audio-only call: video appears on the other side', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await answeredCall(alice, bob);
    await audioFlows(alice.page, bob.page);
    expect((await inboundStats(bob.page, 'video')).framesDecoded).toBe(0);

    await alice.page.getByRole('button', { name: 'Camera', exact: true }).click();
    await expect(alice.page.getByRole('button', { name: 'Camera', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await videoFlowsTo(bob.page);
    await audioFlows(alice.page, bob.page);
  });
});

test('screen sharing on an audio-only call adds video at the screen size, and stopping removes it', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await answeredCall(alice, bob);
    await alice.page.getByRole('button', { name: 'Share screen' }).click();
    await expect(alice.page.getByRole('status').filter({ hasText: 'You are sharing your screen' })).toBeVisible();
    await videoFlowsTo(bob.page);
    await decodes(bob.page, SCREEN);
    await audioFlows(alice.page, bob.page);

    await alice.page.getByRole('button', { name: 'Stop sharing your screen' }).click();
    await expect(alice.page.getByText('You are sharing your screen')).toHaveCount(0);
    expect((await sessions(alice.page))[0]?.screensharing).toBe(false);
    await expectNotRising(bob.page, 'video', 'framesDecoded', { settleMs: 500 });
    await audioFlows(alice.page, bob.page);
  });
});

test('the browser’s own "Stop sharing" ends the share cleanly', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await answeredCall(alice, bob);
    await alice.page.getByRole('button', { name: 'Share screen' }).click();
    await videoFlowsTo(bob.page);

    // Chromium's "Stop sharing" bar (or the OS) ends the captured track: the same 'ended' event.
    await alice.page.evaluate(() => {
      const api = (window as unknown as { __softphone: { phone: { sessions(): { getId(): string }[]; localStream(id: string): MediaStream | undefined } } }).__softphone;
      const id = api.phone.sessions()[0]!.getId();
      const screen = api.phone.localStream(id)?.getVideoTracks()[0];
      if (!screen) throw new Error('no shared track');
      screen.stop();
      screen.dispatchEvent(new Event('ended'));
    });
    await expect(alice.page.getByText('You are sharing your screen')).toHaveCount(0);
    await expect(alice.page.getByRole('button', { name: 'Share screen' })).toBeVisible();
    expect((await sessions(alice.page))[0]?.screensharing).toBe(false);
    await expectNotRising(bob.page, 'video', 'framesDecoded', { settleMs: 500 });
    await audioFlows(alice.page, bob.page);
  });
});

test('screen sharing on a video call replaces the camera, and the camera comes back', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await videoCall(alice, bob);
    await videoFlowsTo(bob.page);
    await decodes(bob.page, CAMERA);

    await alice.page.getByRole('button', { name: 'Share screen' }).click();
    await decodes(bob.page, SCREEN);
    await expectRising(bob.page, 'video', 'framesDecoded');
    await audioFlows(alice.page, bob.page);

    await alice.page.getByRole('button', { name: 'Stop sharing', exact: true }).click();
    await decodes(bob.page, CAMERA);
    await expectRising(bob.page, 'video', 'framesDecoded');
    await audioFlows(alice.page, bob.page);
  });
});

test('video paused during a share stays off when the share stops, and comes back on resume', async () => {
  await withRegisteredPhones(['Alice', 'Bob'], async ([alice, bob]) => {
    await videoCall(alice, bob);
    await videoFlowsTo(bob.page);
    await alice.page.getByRole('button', { name: 'Share screen' }).click();
    await decodes(bob.page, SCREEN);
    await alice.page.getByRole('button', { name: 'Pause video' }).click();

    await alice.page.getByRole('button', { name: 'Stop sharing', exact: true }).click();
    // The camera was paused: nothing may reach the far end once the screen is gone.
    await expectNotRising(bob.page, 'video', 'framesDecoded', { settleMs: 700 });
    expect((await sessions(alice.page))[0]).toMatchObject({ screensharing: false, videoMuted: true, cameraEnabled: true });

    await alice.page.getByRole('button', { name: 'Resume video' }).click();
    await expectRising(bob.page, 'video', 'framesDecoded', { settleMs: 500 });
    await audioFlows(alice.page, bob.page);
  });
});

test('a video call from a machine without a camera goes on as an audio call, and says why', async () => {
  const browser = await launchChromium();
  try {
    // Fault injection at the device, the only layer faked here: this machine "has no camera".
    const alice = await openPhone(browser, {
      displayName: 'Alice',
      beforeLoad: (context) =>
        context.addInitScript(() => {
          const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
          navigator.mediaDevices.getUserMedia = (constraints) =>
            constraints?.video ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError')) : real(constraints);
        }),
    });
    const bob = await openPhone(browser, { displayName: 'Bob' });
    await register(alice);
    await register(bob);

    await alice.page.getByLabel('Number or SIP address').fill(bob.user);
    await alice.page.getByRole('button', { name: 'Video call', exact: true }).click();
    await expect(alice.page.getByRole('alert')).toContainText('No camera was found.');
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(alice.page, 'Established');
    expect((await sessions(alice.page))[0]?.cameraEnabled).toBe(false);
    await audioFlows(alice.page, bob.page);
    await expectNotRising(bob.page, 'video', 'framesDecoded');
  } finally {
    await browser.close();
  }
});
