import { afterEach, describe, expect, test } from 'vitest';
import { ACCOUNT_LIMITS } from '../../shared/account-settings';
import { en, type MessageKey } from './en';
import { fieldIssueText } from './field-issues';
import { fr } from './fr';
import { languageForTag, setLanguage, t, translate } from './index';
import {
  ACCOUNT_ISSUE_CODES,
  CALL_END_REASONS,
  DIAL_ISSUE_CODES,
  PHONE_ERROR_CODES,
  REGISTRATION_STATUSES,
  SETTINGS_NOTICE_CODES,
} from './message-codes';

const catalogues = { en, fr } as const;

// Keys whose French text is legitimately the same as the English one (names, formats).
const SAME_IN_BOTH = new Set<MessageKey>(['app.title', 'language.en', 'language.fr', 'dial.placeholder', 'error.sipCode', 'title.idle', 'settings.notifications', 'devices.microphone']);

describe('catalogues', () => {
  test('French and English have exactly the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  test('every message is non-empty, and French is really translated', () => {
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(fr[key].trim(), key).not.toBe('');
      if (!SAME_IN_BOTH.has(key)) expect(fr[key], key).not.toBe(en[key]);
    }
  });

  test('both languages use the same {parameters} in each message', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as MessageKey[]) expect(params(fr[key]), key).toEqual(params(en[key]));
  });

  const codeGroups: Array<[string, readonly string[], (code: string) => string[]]> = [
    ['PhoneErrorCode', PHONE_ERROR_CODES, (code) => [`error.${code}`, `errorFix.${code}`]],
    ['CallEndReason', CALL_END_REASONS, (code) => [`outcome.${code}`]],
    ['AccountIssueCode', ACCOUNT_ISSUE_CODES, (code) => [`field.${code}`]],
    ['RegistrationStatus', REGISTRATION_STATUSES, (code) => [`status.${code}`]],
    ['SettingsNoticeCode', SETTINGS_NOTICE_CODES, (code) => [`notice.${code}`]],
    ['DialIssueCode', DIAL_ISSUE_CODES, (code) => [`dial.issue.${code}`]],
  ];

  test.each(codeGroups)('every %s has wording in both languages', (_name, codes, keysFor) => {
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      for (const key of keysFor(code)) {
        for (const [language, catalogue] of Object.entries(catalogues)) {
          expect((catalogue as Record<string, string>)[key], `${language} ${key}`).toBeTruthy();
        }
      }
    }
  });

  test('the code lists hold every code once', () => {
    for (const [, codes] of codeGroups) expect(new Set(codes).size).toBe(codes.length);
    expect(PHONE_ERROR_CODES).toHaveLength(23);
    expect(CALL_END_REASONS).toHaveLength(21);
  });
});

describe('t()', () => {
  afterEach(() => setLanguage('en'));

  test('fills parameters and follows the language switch', () => {
    expect(t('call.sendDtmf', { tone: '5' })).toBe('Send DTMF 5');
    setLanguage('fr');
    expect(t('call.sendDtmf', { tone: '5' })).toBe('Envoyer la tonalité 5');
  });

  test('leaves an unknown parameter visible rather than printing "undefined"', () => {
    expect(translate('en', 'outcome.missed')).toBe('Missed call from {party}');
  });

  test('field issues quote the limit the validator enforces, in each language', () => {
    expect(fieldIssueText({ code: 'display-name-too-long' })).toBe(
      `The display name is too long: keep it under ${ACCOUNT_LIMITS.displayName} characters.`,
    );
    setLanguage('fr');
    for (const code of ACCOUNT_ISSUE_CODES) expect(fieldIssueText({ code }), code).not.toMatch(/\{\w+\}/);
  });
});

describe('languageForTag', () => {
  test.each([
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['FR-fr', 'fr'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%j → %s', (tag, language) => expect(languageForTag(tag)).toBe(language));
});
