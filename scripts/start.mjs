// `npm start`: build, then run the desktop app. Electron downloads its binary on first run;
// where that is impossible (no internet, as on our CI machines) the same renderer is served as
// the web target instead, and we say so rather than fail with a download stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { npmCommand } from './npm-command.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function runNpm(args) {
  const { command, args: commandArgs, shell } = npmCommand(args, { execPath: process.execPath, env: process.env, platform: process.platform });
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function electronBinary() {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  if (existsSync(pathFile) && existsSync(join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim()))) return true;
  // Electron 45 fetches its binary lazily; try once, quietly, with a bounded wait.
  const fetch = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, stdio: 'ignore', timeout: 120_000 });
  return fetch.status === 0 && existsSync(pathFile);
}

runNpm(['run', '--silent', 'build']);

if (electronBinary()) {
  const electron = spawn(process.execPath, [require.resolve('electron/cli.js'), '.'], { cwd: root, stdio: 'inherit' });
  electron.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.warn(
    '\nThe Electron binary is not available on this machine (it could not be downloaded).\n' +
      'Starting the web target instead: the same phone, in your browser.\n' +
      'Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to run the desktop app.\n',
  );
  const web = spawn(process.execPath, [join(root, 'scripts/serve-web.mjs')], { cwd: root, stdio: 'inherit' });
  web.on('exit', (code) => process.exit(code ?? 0));
}
