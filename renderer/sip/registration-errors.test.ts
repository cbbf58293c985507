import { describe, expect, it } from 'vitest';
import { registrationRejectedError, serverUnreachableError } from './registration-errors';

describe('registrationRejectedError', () => {
  it.each([401, 403, 407])('reports %i as a credentials problem', (code) => {
    const error = registrationRejectedError(code, 'Unauthorized');
    expect(error.code).toBe('auth-failed');
    expect(error.sipCode).toBe(code);
    expect(error.message).toMatch(/password/);
  });

  it('reports timeouts as such', () => {
    expect(registrationRejectedError(408, 'Request Timeout').code).toBe('registration-timeout');
  });

  it('quotes other refusals with their code and bounded phrase', () => {
    const error = registrationRejectedError(404, 'Not Found' + 'x'.repeat(300));
    expect(error.code).toBe('registration-rejected');
    expect(error.message).toContain('404 Not Found');
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('serverUnreachableError', () => {
  it('names the server the user typed', () => {
    expect(serverUnreachableError('wss://pbx.example.com/ws').message).toContain('wss://pbx.example.com/ws');
  });
});
