import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandName, CONTENT_SECURITY_POLICY, listenFailureMessage, startStaticServer } from './serve-web.mjs';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// http.request sends the path exactly as given, so `..` reaches the server un-normalised,
// as it would from a hand-written client (a browser would clean it up first).
function rawGet(port: number, path: string, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('serve-web static server', () => {
  const SECRET = 'top-secret-outside-the-web-root';
  let sandbox: string;
  let server: Awaited<ReturnType<typeof startStaticServer>>;

  beforeAll(async () => {
    sandbox = await mkdtemp(join(tmpdir(), 'serve-web-test-'));
    const root = join(sandbox, 'web');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(sandbox, 'secret.txt'), SECRET);
    await writeFile(join(root, 'index.html'), '<!doctype html><title>app</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log("app");');
    await writeFile(join(root, 'assets', 'app.css'), 'body{}');
    server = await startStaticServer(root);
  });

  afterAll(async () => {
    await server.close();
    await rm(sandbox, { recursive: true, force: true });
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/index.html%00.js',
  ])('never serves a file outside the root for %s', async (path) => {
    const response = await rawGet(server.port, path);
    expect(response.body).not.toContain(SECRET);
    // Either refused, or normalised by URL parsing into a path inside the root.
    expect([200, 400, 404]).toContain(response.status);
  });

  it('refuses encoded parent segments outright', async () => {
    expect((await rawGet(server.port, '/..%2fsecret.txt')).status).toBe(400);
    expect((await rawGet(server.port, '/..%5csecret.txt')).status).toBe(400);
  });

  it('serves files with their MIME type and the Content-Security-Policy', async () => {
    const script = await rawGet(server.port, '/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.body).toBe('console.log("app");');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(script.headers['x-content-type-options']).toBe('nosniff');
    expect((await rawGet(server.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('forbids forms, plugins, <base> and framing, and connects only to itself, WebSocket and https servers, and plain http on this machine', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((directive) => {
        const [name = '', ...sources] = directive.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    for (const name of ['form-action', 'object-src', 'base-uri', 'frame-ancestors']) expect(directives.get(name)).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws:', 'wss:', 'https:', 'http://127.0.0.1:*', 'http://localhost:*']);
    expect(directives.get('connect-src')).not.toContain('http:');
  });

  it('answers app routes with index.html but missing assets with 404', async () => {
    const route = await rawGet(server.port, '/settings/account');
    expect(route.status).toBe(200);
    expect(route.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(route.body).toContain('<title>app</title>');
    expect((await rawGet(server.port, '/assets/missing.js')).status).toBe(404);
  });

  it('accepts only GET and HEAD', async () => {
    const response = await rawGet(server.port, '/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });
});

/** Runs serve-web.mjs as `npm run web` would; resolves with its exit code and output. */
function runServer(root: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, 'serve-web.mjs'), root], {
      env: { ...process.env, npm_lifecycle_event: 'web', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A server that did start would run for ever: stop it once it said so.
    child.stdout.on('data', () => child.kill());
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('serve-web when it cannot listen', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'serve-web-port-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>x</title>');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('says in one line which port is taken and how to choose another, without a stack trace', async () => {
    const taken = await startStaticServer(root, { port: 0 });
    try {
      const result = await runServer(root, { PORT: String(taken.port) });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([
        `Port ${taken.port} is already in use (another Softphone, or another program). Choose another port: PORT=8081 npm run web`,
      ]);
    } finally {
      await taken.close();
    }
  });

  it('refuses a PORT that is not a port number in one line', async () => {
    const result = await runServer(root, { PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('"eighty" is not a port number: use a whole number from 1 to 65535, e.g. PORT=8081');
  });

  it('names the command the user typed, and leaves other errors alone', () => {
    expect(commandName('start')).toBe('npm start');
    expect(commandName('web')).toBe('npm run web');
    expect(commandName(undefined)).toBe('node scripts/serve-web.mjs');
    expect(listenFailureMessage({ code: 'EACCES' }, 80, 'npm start')).toBe('Port 80 needs administrator rights. Choose a port above 1023: PORT=8081 npm start');
    expect(listenFailureMessage({ code: 'EADDRINUSE' }, 8081, 'npm start')).toContain('PORT=8082 npm start');
    expect(listenFailureMessage(new Error('boom'), 8080, 'npm start')).toBeNull();
    expect(listenFailureMessage(null, 8080, 'npm start')).toBeNull();
  });
});
