import { describe, expect, test } from 'vitest';
import { en } from '../i18n/en';
import { fr } from '../i18n/fr';
import { WAZO_ERROR_CODES, type WazoErrorCode } from './wazo-errors';

// Every Wazo problem the user can meet is worded, in both languages, as a sentence that also
// says what to do (renderer/i18n/i18n.test.ts checks the catalogues as a whole).
describe('Wazo wording', () => {
  test('each error code has its sentence in English and in French', () => {
    // A compile-time check too: a code missing from the list breaks this line.
    const all: Record<WazoErrorCode, true> = Object.fromEntries(WAZO_ERROR_CODES.map((code) => [code, true])) as Record<WazoErrorCode, true>;
    for (const code of Object.keys(all)) {
      for (const catalogue of [en, fr] as Array<Record<string, string>>) {
        const text = catalogue[`wazo.error.${code}`];
        expect(text, code).toBeTruthy();
        expect(text!.length, code).toBeGreaterThan(30);
      }
    }
  });

  test('the list holds each code once', () => {
    expect(new Set(WAZO_ERROR_CODES).size).toBe(WAZO_ERROR_CODES.length);
  });
});
