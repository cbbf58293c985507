import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { sipjsParserTables } from './scripts/sipjs-parser-tables.mjs';

// The renderer is served from a custom protocol in Electron and from a static server on the web,
// both with `script-src 'self'`: relative asset URLs (base './') work under either origin, and the
// build must not emit inline scripts, which that policy would block.
export default defineConfig(({ mode }) => ({
  root: 'renderer',
  base: './',
  plugins: [vue(), sipjsParserTables()],
  build: {
    // The e2e build carries a test hook (see renderer/main.ts), so it never shares a folder with
    // the build that ships. SOFTPHONE_E2E_DIST moves it (e2e/support/global-setup.ts reads the
    // same variable), so two checkouts or two people can build and run the suite side by side.
    outDir: mode === 'e2e' ? (process.env.SOFTPHONE_E2E_DIST ?? '../dist/e2e') : '../dist/web',
    emptyOutDir: true,
    // Electron's Chromium and current browsers support modulepreload natively; the polyfill
    // would only add code to the entry.
    modulePreload: { polyfill: false },
    // Every asset stays a file: data: URLs would need a wider CSP than `default-src 'self'`.
    assetsInlineLimit: 0,
  },
}));
