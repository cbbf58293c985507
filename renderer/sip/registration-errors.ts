// Turns what the line reports (a socket that never opened, a REGISTER answered with an
// error) into a PhoneError that names the cause and the fix.

import type { PhoneError } from '../../shared/phone-status';

export function serverUnreachableError(serverUrl: string): PhoneError {
  return {
    code: 'server-unreachable',
    message: `Could not reach the SIP server at ${serverUrl}. Check the server URL and your network connection; ask your administrator if the address is right.`,
  };
}

export function registrationRejectedError(statusCode: number, reasonPhrase: string): PhoneError {
  if (statusCode === 401 || statusCode === 403 || statusCode === 407) {
    return {
      code: 'auth-failed',
      sipCode: statusCode,
      message: 'The server refused the username or password. Check the username, authorization user and password, then connect again.',
    };
  }
  if (statusCode === 408 || statusCode === 504) {
    return {
      code: 'registration-timeout',
      sipCode: statusCode,
      message: 'The server did not answer the registration in time. Check your network, then connect again.',
    };
  }
  const phrase = reasonPhrase.slice(0, 120);
  return {
    code: 'registration-rejected',
    sipCode: statusCode,
    message: `The server refused the registration (${statusCode} ${phrase}). Check the SIP address and domain, or ask your administrator.`,
  };
}

/** "30 s", "1 s": how long until the next attempt, as the user reads it. */
export function retryDelayText(delayMs: number): string {
  return `${Math.max(1, Math.ceil(delayMs / 1000))} s`;
}

/** The server answered 5xx (or 408): it is up but cannot take the registration for now. */
export function serverUnavailableError(statusCode: number, reasonPhrase: string, retryInMs: number): PhoneError {
  const phrase = reasonPhrase.slice(0, 120).trim();
  const what = statusCode === 408 || statusCode === 504 ? 'did not get the registration through in time' : 'is temporarily unavailable';
  return {
    code: 'server-unavailable',
    sipCode: statusCode,
    message: `The server ${what} (${statusCode}${phrase ? ` ${phrase}` : ''}); retrying in ${retryDelayText(retryInMs)}.`,
  };
}

/** No response at all to a REGISTER: no status code to quote, since none was received. */
export function registrationNoAnswerError(retryInMs: number): PhoneError {
  return {
    code: 'registration-timeout',
    message: `The server did not answer the registration; retrying in ${retryDelayText(retryInMs)}.`,
  };
}

export const connectionLostError: PhoneError = {
  code: 'connection-lost',
  message: 'The connection to the SIP server was lost. Reconnecting… Calls in progress are kept where the network allows.',
};

export const notRegisteredError: PhoneError = {
  code: 'not-registered',
  message: 'The phone is not connected. Connect your account first.',
};
