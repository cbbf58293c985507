import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PAGE_DIR = fileURLToPath(new URL('../jssip-page/', import.meta.url));

export interface JsSipPageBuild {
  /** Folder holding index.html and jssip-agent.js, ready for serveStatic(). */
  dir: string;
  remove(): Promise<void>;
}

/**
 * Bundles the JsSIP test page (e2e/jssip-page) into a fresh temporary folder: the e2e run builds
 * it itself, so a fresh clone needs no extra step. One IIFE file, since the static server's CSP
 * allows scripts from 'self' only.
 */
export async function buildJsSipPage(): Promise<JsSipPageBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'softphone-jssip-page-'));
  try {
    await build({
      entryPoints: [join(PAGE_DIR, 'jssip-agent.ts')],
      outfile: join(dir, 'jssip-agent.js'),
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      logLevel: 'warning',
    });
    await copyFile(join(PAGE_DIR, 'index.html'), join(dir, 'index.html'));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
