// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { nextTick } from 'vue';
import { CallSession } from '../../shared/call-session';
import type { PhoneCommand } from '../../shared/platform';
import { setLanguage } from '../i18n';
import type { NotificationApi } from '../attention/web-notifications';
import { TITLE_SETTLE_MS } from '../attention/title-writer';
import {
  ACCOUNT_STORAGE_KEY,
  CORRUPT_ACCOUNT_STORAGE_KEY,
  PREFERENCES_STORAGE_KEY,
  createWebPlatform,
  dialTargetFromHash,
} from './web-platform';

const ACCOUNT = {
  serverUrl: 'wss://pbx.example.com:8089/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  displayName: 'Desk',
  iceServers: [{ urls: 'stun:stun.example.com:3478' }],
};

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/');
});

afterEach(() => setLanguage('en'));

describe('account storage', () => {
  test('first run: no settings, no password, no notice', async () => {
    expect(await createWebPlatform(localStorage).loadAccount()).toEqual({ settings: null, password: null, notices: [] });
  });

  test('saves the settings but never the password, which lasts only as long as the tab', async () => {
    const tab = createWebPlatform(localStorage);
    const result = await tab.saveAccount({ ...ACCOUNT, password: 'hunter2' }, 'hunter2');
    expect(result).toEqual({ ok: true, passwordSaved: false });
    expect(localStorage.getItem(ACCOUNT_STORAGE_KEY)).not.toContain('hunter2');

    expect(await tab.loadAccount()).toEqual({ settings: ACCOUNT, password: 'hunter2', notices: [] });
    // A new tab (or a reload) starts with the settings only.
    expect(await createWebPlatform(localStorage).loadAccount()).toEqual({ settings: ACCOUNT, password: null, notices: [] });
  });

  test('refuses to save settings that do not validate', async () => {
    const result = await createWebPlatform(localStorage).saveAccount({ ...ACCOUNT, serverUrl: 'http://x' }, null);
    expect(result.ok).toBe(false);
    expect(localStorage.getItem(ACCOUNT_STORAGE_KEY)).toBeNull();
  });

  test.each([
    ['not JSON', '{"serverUrl": '],
    ['JSON that fails validation', JSON.stringify({ ...ACCOUNT, serverUrl: 'http://pbx.example.com' })],
  ])('a corrupt entry (%s) is kept aside, reported, and defaults load', async (_name, raw) => {
    localStorage.setItem(ACCOUNT_STORAGE_KEY, raw);
    const stored = await createWebPlatform(localStorage).loadAccount();
    expect(stored.settings).toBeNull();
    expect(stored.notices.map((notice) => notice.code)).toEqual(['settings-corrupt']);
    expect(localStorage.getItem(CORRUPT_ACCOUNT_STORAGE_KEY)).toBe(raw);
    expect(localStorage.getItem(ACCOUNT_STORAGE_KEY)).toBeNull();
  });
});

describe('the local demo account (npm run demo)', () => {
  const DEMO = { serverUrl: 'ws://127.0.0.1:41234', sipUri: 'sip:1000@127.0.0.1', username: '1000', password: 'k3v9-p2xq', displayName: 'Demo user', iceServers: [] };

  test('is offered, password included, in place of nothing', async () => {
    const tab = createWebPlatform(localStorage, { demoAccount: DEMO });
    expect(await tab.suggestedAccount?.()).toEqual(DEMO);
    expect(await createWebPlatform(localStorage, { demoAccount: null }).suggestedAccount?.()).toBeNull();
  });

  test('a tab on the demo server is never stored, and the account the user saved before stays', async () => {
    localStorage.setItem(ACCOUNT_STORAGE_KEY, JSON.stringify(ACCOUNT));
    const tab = createWebPlatform(localStorage, { demoAccount: DEMO });
    expect(await tab.saveAccount({ ...DEMO, password: '' }, DEMO.password)).toEqual({ ok: true, passwordSaved: false });
    expect(JSON.parse(localStorage.getItem(ACCOUNT_STORAGE_KEY) ?? 'null')).toEqual(ACCOUNT);
  });

  test('an account on another server, typed over the demo one, is stored as usual', async () => {
    const tab = createWebPlatform(localStorage, { demoAccount: DEMO });
    await tab.saveAccount(ACCOUNT, 'hunter2');
    expect(JSON.parse(localStorage.getItem(ACCOUNT_STORAGE_KEY) ?? 'null')).toEqual(ACCOUNT);
  });

  test('by default it is read from the page, so a page without the tag offers nothing', async () => {
    expect(await createWebPlatform(localStorage).suggestedAccount?.()).toBeNull();
  });
});

