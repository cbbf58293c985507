import { describe, expect, test } from 'vitest';
import { createWazoHttp, type FetchLike } from './wazo-http';
import { errorForStatus, WazoError, type RequestKind } from './wazo-errors';

function answering(status: number, body: string, contentType = 'application/json'): FetchLike {
  return async () => new Response(status === 204 ? null : body, { status, headers: { 'Content-Type': contentType } });
}

async function codeOf(kind: RequestKind, fetchImpl: FetchLike): Promise<string> {
  try {
    await createWazoHttp(fetchImpl).request({ method: 'POST', url: 'https://wazo.example.com/api/auth/0.1/token', kind });
  } catch (error) {
    return error instanceof WazoError ? error.code : `not a WazoError: ${String(error)}`;
  }
  return 'no error';
}

describe('error mapping', () => {
  test('signing in: 401 is a wrong login or password, a web server that is not Wazo says so', () => {
    expect(errorForStatus('log-in', 401, true)).toBe('wrong-credentials');
    expect(errorForStatus('log-in', 404, false)).toBe('not-wazo');
    expect(errorForStatus('log-in', 200, false)).toBe('not-wazo');
    expect(errorForStatus('log-in', 502, true)).toBe('server-error');
  });

  test('a refused refresh token or token ends the session; calld tells recording problems apart', () => {
    expect(errorForStatus('refresh', 401, true)).toBe('session-expired');
    expect(errorForStatus('refresh', 503, true)).toBe('server-error');
    expect(errorForStatus('authenticated', 401, true)).toBe('session-expired');
    expect(errorForStatus('recording', 403, true)).toBe('recording-forbidden');
    expect(errorForStatus('recording', 404, true)).toBe('call-unknown');
    expect(errorForStatus('recording', 401, true)).toBe('session-expired');
  });

  test('as the HTTP layer applies it', async () => {
    expect(await codeOf('log-in', answering(401, '{"reason":["Authentication Failed"],"status_code":401}'))).toBe('wrong-credentials');
    expect(await codeOf('log-in', answering(404, '<html>Not Found</html>', 'text/html'))).toBe('not-wazo');
    expect(await codeOf('log-in', answering(200, '<html>portal</html>', 'text/html'))).toBe('not-wazo');
    expect(await codeOf('log-in', answering(200, '{not json', 'application/json'))).toBe('not-wazo');
    expect(await codeOf('recording', answering(403, '{"message":"disabled"}'))).toBe('recording-forbidden');
    // No answer at all: fetch rejects with a TypeError (DNS, refused connection, TLS).
    expect(await codeOf('log-in', async () => Promise.reject(new TypeError('Failed to fetch')))).toBe('server-unreachable');
  });

  test('sends JSON with the token header, and reads an empty 204 as null', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const http = createWazoHttp(async (url, init) => {
      seen.push({ url, init });
      return new Response(null, { status: 204 });
    });
    await expect(http.request({ method: 'PUT', url: 'https://h/api/calld/1.0/x', kind: 'recording', token: 'tok', body: { a: 1 } })).resolves.toBeNull();
    const headers = seen[0]!.init.headers as Record<string, string>;
    expect(headers['X-Auth-Token']).toBe('tok');
    expect(headers['Content-Type']).toBe('application/json');
    expect(seen[0]!.init.body).toBe('{"a":1}');
    expect(seen[0]!.init.credentials).toBe('omit');
  });
});
