// The one place the Wazo client touches the network over HTTP: fetch with a timeout, JSON in
// and out, and every failure turned into a WazoError (wazo-errors.ts). `fetch` is passed in,
// so the clients above are tested against canned answers without a server.

import { errorForFailure, errorForStatus, WazoError, type RequestKind } from './wazo-errors';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface WazoRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  kind: RequestKind;
  token?: string;
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

/** A server that takes longer than this is as good as gone: the user is told so. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface WazoHttp {
  /** Resolves with the parsed JSON body (null for an empty one) of a 2xx answer. */
  request(request: WazoRequest): Promise<unknown>;
}

export function createWazoHttp(fetchImpl: FetchLike = (input, init) => globalThis.fetch(input, init)): WazoHttp {
  return {
    async request({ method, url, kind, token, headers = {}, body, timeoutMs = REQUEST_TIMEOUT_MS }) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method,
          headers: {
            Accept: 'application/json',
            ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
            ...(token ? { 'X-Auth-Token': token } : {}),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: controller.signal,
          // Tokens travel in headers, never in cookies; and nothing here should be cached.
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (error) {
        throw errorForFailure(error);
      } finally {
        clearTimeout(timer);
      }
      const isJson = (response.headers.get('content-type') ?? '').includes('application/json');
      const text = await response.text().catch(() => '');
      if (!response.ok) throw new WazoError(errorForStatus(kind, response.status, isJson), response.status, text.slice(0, 200));
      if (text === '') return null;
      if (!isJson) throw new WazoError(kind === 'log-in' ? 'not-wazo' : 'server-error', response.status, 'not JSON');
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new WazoError(kind === 'log-in' ? 'not-wazo' : 'server-error', response.status, 'unreadable JSON');
      }
    },
  };
}
