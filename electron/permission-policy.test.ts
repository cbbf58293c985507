import { beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-origin';
import { installPermissionPolicy } from './permission-policy';
import { FakeWebContents, resetElectronFake, session } from './test-support/electron-fake';

const ses = session.defaultSession;
const page = new FakeWebContents();
const fromApp = { isMainFrame: true, requestingUrl: APP_ENTRY_URL };
const fromElsewhere = { isMainFrame: true, requestingUrl: 'https://evil.example/call' };

beforeEach(() => {
  resetElectronFake();
  installPermissionPolicy(ses);
});

describe('permission requests', () => {
  it.each(['media', 'display-capture', 'notifications', 'fullscreen', 'speaker-selection'] as const)(
    'grants %s to our own page',
    async (permission) => {
      await expect(ses.requestPermission(page, permission, fromApp)).resolves.toBe(true);
    },
  );

  it('grants microphone and camera together', async () => {
    await expect(ses.requestPermission(page, 'media', { ...fromApp, mediaTypes: ['audio', 'video'] })).resolves.toBe(true);
  });

  it.each(['media', 'display-capture', 'notifications'] as const)('refuses %s to any other origin', async (permission) => {
    await expect(ses.requestPermission(page, permission, fromElsewhere)).resolves.toBe(false);
    await expect(ses.requestPermission(page, permission, { isMainFrame: true, requestingUrl: 'file:///home/me/x.html' })).resolves.toBe(false);
  });

  it.each(['geolocation', 'midiSysex', 'clipboard-read', 'hid', 'usb', 'openExternal', 'unknown'] as const)(
    'refuses %s even to our own page',
    async (permission) => {
      await expect(ses.requestPermission(page, permission, fromApp)).resolves.toBe(false);
    },
  );
});

describe('permission checks', () => {
  it('answers yes for our origin and the permissions we use', () => {
    expect(ses.checkPermission(page, 'media', APP_ORIGIN, { isMainFrame: true, mediaType: 'audio' })).toBe(true);
    // enumerateDevices() asks with an 'unknown' media type to decide whether to show labels.
    expect(ses.checkPermission(page, 'media', APP_ORIGIN, { isMainFrame: true, mediaType: 'unknown' })).toBe(true);
    expect(ses.checkPermission(null, 'notifications', APP_ORIGIN, { isMainFrame: true })).toBe(true);
  });

  it('answers no for other origins, unknown permissions and foreign embedders', () => {
    expect(ses.checkPermission(page, 'media', 'https://evil.example', { isMainFrame: true, mediaType: 'audio' })).toBe(false);
    expect(ses.checkPermission(page, 'geolocation', APP_ORIGIN, { isMainFrame: true })).toBe(false);
    expect(ses.checkPermission(page, 'media', APP_ORIGIN, { isMainFrame: false, embeddingOrigin: 'https://evil.example' })).toBe(false);
  });
});
