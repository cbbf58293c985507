// Bundles the Electron main process and preload into dist/electron/. Each becomes one
// CommonJS file: the main process because package.json says "type": "module" while Electron's
// entry is simplest as CJS (hence .cjs), the preload because a sandboxed preload can only
// require 'electron', 'events', 'timers' and 'url', so everything else must be inlined.
// The renderer is built separately by Vite into dist/web, which the main process serves.

import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes main.cjs and preload.cjs (with source maps unless `production`) into `outdir`. */
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
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outdir, 'main.cjs') }),
    build({ ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outdir, 'preload.cjs') }),
  ]);
  return { main: path.join(outdir, 'main.cjs'), preload: path.join(outdir, 'preload.cjs') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildElectron({ production: process.env.NODE_ENV === 'production' });
}
