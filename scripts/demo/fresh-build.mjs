// Builds what the demo serves or runs only when it is missing or older than its sources, so a
// second `npm run demo` (or one right after `npm run setup`) starts in seconds.
import { spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { npmCommand } from '../npm-command.mjs';

/**
 * The newest modification time among `paths` (files, or folders searched recursively); 0 when
 * none exists. node_modules folders are skipped.
 * @param {readonly string[]} paths
 * @returns {Promise<number>}
 */
export async function newestModification(paths) {
  let newest = 0;
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      continue;
    }
    if (!info.isDirectory()) {
      newest = Math.max(newest, info.mtimeMs);
      continue;
    }
    for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const folder = entry.parentPath ?? entry.path;
      if (folder.split(/[\\/]/).includes('node_modules')) continue;
      newest = Math.max(newest, (await stat(join(folder, entry.name))).mtimeMs);
    }
  }
  return newest;
}

/**
 * Whether `output` is missing or older than any of `sources`.
 * @param {string} output
 * @param {readonly string[]} sources
 */
export async function isStale(output, sources) {
  let built;
  try {
    built = (await stat(output)).mtimeMs;
  } catch {
    return true;
  }
  return (await newestModification(sources)) > built;
}

/**
 * Runs `npm run <script>` in `root` (npm through npm_execpath when npm started us, so no shell
 * is needed); false when it failed.
 * @param {string} root
 * @param {string} script
 */
export function runNpmScript(root, script) {
  const { command, args, shell } = npmCommand(['run', '--silent', script], { execPath: process.execPath, env: process.env, platform: process.platform });
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell });
  return result.status === 0;
}
