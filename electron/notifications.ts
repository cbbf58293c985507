// Desktop notifications for calls. The incoming-call notification carries Answer/Decline
// buttons where the OS has them (macOS, Windows); Linux notifications have none (the incoming-
// call popup offers the buttons; incoming-call-alerts.ts says when a notification is shown too).
// Notifications are silent: the renderer plays the ringtone (renderer/audio), and the user must
// never hear two sounds.
//
// Electron keeps no reference to a Notification: once garbage-collected, its clicks and buttons
// do nothing (electron/electron#16922; on macOS the delivered notification is even removed,
// shell/browser/notifications/mac/cocoa_notification.mm). So every notification shown is held
// here until the OS is done with it: 'click', 'action', 'close' or 'failed'.

import type { NotificationConstructorOptions } from 'electron';
import type { CallSessionJSON } from '../shared/call-session';
import { APP_ID } from './app-identity';
import { partyLabel } from './phone-calls';

/** Windows shows notifications only for an app with this id (electron-builder's appId, the Start-menu shortcut's). */
export const APP_USER_MODEL_ID = APP_ID;

const ANSWER_ACTION = 0;
const DECLINE_ACTION = 1;

export function platformHasNotificationActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function incomingCallNotification(call: CallSessionJSON, platform: NodeJS.Platform): NotificationConstructorOptions {
  const options: NotificationConstructorOptions = {
    title: 'Incoming call',
    body: partyLabel(call),
    // The renderer already rings (renderer/audio/phone-sounds.ts), at the user's ringtone volume,
    // muted when they chose so, and it stops the moment the call is answered, declined or
    // cancelled. An OS notification sound would be a second sound over it, which neither the
    // volume nor the mute preference reaches.
    silent: true,
    urgency: 'critical',
    timeoutType: 'never',
  };
  // No `closeButtonText`: on macOS it is a third button that Electron reports as a dismissal
  // ('close'), not as an action (notification_center_delegate.mm), so a "Decline" there would
  // decline nothing.
  if (platformHasNotificationActions(platform)) {
    options.actions = [
      { type: 'button', text: 'Answer' },
      { type: 'button', text: 'Decline' },
    ];
  }
  return options;
}

export function missedCallNotification(call: CallSessionJSON): NotificationConstructorOptions {
  return { title: 'Missed call', body: partyLabel(call), silent: true };
}

interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'action', listener: (details: { actionIndex?: number }, actionIndex?: number) => void): unknown;
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
}

export interface NotificationPort {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

export type NotificationKind = 'incoming' | 'missed';

export interface CallNotifierActions {
  answer(callId: string): void;
  decline(callId: string): void;
  /** Incoming-call body click: bring the window (which shows the call) forward, nothing else. */
  showWindow(): void;
  /** Missed-call click: bring the window (and its call history) forward; the count is seen. */
  showMissedCalls(): void;
  /** The OS could not show it (no notification daemon, an unsigned macOS build, Windows without its shortcut). */
  failed(kind: NotificationKind, callId: string, error: string): void;
}

export interface CallNotifier {
  incoming(call: CallSessionJSON): void;
  /** The call stopped ringing: its notification is withdrawn. */
  stopRinging(callId: string): void;
  missed(call: CallSessionJSON): void;
  /** Notifications still held (shown and not yet done with). */
  liveCount(): number;
}

export function createCallNotifier(Notification: NotificationPort, platform: NodeJS.Platform, actions: CallNotifierActions): CallNotifier {
  const ringing = new Map<string, NotificationLike>();
  const live = new Set<NotificationLike>();

  function show(kind: NotificationKind, callId: string, options: NotificationConstructorOptions, onClick: () => void): NotificationLike {
    const notification = new Notification(options);
    live.add(notification);
    const done = () => {
      live.delete(notification);
      if (ringing.get(callId) === notification) ringing.delete(callId);
    };
    notification.on('click', () => {
      done();
      onClick();
    });
    notification.on('close', done);
    notification.on('failed', (_event, error) => {
      done();
      actions.failed(kind, callId, error);
    });
    return notification;
  }

  return {
    incoming(call) {
      if (!Notification.isSupported() || ringing.has(call.sipCallId)) return;
      const notification = show('incoming', call.sipCallId, incomingCallNotification(call, platform), () => actions.showWindow());
      notification.on('action', (details, legacyIndex) => {
        ringing.delete(call.sipCallId);
        live.delete(notification);
        const index = typeof details?.actionIndex === 'number' ? details.actionIndex : legacyIndex;
        if (index === ANSWER_ACTION) actions.answer(call.sipCallId);
        if (index === DECLINE_ACTION) actions.decline(call.sipCallId);
      });
      ringing.set(call.sipCallId, notification);
      notification.show();
    },
    stopRinging(callId) {
      const notification = ringing.get(callId);
      ringing.delete(callId);
      if (!notification) return;
      live.delete(notification);
      notification.close();
    },
    missed(call) {
      if (!Notification.isSupported()) return;
      show('missed', call.sipCallId, missedCallNotification(call), () => actions.showMissedCalls()).show();
    },
    liveCount: () => live.size,
  };
}
