import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_NAME_LENGTH, decodeQuotedDisplayName, remoteDisplayName, safeDisplayText } from './display-name';

const RLO = '\u202E';

describe('safeDisplayText', () => {
  it('drops a right-to-left override, so "evil" reads "evil"', () => {
    expect(safeDisplayText(`${RLO}live`)).toBe('live');
    expect(safeDisplayText(`Bob ${RLO}live\u202C`)).toBe('Bob live');
  });

  it('drops every bidi embedding, override, isolate and mark', () => {
    const bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    for (const mark of bidi) expect(safeDisplayText(`A${mark}B`), `U+${mark.codePointAt(0)?.toString(16)}`).toBe('AB');
  });

  it('drops zero-width and other invisible format characters', () => {
    const invisible = ['\u200B', '\u200C', '\u200D', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF', '\u00AD', '\u180E', '\u3164'];
    for (const mark of invisible) expect(safeDisplayText(`A${mark}B`), `U+${mark.codePointAt(0)?.toString(16)}`).toBe('AB');
  });

  it('drops tag characters (U+E0000–U+E007F), which hide a whole string', () => {
    const hidden = Array.from('ignore me', (c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    expect(safeDisplayText(`Alice\u{E0001}${hidden}\u{E007F}`)).toBe('Alice');
  });

  it('drops C0 and C1 controls and lone surrogates', () => {
    expect(safeDisplayText('A\u0000B\u0007C\u001BD\u007FE\u0080F\u009BG')).toBe('ABCDEFG');
    expect(safeDisplayText('A\uD800B\uDC00C')).toBe('ABC');
  });

  it('turns line breaks and tabs into single spaces and trims', () => {
    expect(safeDisplayText('  Alice\r\n\tMartin \u2028 Jr\u00A0\u00A0 ')).toBe('Alice Martin Jr');
    expect(safeDisplayText('Eve\r\nX-Evil: 1')).toBe('Eve X-Evil: 1');
  });

  it('keeps letters of every script, emoji and their variation selectors', () => {
    expect(safeDisplayText('Zoë Ångström')).toBe('Zoë Ångström');
    expect(safeDisplayText('محمد علي')).toBe('محمد علي');
    expect(safeDisplayText('שָׁלוֹם')).toBe('שָׁלוֹם');
    expect(safeDisplayText('山田 太郎 😀 ❤️')).toBe('山田 太郎 😀 ❤️');
  });

  it('caps stacked combining marks', () => {
    expect(safeDisplayText(`Z${'\u0301'.repeat(50)}`)).toBe(`Z${'\u0301'.repeat(4)}`);
  });

  it('cuts a long name to the limit with an ellipsis', () => {
    const name = safeDisplayText('x'.repeat(6000));
    expect(Array.from(name)).toHaveLength(MAX_DISPLAY_NAME_LENGTH);
    expect(name.endsWith('…')).toBe(true);
    expect(safeDisplayText('x'.repeat(MAX_DISPLAY_NAME_LENGTH))).toBe('x'.repeat(MAX_DISPLAY_NAME_LENGTH));
  });

  it('never splits a surrogate pair when it cuts', () => {
    const name = safeDisplayText('😀'.repeat(500));
    expect(Array.from(name)).toHaveLength(MAX_DISPLAY_NAME_LENGTH);
    expect(name).toBe(`${'😀'.repeat(MAX_DISPLAY_NAME_LENGTH - 1)}…`);
    expect(safeDisplayText(`a${'😀'.repeat(10)}`, 4)).toBe('a😀😀…');
  });

  it('gives an empty string for anything that is not a string', () => {
    expect(safeDisplayText(undefined)).toBe('');
    expect(safeDisplayText(42)).toBe('');
    expect(safeDisplayText({ toString: () => 'x' })).toBe('');
  });
});

describe('decodeQuotedDisplayName', () => {
  it('undoes quoted-pair escapes that SIP.js leaves in', () => {
    expect(decodeQuotedDisplayName('Al\\"ice')).toBe('Al"ice');
    expect(decodeQuotedDisplayName('back\\\\slash')).toBe('back\\slash');
    expect(decodeQuotedDisplayName('\\A\\b')).toBe('Ab');
  });

  it('drops the quotes of a quoted-string read by hand', () => {
    expect(decodeQuotedDisplayName(' "Alice \\"A\\" Martin" ')).toBe('Alice "A" Martin');
    expect(decodeQuotedDisplayName('"')).toBe('"');
    expect(decodeQuotedDisplayName('ends with \\"')).toBe('ends with "');
  });

  it('leaves a backslash before a line break or non-ASCII alone (not a quoted-pair)', () => {
    expect(decodeQuotedDisplayName('a\\\nb')).toBe('a\\\nb');
    expect(decodeQuotedDisplayName('a\\é')).toBe('a\\é');
  });
});

describe('remoteDisplayName', () => {
  it('decodes and cleans the name', () => {
    expect(remoteDisplayName(`"${RLO}live \\"boss\\""`, '1001')).toBe('live "boss"');
  });

  it('falls back to the number when nothing visible is left', () => {
    expect(remoteDisplayName(undefined, '1001')).toBe('1001');
    expect(remoteDisplayName('', '1001')).toBe('1001');
    expect(remoteDisplayName(`${RLO}\u200B \u2066\u2069\r\n`, '1001')).toBe('1001');
    expect(remoteDisplayName('""', '1001')).toBe('1001');
  });

  it('cleans the number it falls back to', () => {
    expect(remoteDisplayName('', `10${RLO}01`)).toBe('1001');
    expect(remoteDisplayName(null, null)).toBe('');
  });
});
