import { describe, expect, test } from 'vitest';
import { toPhoneError } from './phone-error';

describe('toPhoneError', () => {
  test('keeps a PhoneError-shaped rejection as it is', () => {
    expect(toPhoneError({ code: 'auth-failed', message: 'm', sipCode: 403 }, 'call-failed')).toEqual({
      code: 'auth-failed',
      message: 'm',
      sipCode: 403,
    });
  });

  test('files anything else under the failed action, keeping its message', () => {
    expect(toPhoneError(new Error('socket closed'), 'hold-failed')).toEqual({ code: 'hold-failed', message: 'socket closed' });
    expect(toPhoneError({ code: 'ENOENT' }, 'call-failed').code).toBe('call-failed');
    expect(toPhoneError('odd', 'dtmf-failed')).toEqual({ code: 'dtmf-failed', message: 'odd' });
  });
});
