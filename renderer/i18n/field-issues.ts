// Words for account validation issues. Length limits come from the validator's own table, so
// the translated sentence always quotes the number the validator enforces.

import { ACCOUNT_LIMITS, type AccountIssueCode, type FieldIssue } from '../../shared/account-settings';
import { t } from './index';

const LIMITS: Partial<Record<AccountIssueCode, number>> = {
  'server-url-too-long': ACCOUNT_LIMITS.serverUrl,
  'sip-uri-too-long': ACCOUNT_LIMITS.sipUri,
  'username-too-long': ACCOUNT_LIMITS.username,
  'authorization-user-too-long': ACCOUNT_LIMITS.authorizationUser,
  'password-too-long': ACCOUNT_LIMITS.password,
  'display-name-too-long': ACCOUNT_LIMITS.displayName,
  'ice-servers-too-many': ACCOUNT_LIMITS.iceServers,
};

export function fieldIssueParams(code: AccountIssueCode): { max: number } | undefined {
  const max = LIMITS[code];
  return max === undefined ? undefined : { max };
}

export function fieldIssueText(issue: Pick<FieldIssue, 'code'>): string {
  return t(`field.${issue.code}`, fieldIssueParams(issue.code));
}
