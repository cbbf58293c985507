// The engine rejects with PhoneError-shaped values; anything else (a bug, a browser error)
// still has to reach the user in words, under the code of the action that failed.

import type { PhoneError, PhoneErrorCode } from '../../shared/phone-status';
import { PHONE_ERROR_CODES } from '../i18n/message-codes';

export function isPhoneErrorCode(value: unknown): value is PhoneErrorCode {
  return typeof value === 'string' && (PHONE_ERROR_CODES as string[]).includes(value);
}

export function toPhoneError(reason: unknown, fallback: PhoneErrorCode): PhoneError {
  if (reason && typeof reason === 'object') {
    const { code, message, sipCode } = reason as { code?: unknown; message?: unknown; sipCode?: unknown };
    if (isPhoneErrorCode(code)) {
      return {
        code,
        message: typeof message === 'string' ? message : '',
        ...(typeof sipCode === 'number' ? { sipCode } : {}),
      };
    }
  }
  const message = reason instanceof Error ? reason.message : String(reason);
  return { code: fallback, message };
}
