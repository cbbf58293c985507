import { expect, test, type Page } from '@playwright/test';
import { launchChromium } from './support/browser';
import { instrumentCaptureTracks, liveCaptureTracks } from './support/capture-tracks';
import { expectRising } from './support/media-stats';
import { answeredCall, dial, openPhone, register, sessions, waitForCallStatus } from './support/phone-page';
import { isReinvite, recordSip, type SipLog } from './support/sip-frames';

// What the faster call set-up must never cost: a microphone opened before the user talks to
// someone (typing a number warms a connection up; an incoming call is prepared while it rings),
// or a connection left open once the call is gone. And the call-details panel: the timeline
// every call records, shown and exported.

/** Open connections that carry something: a transceiver or a description (the spare has neither). */
function openConnections(page: Page): Promise<number> {
  return page.evaluate(
    () => (window.__peerConnections ?? []).filter((c) => c.signalingState !== 'closed' && (c.getTransceivers().length > 0 || c.localDescription !== null || c.remoteDescription !== null)).length,
  );
}

/** The connection kept for the next incoming call (spare-connection.ts): open, and nothing in it, not even gathering. */
function spareConnections(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window.__peerConnections ?? []).filter(
        (c) => c.signalingState === 'stable' && c.getTransceivers().length === 0 && c.localDescription === null && c.remoteDescription === null && c.iceGatheringState === 'new',
      ).length,
  );
}

test('typing a number warms a connection up without the microphone; clearing it closes the connection', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice', beforeLoad: (context) => instrumentCaptureTracks(context) });
    await register(alice);
    await alice.page.getByLabel('Number or SIP address').fill('1234');
    await expect.poll(() => openConnections(alice.page)).toBe(1);
    // The offer is made ahead (offer-ahead.ts): set, one audio m-line, and no track on it.
    const warm = await alice.page.evaluate(() => {
      const connection = (window.__peerConnections ?? []).find((c) => c.signalingState !== 'closed' && c.getTransceivers().length > 0)!;
      return {
        state: connection.signalingState,
        audioLines: (connection.localDescription?.sdp.match(/^m=audio /gm) ?? []).length,
        videoLines: (connection.localDescription?.sdp.match(/^m=video /gm) ?? []).length,
        senderTracks: connection.getSenders().filter((s) => s.track !== null).length,
      };
    });
    expect(warm).toEqual({ state: 'have-local-offer', audioLines: 1, videoLines: 0, senderTracks: 0 });
    expect(await liveCaptureTracks(alice.page)).toMatchObject({ opened: 0 });
    await alice.page.getByLabel('Number or SIP address').fill('');
    await expect.poll(() => openConnections(alice.page)).toBe(0);
    expect(await liveCaptureTracks(alice.page)).toMatchObject({ opened: 0 });
  } finally {
    await browser.close();
  }
});

test('an incoming call is prepared while it rings without opening the microphone; declined, nothing stays open', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice' });
    const bob = await openPhone(browser, { displayName: 'Bob', beforeLoad: (context) => instrumentCaptureTracks(context) });
    await register(alice);
    await register(bob);
    // Registered: one connection waits for the next incoming call, empty; nothing else is open.
    await expect.poll(() => spareConnections(bob.page)).toBe(1);
    expect(await openConnections(bob.page)).toBe(0);
    const madeBeforeTheCall = await bob.page.evaluate(() => (window.__peerConnections ?? []).length);
    await dial(alice, bob.user);
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    // Ringing: the prepared connection exists, the microphone is not open.
    await expect.poll(() => openConnections(bob.page)).toBe(1);
    // The call took the spare: its connection was made before the INVITE came (the next spare after it).
    const ringingConnection = await bob.page.evaluate(() => (window.__peerConnections ?? []).findIndex((c) => c.remoteDescription !== null));
    expect(ringingConnection).toBeGreaterThanOrEqual(0);
    expect(ringingConnection).toBeLessThan(madeBeforeTheCall);
    await bob.page.waitForTimeout(500);
    expect(await liveCaptureTracks(bob.page)).toMatchObject({ opened: 0 });
    // The offer is applied and the answer made (prepared-answer.ts), but nothing is set on our
    // side before Answer: no ICE toward the caller, none of our addresses given away.
    const ringing = await bob.page.evaluate(() => {
      const connection = (window.__peerConnections ?? []).find((c) => c.remoteDescription !== null && c.signalingState !== 'closed')!;
      return { state: connection.signalingState, local: connection.localDescription?.sdp ?? null, ice: connection.iceConnectionState };
    });
    expect(ringing).toEqual({ state: 'have-remote-offer', local: null, ice: 'new' });
    await bob.page.getByRole('button', { name: 'Decline' }).click();
    await expect.poll(async () => (await sessions(bob.page)).length).toBe(0);
    await expect.poll(() => openConnections(bob.page)).toBe(0);
    await expect.poll(() => spareConnections(bob.page)).toBe(1);
    expect(await liveCaptureTracks(bob.page)).toMatchObject({ opened: 0, live: 0 });
  } finally {
    await browser.close();
  }
});

