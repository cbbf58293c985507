import { beforeEach, describe, expect, it } from 'vitest';
import { createServerAllowList, enforceServerAllowList } from './server-allow-list';
import { resetElectronFake, session } from './test-support/electron-fake';

beforeEach(() => resetElectronFake());

describe('server allow-list', () => {
  it('lets nothing through until a server is named', async () => {
    const allowList = createServerAllowList();
    enforceServerAllowList(session.defaultSession, allowList, () => {});
    await expect(session.defaultSession.webRequest.request('wss://pbx.example.com/ws')).resolves.toBe(true);
  });

  it('lets through the named server origin only, whatever the path', async () => {
    const allowList = createServerAllowList();
    const logged: string[] = [];
    enforceServerAllowList(session.defaultSession, allowList, (message) => logged.push(message));
    expect(allowList.allow('wss://PBX.example.com:8089/ws')).toBe(true);
    const cancelled = (url: string) => session.defaultSession.webRequest.request(url);
    await expect(cancelled('wss://pbx.example.com:8089/other')).resolves.toBe(false);
    await expect(cancelled('wss://pbx.example.com/ws')).resolves.toBe(true); // other port
    await expect(cancelled('ws://pbx.example.com:8089/ws')).resolves.toBe(true); // other scheme
    await expect(cancelled('wss://evil.example:8089/ws')).resolves.toBe(true);
    await expect(cancelled('wss://pbx.example.com.evil.example:8089/ws')).resolves.toBe(true);
    expect(logged).toHaveLength(4);
  });

  it('moves to the new server when another one is named, closing the old', async () => {
    const allowList = createServerAllowList('ws://127.0.0.1:8080/ws');
    enforceServerAllowList(session.defaultSession, allowList, () => {});
    await expect(session.defaultSession.webRequest.request('ws://127.0.0.1:8080/ws')).resolves.toBe(false);
    allowList.allow('wss://pbx.example.com/ws');
    await expect(session.defaultSession.webRequest.request('ws://127.0.0.1:8080/ws')).resolves.toBe(true);
    await expect(session.defaultSession.webRequest.request('wss://pbx.example.com:443/ws')).resolves.toBe(false);
  });

  it('refuses to name anything but a ws:/wss: URL without credentials, keeping the previous server', () => {
    const allowList = createServerAllowList('wss://pbx.example.com/ws');
    for (const url of ['https://pbx.example.com', 'wss://user:pw@pbx.example.com/', 'not a url', 'wss://']) {
      expect(allowList.allow(url)).toBe(false);
    }
    expect(allowList.allowedOrigin()).toBe('wss://pbx.example.com');
  });

  it('does not touch ordinary requests of the page', async () => {
    enforceServerAllowList(session.defaultSession, createServerAllowList(), () => {});
    await expect(session.defaultSession.webRequest.request('app://softphone/index.html')).resolves.toBe(false);
  });
});
