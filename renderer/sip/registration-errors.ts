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

export const connectionLostError: PhoneError = {
  code: 'connection-lost',
  message: 'The connection to the SIP server was lost. Reconnecting… Calls in progress are kept where the network allows.',
};

export const notRegisteredError: PhoneError = {
  code: 'not-registered',
  message: 'The phone is not connected. Connect your account first.',
};
