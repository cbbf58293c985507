// Which way media flows on each m-line. SIP.js decides one direction for the whole session
// from the first `a=` direction line of the SDP, which cannot express "audio both ways, my
// camera off, theirs on". We decide per m-line, from what we want to send and whether the
// call is on hold. Hold is `inactive`: nothing flows either way, which is what a person on
// hold expects (no half-open microphone).

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

export function offerDirection(wantSend: boolean, hold: boolean): Direction {
  if (hold) return 'inactive';
  return wantSend ? 'sendrecv' : 'recvonly';
}

export function answerDirection(offered: Direction, wantSend: boolean, hold: boolean): Direction {
  if (hold) return 'inactive';
  const theySend = offered === 'sendrecv' || offered === 'sendonly';
  const theyReceive = offered === 'sendrecv' || offered === 'recvonly';
  const weSend = theyReceive && wantSend;
  if (weSend && theySend) return 'sendrecv';
  if (weSend) return 'sendonly';
  if (theySend) return 'recvonly';
  return 'inactive';
}

export interface MediaSection {
  kind: string;
  mid: string | null;
  port: number;
  direction: Direction;
}

/** The m-sections of an SDP, with their mid and direction (session-level direction as default). */
export function mediaSections(sdp: string): MediaSection[] {
  const [session = '', ...sections] = sdp.split(/\r?\n(?=m=)/);
  const sessionDirection = directionIn(session) ?? 'sendrecv';
  return sections.map((text) => {
    const m = /^m=(\S+) (\d+)/.exec(text);
    return {
      kind: m?.[1] ?? '',
      port: Number(m?.[2] ?? 0),
      mid: /\r?\na=mid:(\S+)/.exec(text)?.[1] ?? null,
      direction: directionIn(text) ?? sessionDirection,
    };
  });
}

/** Whether the far end sends us video according to its SDP (an active video m-line). */
export function remoteSendsVideo(remoteSdp: string): boolean {
  return mediaSections(remoteSdp).some(
    (s) => s.kind === 'video' && s.port !== 0 && (s.direction === 'sendrecv' || s.direction === 'sendonly'),
  );
}

/** Whether an SDP keeps a video stream at all (an m=video line whose port is not 0). */
export function videoNegotiated(sdp: string): boolean {
  return mediaSections(sdp).some((s) => s.kind === 'video' && s.port !== 0);
}

function directionIn(text: string): Direction | null {
  const match = /\r?\na=(sendrecv|sendonly|recvonly|inactive)\b/.exec(text);
  return (match?.[1] as Direction | undefined) ?? null;
}
