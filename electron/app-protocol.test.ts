import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, registerAppScheme, resolveAppFile, serveAppProtocol } from './app-protocol';
import { app, protocol, resetElectronFake } from './test-support/electron-fake';

let base: string;
let webRoot: string;

beforeEach(async () => {
  resetElectronFake();
  base = await mkdtemp(path.join(tmpdir(), 'app-protocol-'));
  webRoot = path.join(base, 'web');
  await mkdir(path.join(webRoot, 'assets'), { recursive: true });
  await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Softphone</title>');
  await writeFile(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
  // A file right next to the web root that must never be served.
  await writeFile(path.join(base, 'secrets.json'), '{"sipPassword":"x"}');
  serveAppProtocol(protocol, { webRoot, contentSecurityPolicy: () => "default-src 'self'" });
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// protocol', () => {
  it('registers app:// as a secure standard scheme, before ready only', () => {
    registerAppScheme(protocol);
    expect(protocol.privilegedSchemes).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    app.emitReady();
    expect(() => registerAppScheme(protocol)).toThrow(/before app is ready/);
  });

  it('serves index.html for the root with the CSP and a nosniff header', async () => {
    const response = await protocol.fetch('app://softphone/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Softphone</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with their content type', async () => {
    const response = await protocol.fetch('app://softphone/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it.each([
    'app://softphone/%2e%2e/secrets.json',
    'app://softphone/assets/..%2F..%2Fsecrets.json',
    'app://softphone/..%5csecrets.json',
    'app://softphone/assets%2F..%2F..%2Fsecrets.json',
    'app://softphone/index.html%00.js',
    'app://softphone/%E0%A4%A',
    'app://other-host/index.html',
  ])('refuses %s', async (url) => {
    const response = await protocol.fetch(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('sipPassword');
  });

  it('answers 404 for a missing file or a directory, and 405 for other methods', async () => {
    expect((await protocol.fetch('app://softphone/missing.js')).status).toBe(404);
    expect((await protocol.fetch('app://softphone/assets')).status).toBe(404);
    expect((await protocol.fetch('app://softphone/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('maps URLs inside the root only', () => {
    expect(resolveAppFile('/srv/web', 'app://softphone/a/b.js')).toBe(path.resolve('/srv/web/a/b.js'));
    // The URL parser already folds literal and %2E dot segments, clamped at the root...
    expect(resolveAppFile('/srv/web', 'app://softphone/a/%2E%2E/%2E%2E/etc/passwd')).toBe(path.resolve('/srv/web/etc/passwd'));
    // ...and what survives it (encoded slashes) is refused after decoding.
    expect(resolveAppFile('/srv/web', 'app://softphone/a/..%2F..%2F..%2Fetc/passwd')).toBeNull();
    expect(resolveAppFile('/srv/web', 'file:///etc/passwd')).toBeNull();
  });

  it('serves a mounted folder under its first path segment, still confined to it', () => {
    const mounts = { 'incoming-call': '/app/dist/electron/incoming-call' };
    expect(resolveAppFile('/app/dist/web', 'app://softphone/incoming-call/page.js', mounts)).toBe('/app/dist/electron/incoming-call/page.js');
    expect(resolveAppFile('/app/dist/web', 'app://softphone/incoming-call/', mounts)).toBe('/app/dist/electron/incoming-call/index.html');
    // Dot segments are resolved by the URL parser first, so they never climb out of a mount.
    expect(resolveAppFile('/app/dist/web', 'app://softphone/incoming-call/%2E%2E/%2E%2E/main.cjs', mounts)).toBe('/app/dist/web/main.cjs');
    expect(resolveAppFile('/app/dist/web', 'app://softphone/incoming-call/a%5C..%5Cmain.cjs', mounts)).toBeNull();
    expect(resolveAppFile('/app/dist/web', 'app://softphone/toString/x', mounts)).toBe('/app/dist/web/toString/x');
  });
});
