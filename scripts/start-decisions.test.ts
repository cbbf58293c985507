import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseStart,
  electronCommand,
  electronExitMessage,
  installerFailure,
  nodeIsSupported,
  sandboxAdvice,
  spawnFailureMessage,
  SUPPORTED_NODE,
  unsupportedNodeMessage,
  webFallbackMessage,
} from './start-decisions.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(__dirname, '..');

describe('which Node runs npm start', () => {
  it.each([
    ['v20.0.0', false],
    ['v20.18.3', false],
    ['v20.19.0', true],
    ['v21.7.3', false],
    ['v22.11.0', false],
    ['v22.12.0', true],
    ['v23.0.0', true],
    ['v24.4.1', true],
  ])('%s: %s', (version, supported) => {
    expect(nodeIsSupported(version)).toBe(supported);
    expect(unsupportedNodeMessage(version) === null).toBe(supported);
  });

  it('says the real minimum, and package.json engines says the same', () => {
    expect(unsupportedNodeMessage('v20.18.0')).toContain(`Node v20.18.0 cannot run this project: it needs Node ${SUPPORTED_NODE}`);
    expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node).toBe(SUPPORTED_NODE);
  });

  it('runs this machine’s Node', () => {
    expect(nodeIsSupported(process.version)).toBe(true);
  });
});

describe("why Electron's installer left no binary", () => {
  const base = { nodeVersion: 'v20.18.0', timeoutMs: 120_000 };

  it('names the Node version when the installer cannot load @electron/get (what Node ≤ 20.18 does)', () => {
    // --no-experimental-require-module makes this Node refuse require(esm) exactly as 20.0–20.18 do.
    const install = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
    const result = spawnSync(process.execPath, ['--no-experimental-require-module', install], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
    expect(result.status).not.toBe(0);
    expect(installerFailure({ ...result, ...base })).toBe(`Node v20.18.0 cannot run Electron's installer: it needs Node ${SUPPORTED_NODE} (require() of the ES module @electron/get)`);
  });

  it('keeps the installer’s own reason when the download fails', () => {
    const stderr = 'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async FetchDownloader.download (file:///x/FetchDownloader.js:46:30)\n';
    expect(installerFailure({ status: 1, stderr, ...base })).toBe('TypeError: fetch failed (the download server could not be reached: no internet here?)');
  });

  it('says a download that took too long was stopped, and that a spawn failure is one', () => {
    expect(installerFailure({ status: null, signal: 'SIGTERM', error: Object.assign(new Error('spawnSync node ETIMEDOUT'), { code: 'ETIMEDOUT' }), ...base })).toBe('the download did not finish within 120 s');
    expect(installerFailure({ status: null, error: Object.assign(new Error('spawn EPERM'), { code: 'EPERM' }), ...base })).toBe('the installer could not be run: spawn EPERM');
    expect(installerFailure({ status: 0, ...base })).toBeNull();
  });

  it('serves the web target only with that reason printed', () => {
    const decision = chooseStart({ binaryPresent: false, installerError: 'TypeError: fetch failed' });
    expect(decision).toEqual({ target: 'web', reason: 'TypeError: fetch failed' });
    expect(webFallbackMessage('TypeError: fetch failed')).toContain('Why: TypeError: fetch failed');
    expect(chooseStart({ binaryPresent: true, installerError: null })).toEqual({ target: 'electron' });
  });
});

describe('how Electron is launched', () => {
  it('is this Node running electron/cli.js, never a .cmd and never through a shell (Windows spawn EINVAL)', () => {
    const windows = electronCommand({ execPath: 'C:\\Program Files\\nodejs\\node.exe', cliPath: 'C:\\app\\node_modules\\electron\\cli.js', appDir: '.' });
    expect(windows).toEqual({ command: 'C:\\Program Files\\nodejs\\node.exe', args: ['C:\\app\\node_modules\\electron\\cli.js', '.'], shell: false });
    expect(windows.command).not.toMatch(/\.cmd$/i);
  });

  it('gives a command that really starts a script here, arguments intact', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'start-decisions-'));
    try {
      const cli = path.join(dir, 'cli.js');
      writeFileSync(cli, 'console.log(JSON.stringify(process.argv.slice(2)))');
      const { command, args, shell } = electronCommand({ execPath: process.execPath, cliPath: cli, appDir: '.', args: ['sip:1002@pbx; echo hi'] });
      const result = spawnSync(command, args, { shell, encoding: 'utf8' });
      expect(JSON.parse(result.stdout)).toEqual(['.', 'sip:1002@pbx; echo hi']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what failed when a process cannot be started, and how Electron ended', () => {
    expect(spawnFailureMessage('Electron', Object.assign(new Error('spawn EINVAL'), { code: 'EINVAL' }), 'electron.cmd')).toBe('Could not start Electron (electron.cmd): EINVAL: spawn EINVAL');
    expect(electronExitMessage({ code: 0, signal: null, sandboxAdvice: null })).toBeNull();
    expect(electronExitMessage({ code: null, signal: 'SIGTRAP', sandboxAdvice: 'fix the sandbox' })).toBe('Electron was killed by SIGTRAP.\nfix the sandbox');
  });
});

describe('the Linux sandbox on Ubuntu 24.04+', () => {
  const system = { platform: 'linux', usernsRestricted: true, electronBinary: '/app/node_modules/electron/dist/electron' };
  const helper = (uid: number, mode: number) => ({ path: '/app/node_modules/electron/dist/chrome-sandbox', uid, mode });

  it('explains the fix when user namespaces are restricted and the helper is not setuid root, and never offers --no-sandbox', () => {
    const advice = sandboxAdvice({ ...system, helper: helper(1000, 0o100755) });
    expect(advice).toContain('sudo chown root:root /app/node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 /app/node_modules/electron/dist/chrome-sandbox');
    expect(advice).toContain('AppArmor profile for /app/node_modules/electron/dist/electron');
    expect(advice).toContain('never started with --no-sandbox');
  });

  it('says nothing where the sandbox works', () => {
    expect(sandboxAdvice({ ...system, helper: helper(0, 0o104755) })).toBeNull();
    expect(sandboxAdvice({ ...system, usernsRestricted: false, helper: null })).toBeNull();
    expect(sandboxAdvice({ ...system, platform: 'darwin', helper: null })).toBeNull();
  });
});

describe('start.mjs', () => {
  it('asks the decisions above and never passes --no-sandbox', () => {
    const source = readFileSync(path.join(__dirname, 'start.mjs'), 'utf8');
    expect(source).toContain("from './start-decisions.mjs'");
    expect(source).not.toMatch(/['"]--no-sandbox['"]/);
    // The installer's stderr is kept, not thrown away.
    expect(source).toContain("stdio: ['ignore', 'ignore', 'pipe']");
  });
});
