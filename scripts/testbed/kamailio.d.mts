// Types of kamailio.mjs, for the TypeScript modules (e2e, bench, tests) that import it.
export interface KamailioOptions {
  sipPort: number;
  wsPort: number;
  /** Folder for the config, pid file, control socket and log; created when missing. */
  runDir: string;
  /** Digest auth for REGISTER (401) and for new requests from WebSocket phones (407). */
  auth?: boolean;
  /** Password accepted for every user when auth is on. */
  password?: string;
  /** UDP port of a SIPp registrar that takes the REGISTERs of users named `reg503…`; 0 (default): none. */
  registrarUasPort?: number;
}

export interface KamailioHandle {
  wsUrl: string;
  sipPort: number;
  domain: string;
  logFile: string;
  pid: number;
  stop(): Promise<void>;
  /** `kamcmd ul.dump`: the registered contacts, as Kamailio prints them. */
  contacts(): Promise<string>;
}

/** The program's path: on PATH, else in /usr/sbin or /usr/local/sbin; the bare name when nowhere. */
export declare function sbinProgram(name: 'kamailio' | 'kamcmd'): string;
export declare function freePort(): Promise<number>;
export declare function renderKamailioConfig(
  template: string,
  opts: { runDir: string; sipPort: number; wsPort: number; password: string; registrarUasPort?: number },
): string;
export declare function startKamailio(opts: KamailioOptions): Promise<KamailioHandle>;
export declare function isAlive(pid: number): boolean;
export declare function logTail(logFile: string, lines?: number): Promise<string>;
