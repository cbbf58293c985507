import { describe, expect, it } from 'vitest';
import { SCREEN_SHARE_PICKER_VIEW_SWITCH } from './preload-roles';
import { screenSharePickerOptions } from './screen-share-picker';

describe('screen-share picker window', () => {
  it('is modal over its parent and sandboxed, isolated and Node-free like every window of ours', () => {
    const parent = { id: 'main window' };
    const options = screenSharePickerOptions('/app/preload.cjs', parent);
    expect(options).toMatchObject({ parent, modal: true, show: false, skipTaskbar: true });
    // It must take keyboard focus: the choices are walked with the arrow keys.
    expect(options.focusable).not.toBe(false);
    expect(options.webPreferences).toEqual(
      expect.objectContaining({
        preload: '/app/preload.cjs',
        additionalArguments: [SCREEN_SHARE_PICKER_VIEW_SWITCH],
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
      }),
    );
  });

  it('is a plain window when there is no main window to sit on', () => {
    const options = screenSharePickerOptions('/app/preload.cjs', null);
    expect('parent' in options).toBe(false);
    expect('modal' in options).toBe(false);
  });
});
