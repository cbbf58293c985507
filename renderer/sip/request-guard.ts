// Every request that reaches the phone gets an answer. SIP.js's UserAgent silently drops a
// message its parser rejects (a control character in the From display name, a missing Call-ID):
// the caller then retransmits for 32 s and gives up with no idea why. Here a request SIP.js
// cannot take is answered 400 Bad Request over the same connection, with the Via, From, To,
// Call-ID and CSeq copied as RFC 3261 §8.2.6 asks (as far as they can be read at all).

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
  const firstLineEnd = frame.search(/\r?\n/);
  const firstLine = firstLineEnd === -1 ? frame : frame.slice(0, firstLineEnd);
  if (/^SIP\/2\.0\s/i.test(firstLine)) return null;
  const method = /^([A-Za-z]+)\s/.exec(firstLine)?.[1]?.toUpperCase();
  if (method === 'ACK') return null;
  const problem = parserProblem(frame);
  if (problem === null) return null;
  const headers = rawHeaders(frame);
  const vias = headers.filter(([name]) => name === 'via');
  if (vias.length === 0) return null;
  const lines = ['SIP/2.0 400 Bad Request'];
  for (const [name, value] of headers) {
    if (!COPIED.has(name)) continue;
    lines.push(`${canonicalName(name)}: ${name === 'to' && !/;\s*tag=/i.test(value) ? `${value};tag=${newTag()}` : value}`);
  }
  lines.push(`Warning: 399 softphone "${printable(problem).slice(0, MAX_WARNING)}"`, 'Content-Length: 0', '', '');
  return lines.join('\r\n');
}

/** Why SIP.js would drop this request, or null when it takes it. */
function parserProblem(frame: string): string | null {
  let error = 'The request could not be parsed';
  const keep = (message: unknown) => {
    if (typeof message === 'string' && message) error = message;
  };
  const logger = { error: keep, warn: keep, log: () => undefined, debug: () => undefined } as unknown as Core.Logger;
  let message: Core.IncomingRequestMessage | Core.IncomingResponseMessage | undefined;
  try {
    message = Core.Parser.parseMessage(frame, logger);
  } catch (thrown) {
    return thrown instanceof Error ? thrown.message : error;
  }
  if (!message) return error;
  if (!(message instanceof Core.IncomingRequestMessage)) return null;
  const missing = MANDATORY.find((name) => !message.hasHeader(name));
  if (missing) return `Missing ${canonicalName(missing)} header`;
  if (!message.from || !message.to || !message.callId || !message.via || !Number.isFinite(message.cseq)) return 'Invalid mandatory header';
  return null;
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
  const transport = userAgent.transport;
  const deliver = transport.onMessage;
  transport.onMessage = (frame: string) => {
    let reply: string | null = null;
    try {
      reply = badRequestReply(frame);
    } catch {
      reply = null;
    }
    if (reply === null) {
      deliver?.(frame);
      return;
    }
    transport.send(reply).catch(() => undefined);
  };
  return userAgent;
}
