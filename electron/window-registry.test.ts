import { beforeEach, describe, expect, it } from 'vitest';
import { serveBlankAppPages } from './test-support/app-pages';
import { app, BrowserWindow, FakeWebContents, resetElectronFake } from './test-support/electron-fake';
import { createWindowRegistry } from './window-registry';

beforeEach(() => {
  resetElectronFake();
  app.emitReady();
  serveBlankAppPages();
});

describe('window registry', () => {
  it('recognises the web contents of registered windows until they close', () => {
    const registry = createWindowRegistry<BrowserWindow>();
    const ours = registry.add(new BrowserWindow());
    const other = new BrowserWindow();
    expect(registry.has(ours.webContents)).toBe(true);
    expect(registry.has(other.webContents)).toBe(false);
    expect(registry.has(new FakeWebContents())).toBe(false);
    ours.close();
    expect(registry.has(ours.webContents)).toBe(false);
    expect(registry.all()).toEqual([]);
  });
});
