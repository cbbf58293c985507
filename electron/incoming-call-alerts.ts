// How an incoming call reaches a user who is not looking at the app, per desktop. The rule is
// that no single mechanism may be the only one where it can fail silently:
// - the popup window (Answer / Decline) is always on top and never takes focus on X11, macOS
//   and Windows; on Wayland the compositor places it (usually centred), may stack it under other
//   windows and decides its focus (docs/api/browser-window.md: x/y, alwaysOnTop, showInactive
//   are "not supported on Wayland");
// - a notification with Answer / Decline buttons exists on macOS and Windows only, macOS banners
//   leave the screen after a few seconds, an unsigned macOS build gets 'failed' for every one
//   (Electron 42+, UNNotification), and Windows Focus Assist hides toasts without telling us;
// - Linux notifications have no buttons, but a critical one stays on screen and a click on it
//   brings the window (with the call) forward.
// So: the popup everywhere, plus a notification wherever the popup alone can be missed.

import type { DisplayServer } from './display-server';

export interface IncomingCallAlerts {
  popup: boolean;
  notification: boolean;
}

export function incomingCallAlerts(platform: NodeJS.Platform, displayServer: DisplayServer): IncomingCallAlerts {
  if (platform === 'linux') return { popup: true, notification: displayServer === 'wayland' };
  return { popup: true, notification: true };
}
