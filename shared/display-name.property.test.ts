import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_NAME_LENGTH, decodeQuotedDisplayName, remoteDisplayName, safeDisplayText } from './display-name';

// Written out by class rather than reusing the module's own pattern, so the test can disagree.
const FORBIDDEN = new RegExp(
  '[' +
    '\\u0000-\\u001F\\u007F-\\u009F' + // C0, DEL, C1
    '\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C' + // bidi embeddings, overrides, isolates, marks
    '\\u200B-\\u200D\\u2060-\\u2064\\uFEFF\\u00AD' + // zero-width, word joiner, invisible operators, BOM, soft hyphen
    '\\u{E0000}-\\u{E007F}' + // tags
    '\\u2028\\u2029' +
    ']|\\p{Cf}|\\p{Cs}',
  'u',
);

const HOSTILE = [
  '\u202E', '\u202D', '\u202A', '\u202B', '\u202C', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C',
  '\u200B', '\u200C', '\u200D', '\u2060', '\u2063', '\uFEFF', '\u00AD', '\u{E0041}', '\u{E007F}', '\u0000', '\u001B', '\u0085',
  '\u009B', '\r', '\n', '\t', '\u2028', ' ', '\u00A0', '\u3000', '\u0301', '\uFE0F', '\uD800', '\uDFFF', '"', '\\', '😀', 'e', 'ש',
];

// Mostly hostile characters mixed with ordinary text, and arbitrary UTF-16 (lone surrogates included).
const hostileText = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 200 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 300 }),
);

const codePoints = (text: string): number => Array.from(text).length;

describe('safeDisplayText (properties)', () => {
  it('never throws, leaves no control, bidi or invisible character, and stays within the limit', () => {
    fc.assert(
      fc.property(hostileText, fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }), (text, max) => {
        const shown = safeDisplayText(text, max);
        expect(shown).not.toMatch(FORBIDDEN);
        expect(codePoints(shown)).toBeLessThanOrEqual(max ?? MAX_DISPLAY_NAME_LENGTH);
        expect(shown).toBe(shown.trim());
        expect(shown).not.toMatch(/\s\s/u);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const once = safeDisplayText(text);
        expect(safeDisplayText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on values that are not strings', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(typeof safeDisplayText(value)).toBe('string');
        expect(typeof remoteDisplayName(value, value)).toBe('string');
      }),
      { numRuns: 300 },
    );
  });

  it('keeps ordinary text unchanged', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9À-ɏ.'-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
        const name = words.join(' ');
        expect(safeDisplayText(name)).toBe(name);
      }),
    );
  });
});

describe('remoteDisplayName (properties)', () => {
  it('never throws, is safe and bounded, shows the number when the name has nothing visible, and is stable', () => {
    fc.assert(
      fc.property(hostileText, fc.stringMatching(/^\+?[0-9]{1,15}$/), (raw, number) => {
        const shown = remoteDisplayName(raw, number);
        expect(shown).not.toMatch(FORBIDDEN);
        expect(codePoints(shown)).toBeLessThanOrEqual(MAX_DISPLAY_NAME_LENGTH);
        expect(shown).not.toBe('');
        if (safeDisplayText(decodeQuotedDisplayName(raw)) === '') expect(shown).toBe(number);
        expect(safeDisplayText(shown)).toBe(shown);
      }),
      { numRuns: 2000 },
    );
  });

  it('decodes what a quoted-string encoder produced', () => {
    const encode = (text: string) => `"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '"', '\\', '1', 'é'), maxLength: 40 }), (text) => {
        expect(decodeQuotedDisplayName(encode(text))).toBe(text);
        // SIP.js hands over the content without the outer quotes, escapes still in (and trimmed).
        expect(decodeQuotedDisplayName(encode(text).slice(1, -1))).toBe(text.trim());
      }),
    );
  });
});
