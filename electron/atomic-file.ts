// Crash-safe file replacement for settings and secrets. The new content goes to a temporary
// file in the same folder, is flushed to disk, and only then renamed over the old file:
// rename is atomic on one file system, so after a crash or power cut the file is either
// entirely old or entirely new, never half written. The `.bak` copy is made the same way
// (a truncating copy over the old backup left it empty when a crash hit mid-copy).

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** Copy the current file to `<file>.bak` first, so one earlier good version survives. */
  backup?: boolean;
  /** File permissions of the new file (and of its backup); secrets use 0o600 so other users cannot read them. */
  mode?: number;
}

/** Prefix of the temporary files; a loader must ignore (and may delete) leftovers. */
export function temporaryFilePrefix(file: string): string {
  return `${path.basename(file)}.tmp-`;
}

async function fsyncDirectory(directory: string): Promise<void> {
  // Makes the rename itself durable. Windows cannot open a directory for syncing; there
  // NTFS journals the rename, so skipping it is safe.
  if (process.platform === 'win32') return;
  const handle = await open(directory, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Temporary file in `file`'s folder, written and flushed, then renamed over `file`. */
async function replaceFile(file: string, content: string | Uint8Array, mode: number): Promise<void> {
  const directory = path.dirname(file);
  const temporary = path.join(directory, `${temporaryFilePrefix(file)}${randomBytes(6).toString('hex')}`);
  const handle = await open(temporary, 'wx', mode);
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await fsyncDirectory(directory);
}

export async function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? 0o600;
  await mkdir(path.dirname(file), { recursive: true });
  if (options.backup) {
    // The current file is always whole (it only ever arrives by rename), so its bytes are a
    // good backup; they replace the old backup atomically, and only then is the file replaced.
    const current = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (current !== null) await replaceFile(`${file}.bak`, current, mode);
  }
  await replaceFile(file, content, mode);
}

/** The file's text, or null when it does not exist. */
export async function readFileIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Deletes `file` if present. */
export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/** Deletes temporary files that a crashed `writeFileAtomic(file)` left behind, its backup's included. */
export async function removeStaleTemporaryFiles(file: string): Promise<void> {
  const prefixes = [temporaryFilePrefix(file), temporaryFilePrefix(`${file}.bak`)];
  let names: string[];
  try {
    names = await readdir(path.dirname(file));
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => prefixes.some((prefix) => name.startsWith(prefix)))
      .map((name) => rm(path.join(path.dirname(file), name), { force: true })),
  );
}
