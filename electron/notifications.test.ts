import { beforeEach, describe, expect, it } from 'vitest';
import { createCallNotifier, incomingCallNotification, missedCallNotification } from './notifications';
import { incomingRinging } from './test-support/calls';
import { app, collectGarbage, fakeSystem, FakeNotification, Notification, resetElectronFake } from './test-support/electron-fake';

const call = incomingRinging('c1@pbx', { displayName: 'Alice Martin', number: '+33123456789' });

describe('notification content', () => {
  it('names the caller and number, silently, until dealt with', () => {
    expect(incomingCallNotification(call, 'linux')).toEqual({
      title: 'Incoming call',
      body: 'Alice Martin (+33123456789)',
      silent: true,
      urgency: 'critical',
      timeoutType: 'never',
    });
  });

  it('offers Answer and Decline buttons on macOS and Windows only', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(incomingCallNotification(call, platform).actions).toEqual([
        { type: 'button', text: 'Answer' },
        { type: 'button', text: 'Decline' },
      ]);
      // macOS would draw closeButtonText as a third button that only dismisses.
      expect(incomingCallNotification(call, platform)).not.toHaveProperty('closeButtonText');
    }
    expect(incomingCallNotification(call, 'linux').actions).toBeUndefined();
  });

  it('shows just the number when there is no separate name', () => {
    const anonymous = incomingRinging('c2@pbx', { displayName: '1002', number: '1002' });
    expect(missedCallNotification(anonymous)).toEqual({ title: 'Missed call', body: '1002', silent: true });
  });
});

describe('notification text from a hostile caller', () => {
  it('drops bidi overrides and invisible characters from the name and number, and cuts a long name', () => {
    const evil = incomingRinging('c3@pbx', { displayName: `\u202Elive\u2066\u200B${'x'.repeat(6000)}`, number: '10\u202E02' });
    const body = incomingCallNotification(evil, 'win32').body ?? '';
    expect(body).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
    expect(body.startsWith('live')).toBe(true);
    expect(body.endsWith('… (1002)')).toBe(true);
    expect(Array.from(body).length).toBeLessThanOrEqual(128 + ' (1002)'.length);
    expect(missedCallNotification(evil).body).toBe(body);
  });

  it('names the number when nothing visible is left of the name', () => {
    const blank = incomingRinging('c4@pbx', { displayName: '\u202E\u200D\r\n', number: '1002' });
    expect(missedCallNotification(blank).body).toBe('1002');
  });
});

describe('call notifier', () => {
  let log: string[];
  const notifier = (platform: NodeJS.Platform) => {
    fakeSystem.platform = platform;
    return createCallNotifier(Notification, platform, {
      answer: (id) => log.push(`answer ${id}`),
      decline: (id) => log.push(`decline ${id}`),
      showWindow: () => log.push('window'),
      showMissedCalls: () => log.push('show'),
      failed: (kind, id, error) => log.push(`failed ${kind} ${id} ${error}`),
    });
  };

  beforeEach(() => {
    resetElectronFake();
    app.emitReady();
    log = [];
  });

  it('answers and declines from the notification buttons', () => {
    const windows = notifier('win32');
    windows.incoming(call);
    windows.incoming(call);
    expect(FakeNotification.shown()).toHaveLength(1);
    FakeNotification.shown()[0]?.pressAction(0);
    windows.incoming(call);
    FakeNotification.shown()[1]?.pressAction(1);
    expect(log).toEqual(['answer c1@pbx', 'decline c1@pbx']);
    expect(windows.liveCount()).toBe(0);
  });

  it('on macOS, every button says Answer or Decline and does what it says', () => {
    const mac = notifier('darwin');
    mac.incoming(call);
    const [shown] = FakeNotification.shown();
    expect(shown?.buttons()).toEqual(['Answer', 'Decline']);
    shown?.pressButton(1);
    expect(log).toEqual(['decline c1@pbx']);
  });

  it('brings the window from the incoming-call body, without counting anything as seen', () => {
    notifier('win32').incoming(call);
    FakeNotification.shown()[0]?.click();
    expect(log).toEqual(['window']);
  });

  it('holds every notification until click, close or failure, so garbage collection cannot take one still on screen', async () => {
    const linux = notifier('linux');
    linux.missed(call);
    linux.missed(incomingRinging('c2@pbx'));
    await collectGarbage();
    expect(FakeNotification.shown()).toHaveLength(2);
    FakeNotification.shown()[0]?.click();
    FakeNotification.shown()[1]?.dismiss();
    expect(linux.liveCount()).toBe(0);
    expect(log).toEqual(['show']);
  });

  it('reports a notification the OS could not show: an unsigned macOS build, no Linux daemon', async () => {
    FakeNotification.signed = false;
    notifier('darwin').incoming(call);
    await new Promise((resolve) => setImmediate(resolve));
    FakeNotification.daemonRunning = false;
    notifier('linux').missed(incomingRinging('c2@pbx'));
    expect(log).toEqual(['failed incoming c1@pbx Notifications are not allowed for this application', 'failed missed c2@pbx ']);
  });

  it('withdraws the notification when the call stops ringing', () => {
    const mac = notifier('darwin');
    mac.incoming(call);
    mac.stopRinging('c1@pbx');
    expect(FakeNotification.shown()[0]?.visible).toBe(false);
  });

  it('opens the window from a missed-call notification', () => {
    notifier('linux').missed(call);
    FakeNotification.shown()[0]?.click();
    expect(log).toEqual(['show']);
  });

  it('does nothing where notifications are not supported', () => {
    FakeNotification.supported = false;
    notifier('linux').missed(call);
    expect(FakeNotification.shown()).toEqual([]);
  });
});
