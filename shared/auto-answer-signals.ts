// Reads the headers by which a PBX asks a phone to pick up by itself (paging, intercom, click-to-
// call), as listed under "Auto-answer signals" in the CallSession spec. This only reports the
// request; whether to honour it (settings, do-not-disturb, another call) is the main process's
// policy. Header values come from the network, so parsing is linear, bounded and never throws,
// and a value that cannot be read is treated as no request: answering by mistake opens the mic.

export type AutoAnswerSource = 'answer-mode' | 'call-info' | 'alert-info';

export interface AutoAnswerRequest {
  requested: boolean;
  /** Seconds to ring before answering; 0 means at once. Always an integer in [0, MAX_AUTO_ANSWER_DELAY_SECONDS]. */
  delaySeconds: number;
  source: AutoAnswerSource | null;
}

export const MAX_AUTO_ANSWER_DELAY_SECONDS = 3600;

/** Every header name detectAutoAnswerRequest asks for, spelled as in the RFCs. */
export const AUTO_ANSWER_HEADER_NAMES = ['Answer-Mode', 'Priv-Answer-Mode', 'Call-Info', 'Alert-Info'] as const;

const MAX_VALUES_PER_HEADER = 16;
const MAX_VALUE_LENGTH = 4096;
const MAX_ENTRIES_PER_VALUE = 32;
// Alert-Info words PBXs use for "answer automatically", compared without case, spaces, `-` or `_`:
// `info=alert-autoanswer` (Asterisk/FreePBX, Snom, Yealink), `Intercom` (Grandstream, Yealink),
// `Ring Answer` (FreePBX paging for Polycom), `Auto Answer`.
const AUTO_ANSWER_ALERT_WORDS = new Set(['alertautoanswer', 'autoanswer', 'intercom', 'ringanswer']);

const NOT_REQUESTED: AutoAnswerRequest = { requested: false, delaySeconds: 0, source: null };

/**
 * Tells whether an incoming INVITE asks to be answered automatically, and after how long.
 *
 * `getHeaders(name)` must return every value of that header, matching the name without regard to
 * case (SIP.js `IncomingRequestMessage.getHeaders` does) and is called with the names in
 * AUTO_ANSWER_HEADER_NAMES. When several signals are present, the first of Answer-Mode /
 * Priv-Answer-Mode (RFC 5373, no delay), Call-Info `answer-after=N`, Alert-Info wins.
 */
export function detectAutoAnswerRequest(getHeaders: (name: string) => string[]): AutoAnswerRequest {
  const read = (name: string): string[] => boundedValues(getHeaders(name));

  if ([...read('Answer-Mode'), ...read('Priv-Answer-Mode')].some(isAutoAnswerMode)) {
    return { requested: true, delaySeconds: 0, source: 'answer-mode' };
  }
  const callInfoDelay = firstDefined(read('Call-Info'), answerAfterSeconds);
  if (callInfoDelay !== undefined) return { requested: true, delaySeconds: callInfoDelay, source: 'call-info' };
  const alertInfoDelay = firstDefined(read('Alert-Info'), alertInfoAutoAnswerDelay);
  if (alertInfoDelay !== undefined) return { requested: true, delaySeconds: alertInfoDelay, source: 'alert-info' };
  return { ...NOT_REQUESTED };
}

function boundedValues(values: unknown): string[] {
  if (!Array.isArray(values)) return [];
  return values
    .slice(0, MAX_VALUES_PER_HEADER)
    .filter((value): value is string => typeof value === 'string' && value.length <= MAX_VALUE_LENGTH);
}

/** `Answer-Mode: Auto` or `Auto;require`; `Manual` and unknown modes are not requests. */
function isAutoAnswerMode(value: string): boolean {
  const mode = splitOutsideBrackets(value, ';')[0] ?? '';
  return unquote(mode).toLowerCase() === 'auto';
}

/** The first valid `answer-after` among the comma-separated Call-Info entries of one header value. */
function answerAfterSeconds(value: string): number | undefined {
  for (const entry of entriesOf(value)) {
    const answerAfter = parameter(entry, 'answer-after');
    if (answerAfter === undefined) continue;
    const seconds = delaySeconds(answerAfter);
    if (seconds !== undefined) return seconds;
  }
  return undefined;
}

/** The delay of the first Alert-Info entry that asks for auto-answer; 0 when its `delay` is absent or unreadable. */
function alertInfoAutoAnswerDelay(value: string): number | undefined {
  for (const entry of entriesOf(value)) {
    const parts = splitOutsideBrackets(entry, ';');
    const head = parts[0]?.trim() ?? '';
    const info = parameter(entry, 'info');
    const bareWord = head.startsWith('<') || head.includes('=') ? undefined : head;
    if ([info, bareWord].some((word) => word !== undefined && AUTO_ANSWER_ALERT_WORDS.has(compactWord(word)))) {
      const delay = parameter(entry, 'delay');
      return (delay === undefined ? undefined : delaySeconds(delay)) ?? 0;
    }
  }
  return undefined;
}

function entriesOf(value: string): string[] {
  return splitOutsideBrackets(value, ',').slice(0, MAX_ENTRIES_PER_VALUE);
}

/**
 * Value of `name=value` among an entry's `;`-separated parts. The first part is included because
 * some PBXs send the parameters without a URI (`Call-Info: answer-after=0`).
 */
function parameter(entry: string, name: string): string | undefined {
  for (const part of splitOutsideBrackets(entry, ';')) {
    const equals = part.indexOf('=');
    if (equals < 0) continue;
    if (part.slice(0, equals).trim().toLowerCase() === name) return unquote(part.slice(equals + 1));
  }
  return undefined;
}

function delaySeconds(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  return Math.min(Number(text), MAX_AUTO_ANSWER_DELAY_SECONDS);
}

function compactWord(word: string): string {
  return word.toLowerCase().replace(/[\s_-]/g, '');
}

function unquote(text: string): string {
  const trimmed = text.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).trim() : trimmed;
}

/** Splits on `separator` except inside `<...>` URIs and `"..."` quoted strings (with `\` escapes). */
function splitOutsideBrackets(text: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let start = 0;
  let inAngle = false;
  let inQuotes = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (inQuotes) {
      if (char === '\\') index += 1;
      else if (char === '"') inQuotes = false;
    } else if (inAngle) {
      if (char === '>') inAngle = false;
    } else if (char === '"') {
      inQuotes = true;
    } else if (char === '<') {
      inAngle = true;
    } else if (char === separator) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function firstDefined(values: string[], read: (value: string) => number | undefined): number | undefined {
  for (const value of values) {
    const result = read(value);
    if (result !== undefined) return result;
  }
  return undefined;
}
