import { describe, expect, it } from 'vitest';
import { MACOS_SCREEN_RECORDING_SETTINGS, screenShareFailureMessage, showScreenShareFailure } from './screen-share-failure';

describe('screen-share failure message', () => {
  it('sends macOS users to the Screen Recording settings', async () => {
    const opened: string[] = [];
    const shown: unknown[] = [];
    await showScreenShareFailure(
      {
        dialog: { showMessageBox: (_window, options) => (shown.push(options), Promise.resolve({ response: 0 })) },
        shell: { openExternal: (url) => (opened.push(url), Promise.resolve()) },
        window: () => 'main window',
        platform: 'darwin',
      },
      'screen-permission',
    );
    expect(shown).toHaveLength(1);
    expect(opened).toEqual([MACOS_SCREEN_RECORDING_SETTINGS]);
  });

  it('opens nothing when the user closes the box, or on other systems', () => {
    expect(screenShareFailureMessage('no-sources', 'linux').buttons).toEqual(['Close']);
    expect(screenShareFailureMessage('error', 'linux').detail).toMatch(/xdg-desktop-portal/);
  });
});
