// The type of `window.softphone`, the object the Electron preload exposes. It is the
// contract's SoftphoneBridge, the same type the preload is built against, so the page and
// the preload cannot drift apart. Absent in an ordinary browser tab.

import type { SoftphoneBridge } from '../../shared/ipc-contract';

export type { SoftphoneBridge };

declare global {
  interface Window {
    readonly softphone?: SoftphoneBridge;
  }
}
