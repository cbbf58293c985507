// Whether an incoming INVITE's offer is one this phone can answer, decided before it rings: a
// browser only speaks ICE + DTLS-SRTP, so an offer without them (or with no codec Chromium can
// decode) would ring, then fail on Answer. Such an INVITE gets 488 at once instead.

/** Why an offer cannot be used; `null` from checkOffer means it can. */
export type OfferProblem = 'malformed' | 'insecure-transport' | 'no-fingerprint' | 'no-ice' | 'no-codec';

const SECURE_PROTOCOLS = new Set(['UDP/TLS/RTP/SAVPF', 'TCP/DTLS/RTP/SAVPF']);
// Names that carry no media of their own: an offer with only these has nothing to play.
const NOT_MEDIA = new Set(['telephone-event', 'cn', 'red', 'ulpfec', 'flexfec-03', 'rtx', 'comfort-noise']);
/** What Chromium decodes when the page cannot ask (RTCRtpReceiver.getCapabilities missing). */
const FALLBACK_DECODABLE: Record<'audio' | 'video', string[]> = {
  audio: ['opus', 'pcmu', 'pcma', 'g722', 'isac', 'ilbc'],
  video: ['vp8', 'vp9', 'h264', 'av1'],
};
/** RFC 3551 static payload types, used when an offer lists them without an rtpmap line. */
const STATIC_PAYLOADS: Record<string, string> = { '0': 'pcmu', '8': 'pcma', '9': 'g722', '26': 'jpeg', '34': 'h263' };

interface MediaSection {
  kind: string;
  port: number;
  protocol: string;
  formats: string[];
  attributes: string[];
}

/**
 * What the browser decodes does not change while the page lives, and asking it costs a few
 * milliseconds on every INVITE (on the path to the 200 OK): asked once per kind.
 */
const decodableByKind = new Map<'audio' | 'video', ReadonlySet<string>>();

/** The codec names (lower case, e.g. `opus`) the browser can decode for a media kind. */
export function decodableCodecs(kind: 'audio' | 'video'): ReadonlySet<string> {
  let known = decodableByKind.get(kind);
  if (!known) {
    const asked = askBrowser(kind);
    known = asked ?? new Set(FALLBACK_DECODABLE[kind]);
    // The fixed list stands in only while the browser gives no answer: ask again next time.
    if (asked) decodableByKind.set(kind, asked);
  }
  return known;
}

function askBrowser(kind: 'audio' | 'video'): Set<string> | undefined {
  try {
    const capabilities = globalThis.RTCRtpReceiver?.getCapabilities?.(kind);
    if (capabilities?.codecs.length) {
      return new Set(capabilities.codecs.map((c) => c.mimeType.split('/')[1]?.toLowerCase() ?? '').filter(Boolean));
    }
  } catch {
    // The fixed list stands in.
  }
  return undefined;
}

/**
 * Checks an offer. An empty body is fine: SIP.js then sends its own offer in the 200 (an
 * offerless INVITE). Otherwise at least one audio or video stream must be usable: a secure
 * WebRTC profile, a DTLS fingerprint and ICE credentials (at session or media level), and a
 * codec the browser decodes. The first problem met on the best stream is reported.
 */
export function checkOffer(sdp: string, decodable: (kind: 'audio' | 'video') => ReadonlySet<string> = decodableCodecs): OfferProblem | null {
  if (sdp.trim() === '') return null;
  const parsed = parseSdp(sdp);
  if (!parsed) return 'malformed';
  const streams = parsed.media.filter((m) => (m.kind === 'audio' || m.kind === 'video') && m.port > 0);
  if (streams.length === 0) return 'malformed';
  const ranked: OfferProblem[] = ['insecure-transport', 'no-fingerprint', 'no-ice', 'no-codec'];
  let best = -1;
  for (const stream of streams) {
    const problem = streamProblem(stream, parsed.session, decodable(stream.kind as 'audio' | 'video'));
    if (problem === null) return null;
    best = Math.max(best, ranked.indexOf(problem));
  }
  return ranked[best] ?? 'malformed';
}

function streamProblem(stream: MediaSection, session: string[], decodable: ReadonlySet<string>): OfferProblem | null {
  if (!SECURE_PROTOCOLS.has(stream.protocol.toUpperCase())) return 'insecure-transport';
  const has = (name: string) => [...session, ...stream.attributes].some((a) => a.toLowerCase().startsWith(`${name}:`) && a.length > name.length + 1);
  if (!has('fingerprint')) return 'no-fingerprint';
  if (!has('ice-ufrag') || !has('ice-pwd')) return 'no-ice';
  const names = new Map<string, string>();
  for (const attribute of stream.attributes) {
    const rtpmap = /^rtpmap:(\d+)\s+([^/\s]+)/i.exec(attribute);
    if (rtpmap) names.set(rtpmap[1]!, rtpmap[2]!.toLowerCase());
  }
  const usable = stream.formats.some((format) => {
    const name = names.get(format) ?? STATIC_PAYLOADS[format];
    return name !== undefined && !NOT_MEDIA.has(name) && decodable.has(name);
  });
  return usable ? null : 'no-codec';
}

function parseSdp(sdp: string): { session: string[]; media: MediaSection[] } | null {
  const lines = sdp.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (lines[0] !== 'v=0') return null;
  const session: string[] = [];
  const media: MediaSection[] = [];
  for (const line of lines) {
    if (!/^[a-z]=/.test(line)) return null;
    const value = line.slice(2);
    if (line.startsWith('m=')) {
      const m = /^(\S+) (\d+)(?:\/\d+)? (\S+)((?: \S+)+)$/.exec(value);
      if (!m) return null;
      media.push({ kind: m[1]!.toLowerCase(), port: Number(m[2]), protocol: m[3]!, formats: m[4]!.trim().split(/\s+/), attributes: [] });
    } else if (line.startsWith('a=')) {
      (media.length ? media[media.length - 1]!.attributes : session).push(value);
    }
  }
  return { session, media };
}

/** RFC 3261 §20.43 Warning text for the 488, so the far end's logs say why. */
export function offerWarningHeader(problem: OfferProblem): string {
  const [code, text] = (
    {
      malformed: [399, 'Malformed session description'],
      'insecure-transport': [302, 'Incompatible transport protocol: WebRTC needs UDP/TLS/RTP/SAVPF'],
      'no-fingerprint': [399, 'No DTLS fingerprint in the offer'],
      'no-ice': [399, 'No ICE credentials in the offer'],
      'no-codec': [305, 'Incompatible media format'],
    } as const
  )[problem];
  return `Warning: ${code} softphone "${text}"`;
}
