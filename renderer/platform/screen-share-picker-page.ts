// Entry of the screen-share picker page, bundled by scripts/build-electron.mjs to
// dist/electron/screen-share-picker/page.js. The picker's preload exposes `window.screenSharePicker`.

import type { ScreenSharePickerBridge } from '../../shared/ipc-contract';
import { mountScreenSharePickerView } from './screen-share-picker-view';

declare global {
  interface Window {
    readonly screenSharePicker?: ScreenSharePickerBridge;
  }
}

if (window.screenSharePicker) mountScreenSharePickerView(document, window.screenSharePicker);
