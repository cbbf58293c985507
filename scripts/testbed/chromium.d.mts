// Types of chromium.mjs, for the TypeScript modules (e2e, bench, tests) that import it.
import type { Browser } from '@playwright/test';

export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare const FAKE_MEDIA_ARGS: readonly string[];
export declare function launchChromium(opts?: {
  headless?: boolean;
  args?: readonly string[];
  handleSignals?: boolean;
  audible?: boolean;
  browserAutoplayRule?: boolean;
}): Promise<Browser>;
