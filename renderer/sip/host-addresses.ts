// How many host addresses this machine's ICE gathering produces, learnt from the last gathering
// that ran to completion. An offer or answer that waits for host candidates only
// (ice-readiness.ts) otherwise gives every first candidate a settle time (HOST_SETTLE_MS) for
// its siblings on other interfaces, and most machines have one: on the test bed the 200 OK
// waited ~3-5 ms per call for a candidate that never came. Once every address the last
// complete gathering produced is in, the description goes.
//
// A network that changed shows in the next complete gathering: one more interface (a VPN, a
// dock) then counts from that call on; the call in between still has the addresses it knew,
// which were enough for the last one. Only UDP candidates count, as they are what the wait
// itself is for (candidateSatisfies).

/** The address of a UDP host candidate's SDP line (`candidate:...`), or undefined for any other. */
export function udpHostAddress(candidateLine: string): string | undefined {
  // candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> ...
  const fields = candidateLine.replace(/^a=/, '').split(/\s+/);
  if (fields.length < 8 || fields[2]?.toLowerCase() !== 'udp' || fields[6] !== 'typ' || fields[7] !== 'host') return undefined;
  return fields[4];
}

export class HostAddresses {
  private expected: number | undefined;

  /** A gathering completed with these distinct UDP host addresses. */
  learn(addresses: number): void {
    if (addresses > 0) this.expected = addresses;
  }

  /** Whether `seen` distinct UDP host addresses are every one the last complete gathering had. */
  allIn(seen: number): boolean {
    return this.expected !== undefined && seen >= this.expected;
  }
}
