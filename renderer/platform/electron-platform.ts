// The PlatformAdapter of the desktop app: each call goes through the preload bridge to the
// main process, which keeps the settings and the OS keyring and drives tray and notifications.

import type { PlatformAdapter } from '../../shared/platform';
import type { SoftphoneBridge } from './softphone-bridge';

/**
 * The desktop host offers the optional parts of PlatformAdapter too, except the web tab's
 * notifications: the main process notifies calls itself, from the snapshots.
 */
export type DesktopPlatformAdapter = Required<Omit<PlatformAdapter, 'callEnded' | 'notificationPermission'>>;

/** The preload's bridge, or undefined when the page runs outside Electron. */
export function findSoftphoneBridge(): SoftphoneBridge | undefined {
  // `globalThis` is the window in a page; written so, this module type-checks without the DOM
  // too (the Electron-side test drives it through the real preload).
  return (globalThis as { softphone?: SoftphoneBridge }).softphone;
}

export function createElectronPlatform(bridge: SoftphoneBridge | undefined = findSoftphoneBridge()): DesktopPlatformAdapter {
  if (!bridge) throw new Error('createElectronPlatform: window.softphone is missing; the page is not running in the Softphone desktop app.');
  return {
    kind: 'desktop',
    reachesOnlySavedServer: true,
    loadAccount: () => bridge.loadAccount(),
    saveAccount: (settings, password, options) => bridge.saveAccount(settings, password, options),
    publishCall: (snapshot, details) => bridge.publishCall(snapshot, details),
    publishRegistration: (snapshot) => bridge.publishRegistration(snapshot),
    publishMissedCalls: (count) => bridge.publishMissedCalls(count),
    onCommand: (listener) => bridge.onCommand(listener),
    loadPreferences: () => bridge.loadPreferences(),
    savePreferences: (preferences) => bridge.savePreferences(preferences),
    onPreferencesChanged: (listener) => bridge.onPreferencesChanged(listener),
    shortcutStatus: () => bridge.shortcutStatus(),
    // The demo (scripts/demo/) gives the desktop app a profile of its own with the account saved.
    suggestedAccount: async () => null,
  };
}
