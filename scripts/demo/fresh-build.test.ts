import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { isStale } from './fresh-build.mjs';

describe('isStale', () => {
  let root = '';
  const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'demo-fresh-build-test-'));
    await mkdir(join(root, 'src', 'deep', 'node_modules'), { recursive: true });
    await mkdir(join(root, 'out'));
    await writeFile(join(root, 'src', 'deep', 'a.ts'), '');
    await writeFile(join(root, 'src', 'deep', 'node_modules', 'dependency.js'), '');
    await writeFile(join(root, 'config.ts'), '');
    await writeFile(join(root, 'out', 'index.html'), '');
    for (const file of ['src/deep/a.ts', 'src/deep/node_modules/dependency.js', 'config.ts']) await utimes(join(root, file), at(0), at(0));
    await utimes(join(root, 'out', 'index.html'), at(10), at(10));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const sources = () => [join(root, 'src'), join(root, 'config.ts'), join(root, 'missing.ts')];

  test('a build newer than every source is fresh (missing sources are ignored)', async () => {
    expect(await isStale(join(root, 'out', 'index.html'), sources())).toBe(false);
  });

  test('a source edited after the build, however deep, makes it stale', async () => {
    await utimes(join(root, 'src', 'deep', 'a.ts'), at(20), at(20));
    expect(await isStale(join(root, 'out', 'index.html'), sources())).toBe(true);
  });

  test('node_modules inside a source folder are not sources', async () => {
    await utimes(join(root, 'src', 'deep', 'node_modules', 'dependency.js'), at(20), at(20));
    expect(await isStale(join(root, 'out', 'index.html'), sources())).toBe(false);
  });

  test('no build at all is stale', async () => {
    expect(await isStale(join(root, 'out', 'missing.html'), sources())).toBe(true);
  });
});
