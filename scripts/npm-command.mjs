// How a script runs npm again (`npm run build` from `npm start`) on every OS. On Windows `npm`
// is `npm.cmd`, which spawn() without a shell cannot start; npm tells its scripts where its own
// CLI is (npm_execpath), and running that with this Node works everywhere, with no shell.

/**
 * @param {string[]} args npm's arguments, e.g. ['run', 'build']
 * @param {{ execPath: string, env: Record<string, string | undefined>, platform: string }} host
 * @returns {{ command: string, args: string[], shell: boolean }}
 */
export function npmCommand(args, host) {
  const cli = host.env.npm_execpath;
  if (cli && /\.(c|m)?js$/i.test(cli)) return { command: host.execPath, args: [cli, ...args], shell: false };
  // Started without npm (node scripts/start.mjs): the shell finds npm.cmd on Windows.
  return { command: host.platform === 'win32' ? 'npm.cmd' : 'npm', args, shell: host.platform === 'win32' };
}
