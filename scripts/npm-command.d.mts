// Types of npm-command.mjs, for its tests.
export declare function npmCommand(
  args: string[],
  host: { execPath: string; env: Record<string, string | undefined>; platform: string },
): { command: string; args: string[]; shell: boolean };