/** How many candidates the far end's description (offer or answer) carried, on the live connection. */
function remoteCandidates(page: Page): Promise<number> {
  return page.evaluate(() => {
    const live = (window.__peerConnections ?? []).filter((c) => c.signalingState !== 'closed');
    return live.reduce((sum, c) => sum + (c.remoteDescription?.sdp.match(/^a=candidate:/gm) ?? []).length, 0);
  });
}

test('a number typed slowly and a call left ringing: the offer and the answer still carry their candidates, and audio flows', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice' });
    const bob = await openPhone(browser, { displayName: 'Bob' });
    await register(alice);
    await register(bob);
    // Typing warms a connection up; a person takes seconds to type and to pick up.
    await alice.page.getByLabel('Number or SIP address').fill(bob.user);
    await alice.page.waitForTimeout(1_500);
    await alice.page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(bob.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    await bob.page.waitForTimeout(1_500);
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await waitForCallStatus(alice.page, 'Established');
    // A description without candidates leaves the call to the far end's: two such, no media at all.
    expect(await remoteCandidates(bob.page), 'candidates in the offer Bob received').toBeGreaterThan(0);
    expect(await remoteCandidates(alice.page), 'candidates in the answer Alice received').toBeGreaterThan(0);
    await expectRising(alice.page, 'audio', 'bytesReceived');
    await expectRising(bob.page, 'audio', 'bytesReceived');
  } finally {
    await browser.close();
  }
});

test('the call-details panel shows the call set-up step by step, and "Copy call details" exports it', async () => {
  const browser = await launchChromium();
  try {
    const alice = await openPhone(browser, { displayName: 'Alice', beforeLoad: (context) => instrumentCaptureTracks(context) });
    const bob = await openPhone(browser, { displayName: 'Bob' });
    // A permission list replaces the context's: the microphone is named too, or the page loses
    // its media permission, and with it Chromium's real host candidates (mDNS names instead,
    // which never resolve in the test bed's namespace: an offer with no candidate at all).
    await alice.context.grantPermissions(['clipboard-read', 'clipboard-write', 'microphone']);
    await register(alice);
    await register(bob);
    await answeredCall(alice, bob);
    await expectRising(alice.page, 'audio', 'bytesReceived');
    await alice.page.getByText('Call details').click();
    const steps = alice.page.getByRole('table', { name: 'Call set-up, step by step' });
    for (const step of ['Dial', 'INVITE sent', '200 OK received', 'ACK sent', 'ICE connected', 'DTLS connected', 'First audio in', 'First audio out', 'Microphone ready']) {
      await expect(steps.getByRole('rowheader', { name: step, exact: true })).toBeVisible();
    }
    await alice.page.getByRole('button', { name: 'Copy call details' }).click();
    await expect(alice.page.getByText('Call details copied.')).toBeVisible();
    const copied = await alice.page.evaluate(() => navigator.clipboard.readText());
    const timeline = JSON.parse(copied.slice(copied.indexOf('{'))) as { direction: string; marks: Record<string, number> };
    expect(timeline.direction).toBe('outgoing');
    expect(Object.keys(timeline.marks)).toEqual(expect.arrayContaining(['dial', 'inviteSent', 'ok200Received', 'established', 'firstAudioIn']));
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await liveCaptureTracks(alice.page)).live).toBe(0);
  } finally {
    await browser.close();
  }
});

/** The status line of a SIP response frame, e.g. "SIP/2.0 407 Proxy Authentication Required" -> 407. */
const statusOf = (frame: string) => Number(/^SIP\/2\.0 (\d{3})/.exec(frame)?.[1] ?? 0);
const cseqMethodOf = (frame: string) => /^CSeq:\s*\d+\s+(\w+)/im.exec(frame)?.[1];

test("the next call answers the server's last challenge up front: one INVITE, no 407, and the call connects", async () => {
  const browser = await launchChromium();
  try {
    let aliceSip: SipLog | undefined;
    const alice = await openPhone(browser, {
      displayName: 'Alice',
      beforeLoad: async (context) => {
        aliceSip = recordSip(context);
      },
    });
    const bob = await openPhone(browser, { displayName: 'Bob' });
    await register(alice);
    await register(bob);
    const invites = () => aliceSip!.sentRequests('INVITE').filter((frame) => !isReinvite(frame));
    const inviteChallenges = () => aliceSip!.received.filter((frame) => statusOf(frame) === 407 && cseqMethodOf(frame) === 'INVITE');

    // The first call meets Kamailio's challenge: INVITE, 407, INVITE with credentials.
    await answeredCall(alice, bob);
    await expectRising(alice.page, 'audio', 'bytesReceived');
    expect(invites()).toHaveLength(2);
    expect(inviteChallenges()).toHaveLength(1);
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect.poll(async () => (await sessions(bob.page)).length).toBe(0);

    // The second sends its credentials in its first INVITE (RFC 3261 §22.3), which Kamailio takes.
    await answeredCall(alice, bob);
    await expectRising(alice.page, 'audio', 'bytesReceived');
    await expectRising(bob.page, 'audio', 'bytesReceived');
    expect(invites()).toHaveLength(3);
    expect(invites()[2]).toMatch(/^Proxy-Authorization: Digest .*nonce="/m);
    expect(inviteChallenges()).toHaveLength(1);
  } finally {
    await browser.close();
  }
});
