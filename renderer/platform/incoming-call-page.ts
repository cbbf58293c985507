// Entry of the incoming-call popup page, bundled by scripts/build-electron.mjs to
// dist/electron/incoming-call/page.js. The popup's preload exposes `window.incomingCall`.

import type { IncomingCallBridge } from '../../shared/ipc-contract';
import { mountIncomingCallView } from './incoming-call-view';

declare global {
  interface Window {
    readonly incomingCall?: IncomingCallBridge;
  }
}

if (window.incomingCall) mountIncomingCallView(document, window.incomingCall);
