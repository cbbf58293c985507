import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { storedAccountSettingsSchema } from '../../shared/ipc-contract';
import { demoAccount } from './demo-page.mjs';
import { desktopSettingsFile, findElectron } from './desktop.mjs';

const ACCOUNT = demoAccount({ wsUrl: 'ws://127.0.0.1:41234', domain: '127.0.0.1', user: '1000', password: 'abcd-efgh-jkmn', displayName: 'Demo user' });

describe('the desktop demo profile', () => {
  test('holds the account as the app stores it: version 1, no password', () => {
    const file = desktopSettingsFile(ACCOUNT);
    expect(file.version).toBe(1);
    expect(JSON.stringify(file)).not.toContain(ACCOUNT.password);
    expect(storedAccountSettingsSchema.parse(file.account)).toEqual({ ...ACCOUNT, password: '' });
  });
});

describe('findElectron', () => {
  let root = '';
  afterEach(() => rm(root, { recursive: true, force: true }));

  test('none without the binary npm would download (as here), whatever the package says', async () => {
    root = await mkdtemp(join(tmpdir(), 'demo-electron-test-'));
    await mkdir(join(root, 'node_modules', 'electron'), { recursive: true });
    expect(findElectron(root, {})).toBeNull();
    await writeFile(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(findElectron(root, {})).toBeNull();
  });

  test('the downloaded binary, or the one ELECTRON_OVERRIDE_DIST_PATH points at', async () => {
    root = await mkdtemp(join(tmpdir(), 'demo-electron-test-'));
    const pkg = join(root, 'node_modules', 'electron');
    await mkdir(join(pkg, 'dist'), { recursive: true });
    await writeFile(join(pkg, 'path.txt'), 'electron');
    await writeFile(join(pkg, 'dist', 'electron'), '');
    expect(findElectron(root, {})).toBe(join(pkg, 'dist', 'electron'));
    const other = join(root, 'unpacked');
    await mkdir(other);
    await writeFile(join(other, 'electron'), '');
    expect(findElectron(root, { ELECTRON_OVERRIDE_DIST_PATH: other })).toBe(join(other, 'electron'));
  });
});
