// What the user is told when screen sharing cannot start for a reason they can fix. The page
// only sees that getDisplayMedia() failed, exactly as after a Cancel (display-media-handler.ts),
// so the explanation comes from here, as a message box over the main window.

import type { MessageBoxOptions } from 'electron';
import type { DisplayMediaFailure } from './display-media-handler';

/** Where macOS lists the apps allowed to record the screen. */
export const MACOS_SCREEN_RECORDING_SETTINGS = 'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture';

export function screenShareFailureMessage(failure: DisplayMediaFailure, platform: NodeJS.Platform): MessageBoxOptions {
  const base = { type: 'warning' as const, title: 'Screen sharing', message: 'Screen sharing did not start.' };
  if (failure === 'screen-permission' || (platform === 'darwin' && failure !== 'no-sources')) {
    return {
      ...base,
      detail: 'Softphone is not allowed to record the screen. Allow it in System Settings › Privacy & Security › Screen & System Audio Recording, then quit and reopen Softphone.',
      buttons: ['Open System Settings', 'Close'],
      defaultId: 0,
      cancelId: 1,
    };
  }
  return {
    ...base,
    detail:
      failure === 'no-sources'
        ? 'The system offered no screen or window to share.'
        : 'The screens and windows could not be listed. On Wayland, make sure xdg-desktop-portal and PipeWire are running.',
    buttons: ['Close'],
  };
}

export interface ScreenShareFailurePorts<W> {
  dialog: { showMessageBox(window: W, options: MessageBoxOptions): Promise<{ response: number }> };
  shell: { openExternal(url: string): Promise<void> };
  window: () => W | null;
  platform: NodeJS.Platform;
}

export async function showScreenShareFailure<W>(ports: ScreenShareFailurePorts<W>, failure: DisplayMediaFailure): Promise<void> {
  const window = ports.window();
  if (!window) return;
  const options = screenShareFailureMessage(failure, ports.platform);
  const { response } = await ports.dialog.showMessageBox(window, options);
  if (options.buttons?.[response] === 'Open System Settings') await ports.shell.openExternal(MACOS_SCREEN_RECORDING_SETTINGS);
}
