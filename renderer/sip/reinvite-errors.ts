// A re-INVITE that failed, and how that is told to the user: the call always goes on.

import type { PhoneError } from '../../shared/phone-status';

/** A re-INVITE answered with an error; the offer has already been rolled back by SIP.js. */
export class ReinviteRejected extends Error {
  constructor(readonly statusCode: number) {
    super(`re-INVITE rejected with ${statusCode}`);
  }
}

export function reinviteError(code: PhoneError['code'], error: unknown): PhoneError {
  const sipCode = error instanceof ReinviteRejected ? error.statusCode : undefined;
  const what = code === 'hold-failed' ? 'put on hold' : code === 'resume-failed' ? 'resumed' : 'renegotiated';
  const result: PhoneError = {
    code,
    message: `The call could not be ${what}${sipCode ? ` (the other side answered ${sipCode})` : ''}. The call goes on as before; try again in a moment.`,
  };
  if (sipCode) result.sipCode = sipCode;
  return result;
}
