// Desktop notifications for calls. The incoming-call notification carries Answer/Decline
// buttons where the OS has them (macOS, Windows); Linux notifications have none, so there the
// incoming-call popup window is used instead (incoming-call-popup.ts) and only missed calls are
// notified. Notifications are silent: the renderer plays the ringtone (renderer/audio).

import type { NotificationConstructorOptions } from 'electron';
import type { CallSessionJSON } from '../shared/call-session';
import { partyLabel } from './phone-calls';

/** Windows shows notifications only for an app with this id (it must match electron-builder's appId). */
export const APP_USER_MODEL_ID = 'org.softphone.desktop';

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
  if (platformHasNotificationActions(platform)) {
    options.actions = [
      { type: 'button', text: 'Answer' },
      { type: 'button', text: 'Decline' },
    ];
    // macOS: what the single visible button says when the actions are collapsed.
    options.closeButtonText = 'Decline';
  }
  return options;
}

export function missedCallNotification(call: CallSessionJSON): NotificationConstructorOptions {
  return { title: 'Missed call', body: partyLabel(call), silent: true };
}

interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'action', listener: (event: unknown, index: number) => void): unknown;
  on(event: 'click', listener: () => void): unknown;
}

export interface NotificationPort {
  new (options: NotificationConstructorOptions): NotificationLike;
  isSupported(): boolean;
}

export interface CallNotifierActions {
  answer(callId: string): void;
  decline(callId: string): void;
  /** Missed-call click: bring the window (and its call history) forward. */
  showMissedCalls(): void;
}

export interface CallNotifier {
  incoming(call: CallSessionJSON): void;
  /** The call stopped ringing: its notification is withdrawn. */
  stopRinging(callId: string): void;
  missed(call: CallSessionJSON): void;
}

export function createCallNotifier(Notification: NotificationPort, platform: NodeJS.Platform, actions: CallNotifierActions): CallNotifier {
  const ringing = new Map<string, NotificationLike>();
  return {
    incoming(call) {
      if (!Notification.isSupported() || ringing.has(call.sipCallId)) return;
      const notification = new Notification(incomingCallNotification(call, platform));
      notification.on('action', (_event, index) => {
        if (index === ANSWER_ACTION) actions.answer(call.sipCallId);
        if (index === DECLINE_ACTION) actions.decline(call.sipCallId);
      });
      notification.on('click', () => actions.showMissedCalls());
      ringing.set(call.sipCallId, notification);
      notification.show();
    },
    stopRinging(callId) {
      ringing.get(callId)?.close();
      ringing.delete(callId);
    },
    missed(call) {
      if (!Notification.isSupported()) return;
      const notification = new Notification(missedCallNotification(call));
      notification.on('click', () => actions.showMissedCalls());
      notification.show();
    },
  };
}
