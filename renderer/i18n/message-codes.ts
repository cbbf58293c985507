// Runtime lists of every code the UI must word. Each list is written as an object checked
// against its union, so adding a code to shared/ without listing it here is a type error, and
// the catalogues' types (en.ts) then demand a sentence for it in every language.

import type { AccountIssueCode } from '../../shared/account-settings';
import type { DialIssueCode } from '../../shared/dial-string';
import type { CallEndReason, PhoneErrorCode, RegistrationStatus } from '../../shared/phone-status';
import type { SettingsNoticeCode } from '../../shared/platform';

function keysOf<K extends string>(table: Record<K, true>): K[] {
  return Object.keys(table) as K[];
}

export const PHONE_ERROR_CODES = keysOf<PhoneErrorCode>({
  'auth-failed': true,
  'server-unreachable': true,
  'bad-server-url': true,
  'registration-rejected': true,
  'registration-timeout': true,
  'server-unavailable': true,
  'connection-lost': true,
  'not-registered': true,
  'microphone-denied': true,
  'microphone-missing': true,
  'microphone-busy': true,
  'camera-denied': true,
  'camera-missing': true,
  'camera-busy': true,
  'screen-share-denied': true,
  'hold-failed': true,
  'resume-failed': true,
  'dtmf-failed': true,
  'renegotiation-failed': true,
  'transfer-failed': true,
  'invalid-target': true,
  'call-failed': true,
  'conference-failed': true,
});

export const CALL_END_REASONS = keysOf<CallEndReason>({
  'hung-up-locally': true,
  'hung-up-remotely': true,
  'declined-locally': true,
  'do-not-disturb': true,
  declined: true,
  busy: true,
  'not-found': true,
  unavailable: true,
  'no-answer': true,
  'canceled-locally': true,
  missed: true,
  'answered-elsewhere': true,
  'unsupported-offer': true,
  transferred: true,
  'transferred-away': true,
  'connection-lost': true,
  'no-ack': true,
  'ended-unconfirmed': true,
  'media-lost': true,
  rejected: true,
  failed: true,
});

export const REGISTRATION_STATUSES = keysOf<RegistrationStatus>({
  unregistered: true,
  connecting: true,
  registering: true,
  registered: true,
  reconnecting: true,
  failed: true,
});

export const SETTINGS_NOTICE_CODES = keysOf<SettingsNoticeCode>({
  'settings-corrupt': true,
  'secrets-unprotected': true,
  'password-unreadable': true,
});

export const DIAL_ISSUE_CODES = keysOf<DialIssueCode>({
  empty: true,
  'too-long': true,
  'invalid-characters': true,
  'invalid-number': true,
  'invalid-user': true,
  'invalid-host': true,
  'invalid-uri': true,
  'missing-domain': true,
});

export const ACCOUNT_ISSUE_CODES = keysOf<AccountIssueCode>({
  'form-invalid': true,
  'server-url-missing': true,
  'server-url-too-long': true,
  'server-url-scheme': true,
  'server-url-invalid': true,
  'server-url-insecure': true,
  'sip-uri-missing': true,
  'sip-uri-too-long': true,
  'sip-uri-invalid': true,
  'sip-uri-user-mismatch': true,
  'username-missing': true,
  'username-too-long': true,
  'username-invalid': true,
  'authorization-user-too-long': true,
  'authorization-user-invalid': true,
  'password-missing': true,
  'password-too-long': true,
  'password-invalid': true,
  'display-name-too-long': true,
  'display-name-invalid': true,
  'ice-servers-too-many': true,
  'ice-server-invalid': true,
  'ice-server-url-invalid': true,
  'ice-server-credentials-missing': true,
  'ice-relay-invalid': true,
  'ice-relay-needs-turn': true,
  'dtmf-method-invalid': true,
});

/** Keys every catalogue must hold, derived from the code unions above. */
export type CodeMessageKey =
  | `error.${PhoneErrorCode}`
  | `errorFix.${PhoneErrorCode}`
  | `outcome.${CallEndReason}`
  | `status.${RegistrationStatus}`
  | `notice.${SettingsNoticeCode}`
  | `dial.issue.${DialIssueCode}`
  | `field.${AccountIssueCode}`;