describe('page title', () => {
  const incoming = () => new CallSession({ sipCallId: 'in-1', displayName: 'Alice', number: '1001', isCaller: false, ringing: true });
  /** Past the settling time of a title that is not a ringing call's (title-writer.ts). */
  const settled = async () => {
    await nextTick();
    vi.advanceTimersByTime(TITLE_SETTLE_MS);
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('names a ringing call at once, then the call in progress and idle once they settle', async () => {
    const platform = createWebPlatform(localStorage);
    platform.publishRegistration({ status: 'registered', aor: 'sip:1001@pbx.example.com', error: null });
    await settled();
    expect(document.title).toBe('Softphone');

    const call = incoming();
    platform.publishCall(call.toJSON());
    await nextTick();
    expect(document.title).toBe('Ringing: Alice — Softphone');

    call.answer();
    platform.publishCall(call.toJSON());
    await nextTick();
    expect(document.title).toBe('Ringing: Alice — Softphone');
    await settled();
    expect(document.title).toBe('In call with Alice (00:00)');

    call.endTime = new Date();
    call.sipStatus = 'Terminated';
    platform.publishCall(call.toJSON());
    await settled();
    expect(document.title).toBe('Softphone');
  });

  test('counts the minutes of the call in progress, with a clock that stops with the call', async () => {
    const platform = createWebPlatform(localStorage, { Notification: undefined });
    const call = incoming();
    call.answer();
    platform.publishCall(call.toJSON());
    await settled();
    expect(document.title).toBe('In call with Alice (00:00)');
    vi.advanceTimersByTime(83_000);
    await settled();
    expect(document.title).toBe('In call with Alice (01:23)');
    call.endTime = new Date();
    platform.publishCall(call.toJSON());
    await settled();
    expect(vi.getTimerCount()).toBe(0);
  });

  test('says the line is offline, and follows the language', async () => {
    const platform = createWebPlatform(localStorage);
    platform.publishRegistration({ status: 'failed', aor: null, error: null });
    await settled();
    expect(document.title).toBe('Softphone (offline)');
    platform.publishCall(incoming().toJSON());
    setLanguage('fr');
    await nextTick();
    expect(document.title).toBe('Appel entrant : Alice — Softphone');
  });
});

describe('notifications (web target)', () => {
  function setup(preferences: Record<string, unknown> = {}) {
    localStorage.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify(preferences));
    const shown: string[] = [];
    class FakeNotification {
      static permission: NotificationPermission = 'granted';
      static requestPermission = async () => FakeNotification.permission;
      onclick: ((event: Event) => unknown) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push(`${title}: ${options?.body ?? ''}`);
      }
      close() {}
    }
    const page = { inBackground: () => true, bringForward: vi.fn() };
    const platform = createWebPlatform(localStorage, { Notification: FakeNotification as unknown as NotificationApi, page });
    return { platform, shown };
  }
  const ringing = () => new CallSession({ sipCallId: 'in-9', displayName: 'Zoë "ZZ" Ærø', number: '1009', ringing: true });

  test('an incoming call that will ring is notified once, and its missed call after', () => {
    const { platform, shown } = setup();
    const call = ringing();
    platform.publishCall(call.toJSON());
    platform.publishCall(call.toJSON());
    expect(shown).toEqual(['Incoming call: Zoë "ZZ" Ærø (1009)']);
    call.ringing = false;
    call.endTime = new Date();
    platform.publishCall(call.toJSON());
    platform.callEnded?.(call.toJSON(), { reason: 'missed' });
    expect(shown).toEqual(['Incoming call: Zoë "ZZ" Ærø (1009)', 'Missed call: Zoë "ZZ" Ærø (1009)']);
  });

  test('do-not-disturb and an immediate auto-answer are not notified', () => {
    const dnd = setup({ doNotDisturb: true });
    dnd.platform.publishCall(ringing().toJSON());
    dnd.platform.callEnded?.(ringing().toJSON(), { reason: 'do-not-disturb', sipCode: 486 });
    expect(dnd.shown).toEqual([]);
    const auto = setup({ autoAnswer: 'always', autoAnswerDelaySeconds: 0 });
    auto.platform.publishCall(ringing().toJSON());
    expect(auto.shown).toEqual([]);
  });

  test('exposes the permission for the page to ask once signed in', async () => {
    const { platform } = setup();
    expect(platform.notificationPermission?.state()).toBe('granted');
    expect(await platform.notificationPermission?.request()).toBe('granted');
  });
});

describe('#dial= links', () => {
  test.each([
    ['#dial=1001', '1001'],
    ['#dial=%2B33%201%2023%2045%2067%2089', '+33 1 23 45 67 89'],
    ['#dial=sip%3Aalice%40example.com', 'sip:alice@example.com'],
    ['#dial=tel:+33123456789', 'tel:+33123456789'],
  ])('%s dials %j', (hash, target) => expect(dialTargetFromHash(hash)).toBe(target));

  test.each([
    ['', 'no hash'],
    ['#dial=', 'empty'],
    ['#call=1001', 'another key'],
    ['#dial=1001&autodial=1', 'extra parameters'],
    ['#dial=%E0%A4%A', 'broken escape'],
    ['#dial=%3Cscript%3E', 'characters no address holds'],
    ['#dial=sip%3A1001%40pbx.example.com%3FSubject%3Dx', 'SIP URI headers'],
    [`#dial=${'1'.repeat(300)}`, 'too long'],
  ])('%j is ignored (%s)', (hash) => expect(dialTargetFromHash(hash)).toBeNull());

  test('a link present at start fills the dialpad without dialling, once', async () => {
    history.replaceState(null, '', '/#dial=1001');
    const commands: PhoneCommand[] = [];
    const stop = createWebPlatform(localStorage).onCommand((command) => commands.push(command));
    await vi.waitFor(() => expect(commands).toEqual([{ kind: 'dial', target: '1001', autoDial: false }]));
    expect(window.location.hash).toBe('');
    stop();
  });

  test('a link followed later arrives through hashchange; unsubscribing stops it', async () => {
    const commands: PhoneCommand[] = [];
    const stop = createWebPlatform(localStorage).onCommand((command) => commands.push(command));
    await Promise.resolve();
    history.replaceState(null, '', '/#dial=%2B3312345');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(commands).toEqual([{ kind: 'dial', target: '+3312345', autoDial: false }]);
    stop();
    history.replaceState(null, '', '/#dial=1002');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(commands).toHaveLength(1);
  });
});
