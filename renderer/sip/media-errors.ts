// getUserMedia fails with DOMException names that mean nothing to a user; each becomes a
// PhoneError that says what to check.

import type { PhoneError } from '../../shared/phone-status';

export function microphoneError(error: unknown): PhoneError | null {
  const name = error instanceof Error || isDomExceptionLike(error) ? (error as { name: string }).name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return {
        code: 'microphone-denied',
        message: 'Microphone access was refused. Allow the microphone for this app in your browser or system privacy settings, then try again.',
      };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return {
        code: 'microphone-missing',
        message: 'No microphone was found. Plug in a headset or microphone, then try again.',
      };
    case 'NotReadableError':
    case 'AbortError':
      return {
        code: 'microphone-busy',
        message: 'The microphone is in use by another application or could not be started. Close the other application, then try again.',
      };
    default:
      return null;
  }
}

function isDomExceptionLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}
