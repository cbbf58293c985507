// Caller names and numbers come from the network (From, P-Asserted-Identity, Refer-To) and from
// whatever a user pasted: any of them may carry characters that change how text around them
// reads (a right-to-left override makes "evil" read "live"), hide text, or stretch the layout.
// Everything shown as a remote party goes through here first, in every process.

/** Longest name shown, in code points (a cut name ends with "…"). */
export const MAX_DISPLAY_NAME_LENGTH = 128;

const ELLIPSIS = '\u2026';
// Line breaks and tabs separate words: they become spaces before the other controls are dropped.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// C0/C1 controls (Cc), every format character (Cf: bidi embeddings, overrides and isolates,
// LRM/RLM/ALM, zero-width space/joiners, word joiner and invisible operators, BOM, tag
// characters, soft hyphen), the other default-ignorable code points (Hangul fillers, U+FFF0…,
// U+E0000 plane) and lone surrogates. Variation selectors are default-ignorable too, but they
// only choose a glyph (❤ vs ❤️) and cannot reorder or hide text, so they are kept.
const INVISIBLE = /(?![\uFE00-\uFE0F\u{E0100}-\u{E01EF}])[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}]/gu;
const SPACES = /\s+/gu;
// Stacked combining marks ("Zalgo" text) draw over the lines above and below; real scripts
// (Vietnamese, Devanagari, Hebrew with points) use a few per letter.
const MAX_MARKS_PER_LETTER = 4;
const MARK_RUN = new RegExp(`(\\p{M}{${MAX_MARKS_PER_LETTER}})\\p{M}+`, 'gu');
// RFC 3261 quoted-pair: a backslash and one ASCII character other than CR/LF.
const QUOTED_PAIR = /\\([\u0000-\u0009\u000B\u000C\u000E-\u007F])/g;

/**
 * One line of text that is safe to show for a remote party: no control, bidi or invisible
 * format characters, whitespace collapsed to single spaces, at most `maxLength` code points
 * (never splitting a surrogate pair). Idempotent; anything that is not a string gives ''.
 */
export function safeDisplayText(value: unknown, maxLength: number = MAX_DISPLAY_NAME_LENGTH): string {
  if (typeof value !== 'string') return '';
  const text = value
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(MARK_RUN, '$1')
    .replace(SPACES, ' ')
    .trim();
  return cut(text, Math.max(1, Math.floor(maxLength)));
}

/**
 * The text of a display name as it was meant: SIP.js drops a quoted-string's quotes but leaves
 * its escapes (`"Al\"ice"` arrives as `Al\"ice`), and a header read by hand still has the quotes.
 */
export function decodeQuotedDisplayName(raw: string): string {
  let text = raw.trim();
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"') && !isEscaped(text, text.length - 1)) {
    text = text.slice(1, -1);
  }
  // A token display name cannot hold a backslash, so any backslash here came from a quoted-string.
  return text.replace(QUOTED_PAIR, '$1');
}

/**
 * What to show for a remote identity: its display name decoded and made safe, or the (made
 * safe) number when the name is missing or nothing visible is left of it.
 */
export function remoteDisplayName(rawName: unknown, fallbackNumber: unknown): string {
  const name = typeof rawName === 'string' ? safeDisplayText(decodeQuotedDisplayName(rawName)) : '';
  return name || safeDisplayText(fallbackNumber);
}

function cut(text: string, maxLength: number): string {
  // Cheap test first: a string never has more code points than UTF-16 units.
  if (text.length <= maxLength) return text;
  const points = Array.from(text);
  if (points.length <= maxLength) return text;
  return points.slice(0, maxLength - 1).join('').trimEnd() + ELLIPSIS;
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}
