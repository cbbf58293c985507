// Where the tray PNGs are at run time: scripts/build-electron.mjs copies build/icons/tray/
// next to the main bundle (dist/electron/tray/), which is inside app.asar once packaged.

import path from 'node:path';
import type { TrayIcon } from './tray-model';

export function trayIconPath(directory: string, icon: TrayIcon): string {
  return path.join(directory, `${icon}.png`);
}
