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

// When the offer (or answer) may leave: RFC 5245 §12.1 asks to gather before the INVITE, not
// to wait for every last candidate. The decision is pure so it can be tested without a browser;
// softphone-sdh.ts feeds it what the peer connection reported and re-asks when it says to.

/** Time left for sibling candidates (other interfaces, IPv6: gathered together) once a usable one arrived. */
export const HOST_SETTLE_MS = 5;
/** After the first server-reflexive/relay candidate: its siblings (one per interface) follow within a few ms. */
export const SERVER_GRACE_MS = 10;
/**
 * Hard bound from the start of gathering: a STUN/TURN server that has not answered by then is
 * not waited for (SIP.js waits 5 s, Chromium ~40 s). 250 ms covers a STUN round trip to a
 * server on another continent; the call goes out with the candidates it has.
 */
export const GATHERING_BOUND_MS = 250;
/** With no usable candidate at all by then, send anyway: waiting longer rarely helps. */
export const GATHERING_CAP_MS = 1000;

export interface GatheringProgress {
  /** Milliseconds since the local description was set (candidates, pooled ones too, are reported from then). */
  elapsedMs: number;
  /** Elapsed time when the first usable (UDP) candidate of any kind arrived. */
  firstCandidateMs?: number;
  /** Elapsed time when the first candidate of the awaited kind (see awaitedCandidateKind) arrived. */
  awaitedCandidateMs?: number;
  /** The browser said gathering is complete. */
  complete: boolean;
  /**
   * Every UDP host address the last complete gathering produced is in (host-addresses.ts):
   * no sibling is left to settle for.
   */
  allHostsIn?: boolean;
}

export type GatheringReason = 'complete' | 'host' | 'server' | 'bound' | 'cap' | 'silent-server';

export type GatheringDecision = { send: true; reason: GatheringReason } | { send: false; checkAgainInMs: number };

/**
 * Whether the description may be sent now, and if not, when to ask again. `stunSilent`: the
 * STUN server did not answer last time (silent-stun.ts), so with STUN alone the host
 * candidates are enough until it is heard from again.
 */
export function gatheringDecision(progress: GatheringProgress, awaited: CandidateKind, stunSilent = false): GatheringDecision {
  const { elapsedMs, firstCandidateMs, awaitedCandidateMs } = progress;
  if (progress.complete) return { send: true, reason: 'complete' };
  // What the settle time waits for (the other interfaces' host candidates) is all here.
  const settle = progress.allHostsIn ? 0 : HOST_SETTLE_MS;
  if (stunSilent && awaited === 'srflx' && awaitedCandidateMs === undefined && firstCandidateMs !== undefined) {
    const at = firstCandidateMs + settle;
    if (elapsedMs >= at) return { send: true, reason: 'silent-server' };
    return { send: false, checkAgainInMs: Math.max(1, at - elapsedMs) };
  }
  const waits: number[] = [];
  if (awaitedCandidateMs !== undefined) {
    const grace = awaited === 'host' ? settle : SERVER_GRACE_MS;
    const at = awaitedCandidateMs + grace;
    if (elapsedMs >= at) return { send: true, reason: awaited === 'host' ? 'host' : 'server' };
    waits.push(at - elapsedMs);
  }
  if (firstCandidateMs !== undefined) {
    // Past the bound, the candidates in hand go out (after their own settle time).
    const at = Math.max(GATHERING_BOUND_MS, firstCandidateMs + HOST_SETTLE_MS);
    if (elapsedMs >= at) return { send: true, reason: 'bound' };
    waits.push(at - elapsedMs);
  } else {
    if (elapsedMs >= GATHERING_CAP_MS) return { send: true, reason: 'cap' };
    waits.push(GATHERING_CAP_MS - elapsedMs);
  }
  return { send: false, checkAgainInMs: Math.max(1, Math.min(...waits)) };
}
