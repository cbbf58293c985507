import { beforeEach, describe, expect, it } from 'vitest';
import { createServerAllowList, enforceServerAllowList } from './server-allow-list';
import { resetElectronFake, session } from './test-support/electron-fake';

beforeEach(() => resetElectronFake());

describe('server allow-list', () => {
  it('lets nothing through while no account is saved', async () => {
    const allowList = createServerAllowList(() => null);
    enforceServerAllowList(session.defaultSession, allowList, () => {});
    await expect(session.defaultSession.webRequest.request('wss://pbx.example.com/ws')).resolves.toBe(true);
    expect(allowList.allowedOrigin()).toBeNull();
  });

  it("lets through the saved server's origin only, whatever the path", async () => {
    const allowList = createServerAllowList(() => 'wss://PBX.example.com:8089/ws');
    const logged: string[] = [];
    enforceServerAllowList(session.defaultSession, allowList, (message) => logged.push(message));
    const cancelled = (url: string) => session.defaultSession.webRequest.request(url);
    await expect(cancelled('wss://pbx.example.com:8089/other')).resolves.toBe(false);
    await expect(cancelled('wss://pbx.example.com/ws')).resolves.toBe(true); // other port
    await expect(cancelled('ws://pbx.example.com:8089/ws')).resolves.toBe(true); // other scheme
    await expect(cancelled('wss://evil.example:8089/ws')).resolves.toBe(true);
    await expect(cancelled('wss://pbx.example.com.evil.example:8089/ws')).resolves.toBe(true);
    expect(logged).toHaveLength(4);
  });

  it('follows the saved account: a new saved server closes the old one', async () => {
    let saved: string | null = 'ws://127.0.0.1:8080/ws';
    const allowList = createServerAllowList(() => saved);
    enforceServerAllowList(session.defaultSession, allowList, () => {});
    await expect(session.defaultSession.webRequest.request('ws://127.0.0.1:8080/ws')).resolves.toBe(false);
    saved = 'wss://pbx.example.com/ws';
    await expect(session.defaultSession.webRequest.request('ws://127.0.0.1:8080/ws')).resolves.toBe(true);
    await expect(session.defaultSession.webRequest.request('wss://pbx.example.com:443/ws')).resolves.toBe(false);
  });

  it('offers no way to allow a server other than the saved one', () => {
    const allowList = createServerAllowList(() => 'wss://pbx.example.com/ws');
    expect(Object.keys(allowList).sort()).toEqual(['allowedOrigin', 'isAllowed']);
  });

  it('allows nothing when the saved server is not a ws:/wss: URL without credentials', () => {
    for (const url of ['https://pbx.example.com', 'wss://user:pw@pbx.example.com/', 'not a url', 'wss://']) {
      const allowList = createServerAllowList(() => url);
      expect(allowList.allowedOrigin()).toBeNull();
      expect(allowList.isAllowed('https://pbx.example.com/')).toBe(false);
      expect(allowList.isAllowed('wss://pbx.example.com/')).toBe(false);
    }
  });

  it('lets https through only to the Wazo stack of a saved Wazo account, never named by the page', async () => {
    let saved: string | null = 'wss://wazo.example.com/api/asterisk/ws';
    const allowList = createServerAllowList(() => saved);
    const logged: string[] = [];
    enforceServerAllowList(session.defaultSession, allowList, (message) => logged.push(message));
    const cancelled = (url: string) => session.defaultSession.webRequest.request(url);
    await expect(cancelled('https://wazo.example.com/api/auth/0.1/token')).resolves.toBe(false);
    await expect(cancelled('https://wazo.example.com:443/api/confd/1.1/users/u')).resolves.toBe(false);
    await expect(cancelled('wss://wazo.example.com/api/websocketd/?token=t&version=2')).resolves.toBe(false);
    await expect(cancelled('https://wazo.example.com:8443/api/auth/0.1/token')).resolves.toBe(true); // other port
    await expect(cancelled('https://evil.example/api/auth/0.1/token')).resolves.toBe(true);
    await expect(cancelled('https://user:pw@wazo.example.com/')).resolves.toBe(true);
    expect(logged).toHaveLength(3);
    // A stack on another port keeps its port.
    saved = 'wss://wazo.example.com:8443/api/asterisk/ws';
    await expect(cancelled('https://wazo.example.com:8443/api/auth/0.1/token')).resolves.toBe(false);
    await expect(cancelled('https://wazo.example.com/api/auth/0.1/token')).resolves.toBe(true);
  });

  it('lets no https through for a generic SIP account, an unencrypted one, or none', async () => {
    for (const saved of ['wss://wazo.example.com:8089/ws', 'ws://wazo.example.com/api/asterisk/ws', 'wss://wazo.example.com/api/asterisk/ws?x=1', null]) {
      const allowList = createServerAllowList(() => saved);
      expect(allowList.isAllowed('https://wazo.example.com/api/auth/0.1/token'), String(saved)).toBe(false);
      expect(allowList.isAllowed('https://wazo.example.com:8089/'), String(saved)).toBe(false);
    }
  });

  it('does not touch ordinary requests of the page', async () => {
    enforceServerAllowList(session.defaultSession, createServerAllowList(() => null), () => {});
    await expect(session.defaultSession.webRequest.request('app://softphone/index.html')).resolves.toBe(false);
  });
});
