import { startStaticServer } from '../../scripts/serve-web.mjs';

export interface StaticServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  close(): Promise<void>;
}

/** Serves a built folder on 127.0.0.1 with the app's Content-Security-Policy (port 0: any free port). */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const server = await startStaticServer(root, { port });
  return { url: server.url, close: server.close };
}
