import { Core } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { RegistrationRetry, registerFailureOf, type RegisterFailure } from './registration-retry';

const logger = new Core.LoggerFactory().getLogger('test');

/** A response as it arrives off the wire, parsed by SIP.js itself. */
function received(statusLine: string, ...headers: string[]): Core.IncomingResponseMessage {
  const text = [
    `SIP/2.0 ${statusLine}`,
    'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
    'From: <sip:1001@pbx.example.com>;tag=a',
    'To: <sip:1001@pbx.example.com>;tag=b',
    'Call-ID: c1',
    'CSeq: 2 REGISTER',
    ...headers,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  const message = Core.Parser.parseMessage(text, logger);
  if (!(message instanceof Core.IncomingResponseMessage)) throw new Error('not parsed as a response');
  return message;
}

/** What SIP.js's transaction layer hands over on a timeout: a 408 nobody sent (user-agent-client.js). */
function madeUp(statusCode: number, reasonPhrase: string): Core.IncomingResponseMessage {
  const message = new Core.IncomingResponseMessage();
  message.statusCode = statusCode;
  message.reasonPhrase = reasonPhrase;
  return message;
}

describe('registerFailureOf', () => {
  it('reads a received 503 and its Retry-After', () => {
    expect(registerFailureOf(received('503 Service Unavailable', 'Retry-After: 30'))).toEqual({
      kind: 'answered',
      statusCode: 503,
      reasonPhrase: 'Service Unavailable',
      retryAfterSeconds: 30,
    });
    expect(registerFailureOf(received('503 Service Unavailable', 'Retry-After: 120 (maintenance);duration=60'))).toMatchObject({ retryAfterSeconds: 120 });
    expect(registerFailureOf(received('500 Server Error'))).not.toHaveProperty('retryAfterSeconds');
  });

  it('tells a timeout SIP.js made up from a 408 that was received', () => {
    expect(registerFailureOf(madeUp(408, 'Request Timeout'))).toEqual({ kind: 'no-answer' });
    expect(registerFailureOf(received('408 Request Timeout'))).toMatchObject({ kind: 'answered', statusCode: 408 });
  });

  it("takes SIP.js's own 503 on a transport error for a connection problem", () => {
    expect(registerFailureOf(madeUp(503, 'Service Unavailable'))).toEqual({ kind: 'connection' });
  });
});

describe('RegistrationRetry', () => {
  const answered = (statusCode: number, retryAfterSeconds?: number): RegisterFailure => ({
    kind: 'answered',
    statusCode,
    reasonPhrase: statusCode === 503 ? 'Service Unavailable' : 'Whatever',
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  });

  it.each([401, 403, 404, 407, 400, 420, 489, 501, 603])('never retries %i: that is for the user or the administrator to fix', (code) => {
    const { retry, error } = new RegistrationRetry().after(answered(code));
    expect(retry).toBeNull();
    expect(error.sipCode).toBe(code);
  });

  it('waits exactly what Retry-After says, and says so', () => {
    const { retry, error } = new RegistrationRetry(() => 0).after(answered(503, 30));
    expect(retry).toMatchObject({ delayMs: 30_000, attempt: 1, serverAsked: true });
    expect(error).toMatchObject({ code: 'server-unavailable', sipCode: 503 });
    expect(error.message).toBe('The server is temporarily unavailable (503 Service Unavailable); retrying in 30 s.');
    expect(error.message).not.toMatch(/SIP address|domain/);
  });

  it('backs off on 5xx without Retry-After, and on received 408', () => {
    const retries = new RegistrationRetry(() => 1);
    const delays = [500, 502, 503, 504, 408].map((code) => retries.after(answered(code)).retry?.delayMs);
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 30_000]);
    expect(retries.attempts).toBe(5);
    retries.reset();
    expect(retries.after(answered(500)).retry?.delayMs).toBe(2000);
  });

  it('retries a REGISTER that got no answer soon, and claims no status code', () => {
    const { retry, error } = new RegistrationRetry(() => 1).after({ kind: 'no-answer' });
    expect(retry).toMatchObject({ serverAsked: false });
    expect(retry!.delayMs).toBeLessThanOrEqual(2000);
    expect(error.code).toBe('registration-timeout');
    expect(error.sipCode).toBeUndefined();
    expect(error.message).not.toMatch(/408/);
    expect(error.message).toMatch(/did not answer the registration; retrying/);
  });

  it('retries a dropped socket at most 2 s apart', () => {
    const retries = new RegistrationRetry(() => 1);
    const delays = Array.from({ length: 12 }, () => retries.after({ kind: 'connection' }).retry!.delayMs);
    expect(Math.max(...delays)).toBe(2000);
    expect(retries.after({ kind: 'connection' }).error.code).toBe('connection-lost');
  });
});
