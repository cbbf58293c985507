import { describe, expect, test, vi } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { callerText, createWebCallNotifications, type NotificationApi, type NotificationLike } from './web-notifications';

const WORDS = { incomingTitle: 'Incoming call', missedTitle: 'Missed call' };

function fakeApi(permission: NotificationPermission = 'granted') {
  const shown: Array<{ title: string; options: NotificationOptions | undefined; closed: boolean; instance: NotificationLike }> = [];
  class FakeNotification implements NotificationLike {
    static permission = permission;
    static requestPermission = vi.fn(async () => {
      FakeNotification.permission = 'granted';
      return 'granted' as NotificationPermission;
    });
    onclick: ((event: Event) => unknown) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push({ title, options, closed: false, instance: this });
    }
    close() {
      const entry = shown.find((s) => s.instance === this);
      if (entry) entry.closed = true;
    }
  }
  return { api: FakeNotification as unknown as NotificationApi & { requestPermission: ReturnType<typeof vi.fn> }, shown };
}

function page(background = true) {
  return { inBackground: vi.fn(() => background), bringForward: vi.fn() };
}

const ringing = (id = 'c1', displayName = 'Bob') => new CallSession({ sipCallId: id, displayName, number: '1002', ringing: true }).toJSON();

describe('web call notifications', () => {
  test('an incoming call in a background tab is notified once, silently, until it stops ringing', () => {
    const { api, shown } = fakeApi();
    const notifications = createWebCallNotifications(api, page(true));
    notifications.incoming(ringing(), WORDS);
    notifications.incoming(ringing(), WORDS);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ title: 'Incoming call', options: { body: 'Bob (1002)', silent: true, requireInteraction: true, tag: 'call-c1' } });
    notifications.stopRinging('c1');
    expect(shown[0]!.closed).toBe(true);
  });

  test('the user looking at the tab gets no notification: the page shows the call', () => {
    const { api, shown } = fakeApi();
    const notifications = createWebCallNotifications(api, page(false));
    notifications.incoming(ringing(), WORDS);
    notifications.ended(ringing(), { reason: 'missed' }, WORDS);
    expect(shown).toHaveLength(0);
  });

  test('nothing without permission, and nothing where the browser has no notifications', async () => {
    const { api, shown } = fakeApi('default');
    createWebCallNotifications(api, page()).incoming(ringing(), WORDS);
    expect(shown).toHaveLength(0);
    const none = createWebCallNotifications(undefined, page());
    none.incoming(ringing(), WORDS);
    expect(none.permission()).toBe('unsupported');
    expect(await none.requestPermission()).toBe('unsupported');
  });

  test('permission is asked only when the page asks, and its answer is reported', async () => {
    const { api } = fakeApi('default');
    const notifications = createWebCallNotifications(api, page());
    expect(api.requestPermission).not.toHaveBeenCalled();
    expect(notifications.permission()).toBe('default');
    expect(await notifications.requestPermission()).toBe('granted');
    expect(notifications.permission()).toBe('granted');
  });

  test('a missed call is notified, other endings are not; the ringing one is withdrawn first', () => {
    const { api, shown } = fakeApi();
    const notifications = createWebCallNotifications(api, page());
    notifications.incoming(ringing(), WORDS);
    notifications.ended(ringing(), { reason: 'missed' }, WORDS);
    expect(shown.map((s) => [s.title, s.closed])).toEqual([['Incoming call', true], ['Missed call', false]]);
    for (const reason of ['declined-locally', 'do-not-disturb', 'answered-elsewhere', 'hung-up-remotely'] as const) {
      notifications.ended(ringing('c2'), { reason }, WORDS);
    }
    expect(shown).toHaveLength(2);
  });

  test('a click brings the tab forward and closes the notification', () => {
    const { api, shown } = fakeApi();
    const tab = page();
    createWebCallNotifications(api, tab).incoming(ringing(), WORDS);
    shown[0]!.instance.onclick?.(new Event('click'));
    expect(tab.bringForward).toHaveBeenCalledTimes(1);
    expect(shown[0]!.closed).toBe(true);
  });

  test('the caller reads clean: no bidi override, no repeated number', () => {
    expect(callerText(ringing('c', '\u202Eevil'))).toBe('evil (1002)');
    expect(callerText(new CallSession({ sipCallId: 'c', number: '1002' }).toJSON())).toBe('1002');
  });
});
