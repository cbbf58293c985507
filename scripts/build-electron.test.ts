import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as electronFake from '../electron/test-support/electron-fake';
import { buildElectron } from './build-electron.mjs';

let outdir: string;
let bundles: Awaited<ReturnType<typeof buildElectron>>;

function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((match) => match[1] ?? ''))].sort();
}

beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'build-electron-'));
  bundles = await buildElectron({ outdir, logLevel: 'silent' });
}, 30_000);

afterAll(async () => {
  await rm(outdir, { recursive: true, force: true });
});

describe('electron bundles', () => {
  it('leaves the preload needing nothing a sandboxed preload cannot require', async () => {
    const modules = requiredModules(await readFile(bundles.preload, 'utf8'));
    expect(modules.every((name) => ['electron', 'events', 'timers', 'url'].includes(name))).toBe(true);
  });

  it("runs the preload as Electron's sandbox would, exposing window.softphone", async () => {
    electronFake.resetElectronFake();
    const sandboxModules: Record<string, unknown> = { electron: electronFake };
    const code = await readFile(bundles.preload, 'utf8');
    const module = { exports: {} };
    const sandboxRequire = (name: string) => {
      if (!(name in sandboxModules)) throw new Error(`a sandboxed preload cannot require ${name}`);
      return sandboxModules[name];
    };
    new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
    expect(Object.keys(electronFake.contextBridge.mainWorld)).toEqual(['softphone']);
  });

  it('leaves the main process needing only electron and Node built-ins', async () => {
    const modules = requiredModules(await readFile(bundles.main, 'utf8'));
    const builtins = new Set(builtinModules);
    expect(modules.filter((name) => name !== 'electron' && !builtins.has(name.replace(/^node:/, '')))).toEqual([]);
    expect(modules).toContain('electron');
  });

  it('builds the incoming-call popup page as a self-contained browser script beside its HTML, and copies the tray icons', async () => {
    const page = await readFile(bundles.popupPage, 'utf8');
    expect(requiredModules(page)).toEqual([]);
    expect(page).toContain('incomingCall');
    const html = await readFile(path.join(path.dirname(bundles.popupPage), 'index.html'), 'utf8');
    expect(html).toContain('<script src="page.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<)/);
    await expect(readFile(path.join(bundles.trayIcons, 'ringing.png'))).resolves.toBeInstanceOf(Buffer);
  });

  it('builds the screen-share picker page the same way, beside its HTML', async () => {
    const page = await readFile(bundles.pickerPage, 'utf8');
    expect(requiredModules(page)).toEqual([]);
    expect(page).toContain('screenSharePicker');
    // Only types come from the IPC contract: zod and the schemas stay out of the page.
    expect(page).not.toContain('safeParse');
    const html = await readFile(path.join(path.dirname(bundles.pickerPage), 'index.html'), 'utf8');
    expect(html).toContain('<script src="page.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<)/);
  });
});
