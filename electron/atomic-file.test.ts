import { link, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileIfExists, removeStaleTemporaryFiles, temporaryFilePrefix, writeFileAtomic } from './atomic-file';

let directory: string;
let file: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'atomic-file-'));
  file = path.join(directory, 'settings.json');
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file behind', async () => {
    await writeFileAtomic(file, 'one');
    await writeFileAtomic(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(await readdir(directory)).toEqual(['settings.json']);
  });

  it('keeps the previous version as .bak when asked', async () => {
    await writeFileAtomic(file, 'one', { backup: true });
    await writeFileAtomic(file, 'two', { backup: true });
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('one');
  });

  it('replaces .bak by a rename, never by rewriting the old backup in place', async () => {
    // A truncating copy rewrites the backup's own inode, so a crash mid-copy leaves it empty;
    // a link to the old backup shows whether its content was ever touched.
    await writeFileAtomic(file, 'one', { backup: true });
    await writeFileAtomic(file, 'two', { backup: true });
    await link(`${file}.bak`, path.join(directory, 'old-backup'));
    await writeFileAtomic(file, 'three', { backup: true });
    expect(await readFile(`${file}.bak`, 'utf8')).toBe('two');
    expect(await readFile(path.join(directory, 'old-backup'), 'utf8')).toBe('one');
  });

  it('gives the backup the mode of the new file', async () => {
    await writeFileAtomic(file, 'one', { mode: 0o600 });
    await writeFileAtomic(file, 'two', { backup: true, mode: 0o600 });
    if (process.platform !== 'win32') expect((await stat(`${file}.bak`)).mode & 0o777).toBe(0o600);
  });

  it('creates files readable by their owner only', async () => {
    await writeFileAtomic(file, 'secret', { mode: 0o600 });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('creates the folder on first use', async () => {
    const nested = path.join(directory, 'a', 'b', 'settings.json');
    await writeFileAtomic(nested, 'x');
    expect(await readFileIfExists(nested)).toBe('x');
  });
});

describe('leftovers of a crashed write', () => {
  it('are removed without touching the real file', async () => {
    await writeFileAtomic(file, 'good');
    await writeFile(path.join(directory, `${temporaryFilePrefix(file)}abc123`), 'half-writ');
    await removeStaleTemporaryFiles(file);
    expect(await readdir(directory)).toEqual(['settings.json']);
    expect(await readFile(file, 'utf8')).toBe('good');
  });

  it('include those of a crashed backup', async () => {
    await writeFileAtomic(file, 'good');
    await writeFile(path.join(directory, `${temporaryFilePrefix(`${file}.bak`)}abc123`), '');
    await removeStaleTemporaryFiles(file);
    expect(await readdir(directory)).toEqual(['settings.json']);
  });
});

describe('readFileIfExists', () => {
  it('returns null for a missing file', async () => {
    await expect(readFileIfExists(path.join(directory, 'nope.json'))).resolves.toBeNull();
  });
});
