// Draws the tray icons, one per phone state, and writes them to build/icons/tray/ as
// `<state>.png` (16 px) and `<state>@2x.png` (32 px, which Electron picks on HiDPI screens):
// `node build/icons/make-tray-icons.mjs`. The PNGs are committed; scripts/build-electron.mjs
// copies them next to the main bundle. The disc colour tells the state at a glance, and the
// glyph tells it apart without colour (handset, crossed-out handset, a bar for do-not-disturb).

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { handset, renderDiscIcon } from './make-icons.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TRAY_ICON_DIRECTORY = path.join(here, 'tray');

/** State name (as electron/tray-model.ts spells it) -> disc colour and glyph. */
export const TRAY_ICON_STYLES = {
  offline: { colour: [0x8a, 0x8f, 0x98], glyph: 'crossed-handset' },
  registered: { colour: [0x1e, 0x9e, 0x5a], glyph: 'handset' },
  ringing: { colour: [0xf0, 0x9a, 0x1a], glyph: 'handset' },
  'in-call': { colour: [0x2f, 0x6f, 0xdb], glyph: 'handset' },
  'do-not-disturb': { colour: [0xd0, 0x34, 0x2c], glyph: 'bar' },
};

const bar = (x, y) => Math.max(Math.abs(x) - 0.55, Math.abs(y) - 0.16);
const slash = (x, y) => Math.max(Math.abs(x - y) / Math.SQRT2 - 0.09, Math.hypot(x, y) - 0.8);

function glyphDistance(glyph, x, y) {
  if (glyph === 'bar') return bar(x, y);
  if (glyph === 'crossed-handset') return Math.min(handset(x, y), slash(x, y));
  return handset(x, y);
}

export function renderTrayIcon(state, size) {
  const { colour, glyph } = TRAY_ICON_STYLES[state];
  return renderDiscIcon(size, colour, (x, y) => glyphDistance(glyph, x, y));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(TRAY_ICON_DIRECTORY, { recursive: true });
  for (const state of Object.keys(TRAY_ICON_STYLES)) {
    for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
      const file = path.join(TRAY_ICON_DIRECTORY, `${state}${suffix}.png`);
      writeFileSync(file, renderTrayIcon(state, size));
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
}
