import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { npmCommand } from './npm-command.mjs';

describe('npmCommand', () => {
  it("runs npm's own CLI with this Node when npm started the script (every OS, no shell)", () => {
    const host = { execPath: 'C:\\node\\node.exe', env: { npm_execpath: 'C:\\node\\node_modules\\npm\\bin\\npm-cli.js' }, platform: 'win32' };
    expect(npmCommand(['run', 'build'], host)).toEqual({ command: 'C:\\node\\node.exe', args: ['C:\\node\\node_modules\\npm\\bin\\npm-cli.js', 'run', 'build'], shell: false });
  });

  it('falls back to npm.cmd through a shell on Windows, plain npm elsewhere', () => {
    expect(npmCommand(['run', 'build'], { execPath: 'node', env: {}, platform: 'win32' })).toEqual({ command: 'npm.cmd', args: ['run', 'build'], shell: true });
    expect(npmCommand(['run', 'build'], { execPath: 'node', env: {}, platform: 'linux' })).toEqual({ command: 'npm', args: ['run', 'build'], shell: false });
  });

  it('gives a command that really runs npm here', () => {
    const { command, args, shell } = npmCommand(['--version'], { execPath: process.execPath, env: process.env, platform: process.platform });
    const result = spawnSync(command, args, { shell, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
