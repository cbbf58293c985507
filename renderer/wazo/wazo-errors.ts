// What can go wrong with a Wazo Platform server, as stable codes the UI words in each language
// (`wazo.error.<code>` in renderer/i18n). Each HTTP answer or network failure maps to exactly
// one code, so the user reads what is wrong and what to do rather than a status number.

import type { ServerAddressIssue } from './server-address';

export type WazoErrorCode =
  | ServerAddressIssue
  /** Nothing answered: the name does not resolve, nothing listens, or the connection failed. */
  | 'server-unreachable'
  /** Something answered, but not wazo-auth (404, not JSON): probably not a Wazo server. */
  | 'not-wazo'
  /** wazo-auth refused the login or the password (401). */
  | 'wrong-credentials'
  /** The user has no line whose SIP endpoint is set up for WebRTC. */
  | 'no-webrtc-line'
  /** The WebRTC line's SIP endpoint has no user name or password to register with. */
  | 'line-without-credentials'
  /** The line's SIP user name cannot be used in a SIP address. */
  | 'line-unusable'
  /** The server stopped accepting our token and refresh token: sign in again. */
  | 'session-expired'
  /** A 5xx, or an answer we could not read. */
  | 'server-error'
  /** wazo-calld: on-demand recording is not enabled for this user (403). */
  | 'recording-forbidden'
  /** wazo-calld does not know the call (404): it ended, or is not ours. */
  | 'call-unknown'
  /** The call has no Wazo call id yet: the server has not told us about it. */
  | 'call-not-ready';

/** Every code, for the catalogues' completeness test. */
export const WAZO_ERROR_CODES: readonly WazoErrorCode[] = [
  'server-missing', 'server-invalid', 'server-insecure', 'server-unreachable', 'not-wazo', 'wrong-credentials',
  'no-webrtc-line', 'line-without-credentials', 'line-unusable', 'session-expired', 'server-error',
  'recording-forbidden', 'call-unknown', 'call-not-ready',
];

export class WazoError extends Error {
  override readonly name = 'WazoError';
  constructor(
    readonly code: WazoErrorCode,
    /** The HTTP status behind it, when there is one. */
    readonly status?: number,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/** Which request an answer belongs to: the same status means different things to each. */
export type RequestKind = 'log-in' | 'refresh' | 'authenticated' | 'recording';

/** The code for an HTTP answer that is not a success. */
export function errorForStatus(kind: RequestKind, status: number, isJson: boolean): WazoErrorCode {
  if (kind === 'log-in') {
    if (status === 401) return 'wrong-credentials';
    // A web server that is not Wazo: no such route, or a page instead of JSON.
    if (status === 404 || status === 405 || !isJson) return 'not-wazo';
    return 'server-error';
  }
  // An unknown or revoked refresh token is refused like a password (401).
  if (kind === 'refresh') return status === 401 || status === 404 || status === 400 ? 'session-expired' : 'server-error';
  if (status === 401) return 'session-expired';
  if (kind === 'recording') {
    if (status === 403) return 'recording-forbidden';
    if (status === 404) return 'call-unknown';
  }
  return 'server-error';
}

/** The code for a request that got no answer at all (fetch rejects with a TypeError). */
export function errorForFailure(error: unknown): WazoError {
  if (error instanceof WazoError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new WazoError('server-unreachable', undefined, detail);
}
