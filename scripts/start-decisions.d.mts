// Types of start-decisions.mjs, for its tests.
export declare const SUPPORTED_NODE: string;
export declare function parseNodeVersion(version: string): { major: number; minor: number; patch: number } | null;
export declare function nodeIsSupported(version: string): boolean;
export declare function unsupportedNodeMessage(version: string): string | null;
export declare function electronCommand(host: { execPath: string; cliPath: string; appDir: string; args?: string[] }): { command: string; args: string[]; shell: boolean };
export declare function installerFailure(result: {
  status: number | null;
  signal?: string | null;
  error?: (Error & { code?: string }) | null;
  stderr?: string;
  nodeVersion: string;
  timeoutMs: number;
}): string | null;
export declare function chooseStart(state: { binaryPresent: boolean; installerError: string | null }): { target: 'electron' } | { target: 'web'; reason: string };
export declare function webFallbackMessage(reason: string): string;
export declare function sandboxAdvice(system: {
  platform: string;
  usernsRestricted: boolean;
  helper: { path: string; uid: number; mode: number } | null;
  electronBinary: string;
}): string | null;
export declare function spawnFailureMessage(what: string, error: Error & { code?: string }, command: string): string;
export declare function electronExitMessage(exit: { code: number | null; signal: string | null; sandboxAdvice: string | null }): string | null;
