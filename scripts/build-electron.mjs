// Bundles the Electron main process and preload into dist/electron/. Each becomes one
// CommonJS file: the main process because package.json says "type": "module" while Electron's
// entry is simplest as CJS (hence .cjs), the preload because a sandboxed preload can only
// require 'electron', 'events', 'timers' and 'url', so everything else must be inlined.
// The renderer is built separately by Vite into dist/web, which the main process serves.
// Beside them: the incoming-call popup page (incoming-call/index.html + page.js, a browser
// script), the screen-share picker page (screen-share-picker/, built the same way) and the
// tray icons (tray/*.png), which the main process loads at run time.

import { build } from 'esbuild';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes main.cjs, preload.cjs, incoming-call/, screen-share-picker/ and tray/ (with source maps unless `production`) into `outdir`. */
export async function buildElectron({ outdir = path.join(root, 'dist', 'electron'), production = false, logLevel = 'info' } = {}) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22', // the Node.js inside Electron 45
    external: ['electron'],
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel,
    absWorkingDir: root,
  };
  // A small window's page: one self-contained browser script beside its HTML.
  const pageBuild = (entry, directory) =>
    build({
      ...common,
      entryPoints: [entry],
      outfile: path.join(directory, 'page.js'),
      platform: 'browser',
      format: 'iife',
      target: 'chrome140', // the Chromium inside Electron 45
      external: [],
    });
  const popupDirectory = path.join(outdir, 'incoming-call');
  const pickerDirectory = path.join(outdir, 'screen-share-picker');
  await mkdir(popupDirectory, { recursive: true });
  await mkdir(pickerDirectory, { recursive: true });
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs') }),
    pageBuild('renderer/platform/incoming-call-page.ts', popupDirectory),
    cp(path.join(root, 'renderer', 'platform', 'incoming-call-page.html'), path.join(popupDirectory, 'index.html')),
    pageBuild('renderer/platform/screen-share-picker-page.ts', pickerDirectory),
    cp(path.join(root, 'renderer', 'platform', 'screen-share-picker-page.html'), path.join(pickerDirectory, 'index.html')),
    cp(path.join(root, 'build', 'icons', 'tray'), path.join(outdir, 'tray'), { recursive: true }),
  ]);
  return {
    main: path.join(outdir, 'main.cjs'),
    preload: path.join(outdir, 'preload.cjs'),
    popupPage: path.join(popupDirectory, 'page.js'),
    pickerPage: path.join(pickerDirectory, 'page.js'),
    trayIcons: path.join(outdir, 'tray'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildElectron({ production: process.env.NODE_ENV === 'production' });
}
