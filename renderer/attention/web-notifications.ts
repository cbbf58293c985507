// Browser notifications for the web target: an incoming call and a missed call, shown only
// while the tab is in the background (in front, the page itself shows the call), silent (the
// page rings), and withdrawn when the call stops ringing. A click brings the tab forward: the
// one place the page asks for focus, because the user asked for it. The desktop app does not
// use this: its main process notifies (electron/notifications.ts).

import type { CallSessionJSON } from '../../shared/call-session';
import { safeDisplayText } from '../../shared/display-name';
import type { CallOutcome } from '../../shared/phone-status';
import type { NotificationPermissionState } from '../../shared/platform';

/** The parts of the browser's Notification we use. */
export interface NotificationLike {
  close(): void;
  onclick: ((event: Event) => unknown) | null;
}

export interface NotificationApi {
  new (title: string, options?: NotificationOptions): NotificationLike;
  readonly permission: NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
}

export interface PageLike {
  /** The user is not looking at the tab: hidden, or another window has the focus. */
  inBackground(): boolean;
  /** Brings the tab forward (only ever after a click on one of our notifications). */
  bringForward(): void;
}

export interface NotificationWords {
  incomingTitle: string;
  missedTitle: string;
}

export interface WebCallNotifications {
  permission(): NotificationPermissionState;
  requestPermission(): Promise<NotificationPermissionState>;
  /** A call started ringing (the caller of this decides whether it will really ring). */
  incoming(call: CallSessionJSON, words: NotificationWords): void;
  /** The call stopped ringing: its notification goes. */
  stopRinging(callId: string): void;
  /** A call ended: a missed one is notified. */
  ended(call: CallSessionJSON, outcome: CallOutcome, words: NotificationWords): void;
}

/** What a notification says of the caller: the name, and the number when it adds something. */
export function callerText(call: CallSessionJSON): string {
  const number = safeDisplayText(call.number);
  const name = safeDisplayText(call.displayName) || number;
  return number && number !== name ? `${name} (${number})` : name;
}

export function createWebCallNotifications(api: NotificationApi | undefined, page: PageLike): WebCallNotifications {
  const ringing = new Map<string, NotificationLike>();

  function granted(): boolean {
    return api?.permission === 'granted';
  }

  function show(title: string, body: string, tag: string, requireInteraction: boolean): NotificationLike | null {
    if (!api || !granted() || !page.inBackground()) return null;
    try {
      const notification = new api(title, { body, tag, silent: true, requireInteraction });
      notification.onclick = () => {
        page.bringForward();
        notification.close();
      };
      return notification;
    } catch {
      // Some browsers only allow notifications from a service worker: the page still rings.
      return null;
    }
  }

  return {
    permission: () => (api ? api.permission : 'unsupported'),
    async requestPermission() {
      if (!api) return 'unsupported';
      try {
        return await api.requestPermission();
      } catch {
        return api.permission;
      }
    },
    incoming(call, words) {
      const id = call.sipCallId;
      if (!id || ringing.has(id)) return;
      const notification = show(words.incomingTitle, callerText(call), `call-${id}`, true);
      if (notification) ringing.set(id, notification);
    },
    stopRinging(callId) {
      ringing.get(callId)?.close();
      ringing.delete(callId);
    },
    ended(call, outcome, words) {
      this.stopRinging(call.sipCallId);
      if (outcome.reason === 'missed') show(words.missedTitle, callerText(call), `missed-${call.sipCallId}`, false);
    },
  };
}
