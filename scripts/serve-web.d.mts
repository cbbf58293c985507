// Types of serve-web.mjs, for the TypeScript modules (e2e, bench, tests) that import it.
export declare const CONTENT_SECURITY_POLICY: string;
export declare function mimeTypeOf(file: string): string;
export declare function resolveInsideRoot(root: string, requestTarget: string): string | null;
export declare function startStaticServer(
  root: string,
  options?: { port?: number; host?: string },
): Promise<{ url: string; port: number; close(): Promise<void> }>;
export declare function commandName(lifecycleEvent: string | undefined): string;
export declare function listenFailureMessage(error: unknown, port: number, command: string): string | null;
