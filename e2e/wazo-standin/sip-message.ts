// TEST EQUIPMENT. Just enough SIP reading for the stand-in to follow the calls it relays
// (RFC 3261 message shape, RFC 7118: one SIP message per WebSocket message): start line,
// the few headers it needs (compact forms included), and the SDP direction of a re-INVITE.

export interface SipMessage {
  method: string | null;
  status: number | null;
  requestUser: string | null;
  callId: string;
  cseqMethod: string;
  fromUser: string | null;
  fromDisplay: string;
  toTag: string | null;
  toUser: string | null;
  body: string;
}

const COMPACT: Record<string, string> = { i: 'call-id', f: 'from', t: 'to', m: 'contact', c: 'content-type', l: 'content-length', v: 'via' };

function userOf(value: string): string | null {
  const match = /sips?:([^@;>]+)@/i.exec(value);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

function tagOf(nameAddr: string): string | null {
  // Parameters after the URI (outside <>), e.g. `<sip:a@b>;tag=xyz`.
  const afterUri = nameAddr.includes('>') ? nameAddr.slice(nameAddr.lastIndexOf('>')) : nameAddr;
  return /;\s*tag=([^;\s]+)/i.exec(afterUri)?.[1] ?? null;
}

function displayOf(nameAddr: string): string {
  const quoted = /^\s*"((?:[^"\\]|\\.)*)"/.exec(nameAddr);
  if (quoted) return quoted[1]!.replace(/\\(.)/g, '$1');
  const bare = /^\s*([^<"]+?)\s*</.exec(nameAddr);
  return bare?.[1]?.trim() ?? '';
}

export function parseSipMessage(text: string): SipMessage | null {
  const headerEnd = text.indexOf('\r\n\r\n');
  const head = headerEnd < 0 ? text : text.slice(0, headerEnd);
  const body = headerEnd < 0 ? '' : text.slice(headerEnd + 4);
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  const callId = headers.get('call-id');
  const cseq = headers.get('cseq');
  if (!callId || !cseq) return null;
  const response = /^SIP\/2\.0\s+(\d{3})/.exec(startLine);
  const request = /^([A-Z]+)\s+(\S+)\s+SIP\/2\.0$/.exec(startLine);
  if (!response && !request) return null;
  const from = headers.get('from') ?? '';
  const to = headers.get('to') ?? '';
  return {
    method: request?.[1] ?? null,
    status: response ? Number(response[1]) : null,
    requestUser: request?.[2] ? userOf(request[2]) : null,
    callId,
    cseqMethod: cseq.split(/\s+/)[1]?.toUpperCase() ?? '',
    fromUser: userOf(from),
    fromDisplay: displayOf(from),
    toTag: tagOf(to),
    toUser: userOf(to),
    body,
  };
}

/** The media direction an SDP offers for its audio: what says "hold" in a re-INVITE. */
export function sdpDirection(sdp: string): 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' {
  const match = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(sdp);
  return (match?.[1] as 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' | undefined) ?? 'sendrecv';
}

export function sdpHasVideo(sdp: string): boolean {
  return /^m=video [1-9]/m.test(sdp);
}
