import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Unit tests live beside the code they test; end-to-end tests (e2e/) run under Playwright.
export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'build/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
  },
});
