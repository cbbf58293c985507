// Every request that reaches the phone gets an answer. SIP.js's UserAgent silently drops a
// message its parser rejects (a control character in the From display name, a missing Call-ID):
// the caller then retransmits for 32 s and gives up with no idea why. Here a request SIP.js
// cannot take is answered 400 Bad Request over the same connection, with the Via, From, To,
// Call-ID and CSeq copied as RFC 3261 §8.2.6 asks (as far as they can be read at all).
//
// Knowing whether SIP.js can take a request means parsing it with SIP.js's own parser. SIP.js
// then parses the same text again in its UserAgent; a request the guard just parsed is handed
// over to it instead (shareParsedRequests): parsed twice, every INVITE cost the page another
// 2-5 ms and ~300 KB of garbage (a sixth of all the page allocated per set-up) while it was
// being answered.

import { Core, type UserAgent } from 'sip.js';

const MANDATORY = ['via', 'from', 'to', 'call-id', 'cseq'] as const;
const COMPACT: Record<string, string> = { v: 'via', f: 'from', t: 'to', i: 'call-id' };
const COPIED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);
const MAX_WARNING = 100;

/**
 * The 400 response to send for `frame`, or null when SIP.js can handle the frame itself (any
 * response, any request it parses with its mandatory headers) or when no answer can be routed
 * (no Via) or is allowed (an ACK is never answered).
 */
export function badRequestReply(frame: string): string | null {
  return screen(frame).reply;
}

interface Screened {
  /** The 400 to send, or null when SIP.js is to have the frame. */
  reply: string | null;
  /** The request as SIP.js's parser made it, when it was parsed and found fine. */
  parsed?: Core.IncomingRequestMessage;
}

function screen(frame: string): Screened {
  const firstLineEnd = frame.search(/\r?\n/);
  const firstLine = firstLineEnd === -1 ? frame : frame.slice(0, firstLineEnd);
  if (/^SIP\/2\.0\s/i.test(firstLine)) return { reply: null };
  const method = /^([A-Za-z]+)\s/.exec(firstLine)?.[1]?.toUpperCase();
  if (method === 'ACK') return { reply: null };
  const verdict = parseRequest(frame);
  if ('parsed' in verdict) return { reply: null, parsed: verdict.parsed };
  if (verdict.problem === null) return { reply: null };
  const problem = verdict.problem;
  const headers = rawHeaders(frame);
  const vias = headers.filter(([name]) => name === 'via');
  if (vias.length === 0) return { reply: null };
  const lines = ['SIP/2.0 400 Bad Request'];
  for (const [name, value] of headers) {
    if (!COPIED.has(name)) continue;
    lines.push(`${canonicalName(name)}: ${name === 'to' && !/;\s*tag=/i.test(value) ? `${value};tag=${newTag()}` : value}`);
  }
  lines.push(`Warning: 399 softphone "${printable(problem).slice(0, MAX_WARNING)}"`, 'Content-Length: 0', '', '');
  return { reply: lines.join('\r\n') };
}

/**
 * The request as SIP.js parses it, or why SIP.js would drop it (problem null: not a request,
 * a response SIP.js handles as usual).
 */
function parseRequest(frame: string): { parsed: Core.IncomingRequestMessage } | { problem: string | null } {
  const problem = (text: string | null) => ({ problem: text });
  let error = 'The request could not be parsed';
  const keep = (message: unknown) => {
    if (typeof message === 'string' && message) error = message;
  };
  const logger = { error: keep, warn: keep, log: () => undefined, debug: () => undefined } as unknown as Core.Logger;
  let message: Core.IncomingRequestMessage | Core.IncomingResponseMessage | undefined;
  try {
    message = Core.Parser.parseMessage(frame, logger);
  } catch (thrown) {
    return problem(thrown instanceof Error ? thrown.message : error);
  }
  if (!message) return problem(error);
  if (!(message instanceof Core.IncomingRequestMessage)) return problem(null);
  const missing = MANDATORY.find((name) => !message.hasHeader(name));
  if (missing) return problem(`Missing ${canonicalName(missing)} header`);
  if (!message.from || !message.to || !message.callId || !message.via || !Number.isFinite(message.cseq)) return problem('Invalid mandatory header');
  return { parsed: message };
}

/** The request the guard parsed and passes on, for SIP.js's parser to return (once, for that very text). */
let handover: { frame: string; message: Core.IncomingRequestMessage } | undefined;
let parserShared = false;

/**
 * SIP.js's parser, made to return the guard's parse of the frame being handed to SIP.js
 * instead of parsing it again. Any other text (a response, an ACK, a frame of another line)
 * is parsed as before. Installed once: SIP.js's modules call it through its namespace object.
 */
function shareParsedRequests(): void {
  if (parserShared) return;
  parserShared = true;
  const parseMessage = Core.Parser.parseMessage;
  Core.Parser.parseMessage = (data: string, logger: Core.Logger) => {
    const ready = handover;
    handover = undefined;
    return ready?.frame === data ? ready.message : parseMessage(data, logger);
  };
}

/** The header lines as sent (folded lines joined), names lower case, compact forms expanded. */
function rawHeaders(frame: string): Array<[string, string]> {
  const head = frame.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const lines = head.split(/\r?\n/).slice(1);
  const unfolded: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && unfolded.length) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else unfolded.push(line);
  }
  const headers: Array<[string, string]> = [];
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.push([COMPACT[name] ?? name, line.slice(colon + 1).trim()]);
  }
  return headers;
}

function canonicalName(name: string): string {
  return name === 'call-id' ? 'Call-ID' : name === 'cseq' ? 'CSeq' : name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f"\\]/g, ' ');
}

function newTag(): string {
  return Math.random().toString(36).slice(2, 12);
}

/**
 * Puts the guard in front of SIP.js's own handler of received frames. SIP.js sets
 * `transport.onMessage` once, in the UserAgent constructor, so this runs right after it.
 */
export function answerMalformedRequests(userAgent: UserAgent): UserAgent {
  shareParsedRequests();
  const transport = userAgent.transport;
  const deliver = transport.onMessage;
  transport.onMessage = (frame: string) => {
    let screened: Screened;
    try {
      screened = screen(frame);
    } catch {
      screened = { reply: null };
    }
    if (screened.reply === null) {
      // SIP.js handles the frame synchronously: its parse of it is the guard's.
      handover = screened.parsed ? { frame, message: screened.parsed } : undefined;
      try {
        deliver?.(frame);
      } finally {
        handover = undefined;
      }
      return;
    }
    transport.send(screened.reply).catch(() => undefined);
  };
  return userAgent;
}
