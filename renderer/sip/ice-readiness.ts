// SIP.js sends its offer only once ICE gathering is "complete" (it does not trickle), and by
// default waits up to 5 s for that. Gathering often dawdles on candidates the call will never
// use (TCP, extra interfaces, a STUN server that does not answer), so we send as soon as we
// hold the best kind of candidate the configuration can produce, plus a short settle time for
// its siblings. This decides which candidate is "good enough".

export type CandidateKind = 'host' | 'srflx' | 'prflx' | 'relay';

export interface IceServerLike {
  urls: string | string[];
}

/** The candidate kind worth waiting for with these ICE servers. */
export function awaitedCandidateKind(iceServers: readonly IceServerLike[]): CandidateKind {
  const urls = iceServers.flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]));
  if (urls.some((u) => /^turns?:/i.test(u))) return 'relay';
  if (urls.some((u) => /^stuns?:/i.test(u))) return 'srflx';
  return 'host';
}

/** Whether a gathered candidate (its SDP `candidate:` line) settles the wait. */
export function candidateSatisfies(candidateLine: string, awaited: CandidateKind): boolean {
  const match = / typ (host|srflx|prflx|relay)\b/.exec(candidateLine);
  if (!match) return false;
  // Only UDP candidates: a TCP-only offer works much worse for media.
  if (!/ udp /i.test(candidateLine)) return false;
  const kind = match[1] as CandidateKind;
  if (awaited === 'host') return true;
  if (awaited === 'srflx') return kind === 'srflx' || kind === 'relay';
  return kind === 'relay';
}
