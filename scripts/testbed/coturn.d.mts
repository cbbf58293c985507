// Types of coturn.mjs, for the TypeScript modules (e2e, bench) that import it.
export interface CoturnOptions {
  /** Folder for the pid file and log; created when missing. */
  runDir: string;
  /** UDP/TCP listening port; a free one when absent. */
  port?: number;
  /** Relay port range (defaults 49160-49200). */
  minPort?: number;
  maxPort?: number;
  user?: string;
  password?: string;
  realm?: string;
}

export interface CoturnHandle {
  host: string;
  port: number;
  user: string;
  password: string;
  /** `stun:127.0.0.1:PORT` */
  stunUrl: string;
  /** `turn:127.0.0.1:PORT?transport=udp` */
  turnUrl: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
}

export type UnreachableStun = { url: string; host: string; port: number; remove(): Promise<void> } | { url: null; reason: string };

export declare function freeUdpPort(): Promise<number>;
export declare function stunAnswers(host: string, port: number, timeoutMs?: number): Promise<boolean>;
export declare function startCoturn(opts: CoturnOptions): Promise<CoturnHandle>;
export declare function onlyLoopback(): Promise<boolean>;
export declare function unreachableStun(port?: number): Promise<UnreachableStun>;
