import { defineConfig } from '@playwright/test';

// Browsers are launched by the tests themselves (e2e/support/browser.ts) from Debian's
// Chromium, so no `use.browserName` here and no `npx playwright install`.
export default defineConfig({
  // Two cores, and each test drives two browsers plus the shared Kamailio.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  reporter: [['list'], ['./e2e/support/skip-reasons-reporter.ts']],
  forbidOnly: !!process.env.CI,
  globalSetup: './e2e/support/global-setup.ts',
  projects: [
    {
      name: 'web',
      testDir: './e2e',
      testMatch: '**/*.spec.ts',
      testIgnore: ['electron/**', 'soak/**', 'screenshots/**'],
    },
    {
      // Hundreds of calls in one page pair, then DOM nodes, listeners, heap, live tracks and
      // peer connections against a baseline (e2e/soak/). `--project=soak` runs it alone.
      name: 'soak',
      testDir: './e2e/soak',
      testMatch: '**/*.soak.spec.ts',
    },
    // The README's pictures (e2e/screenshots/): only when asked for, with `npm run screenshots`,
    // so an ordinary run never rewrites the committed PNGs.
    ...(process.env.SOFTPHONE_SCREENSHOTS === '1'
      ? [{ name: 'screenshots', testDir: './e2e/screenshots', testMatch: '**/*.spec.ts' }]
      : []),
    {
      // Drives the packaged Electron app; it needs an Electron binary and a display.
      name: 'electron',
      testDir: './e2e/electron',
      testMatch: '**/*.spec.ts',
    },
  ],
});
