// A STUN server that did not answer the last call is not waited for again. With the server
// unreachable (down, or its UDP dropped by a firewall, as on many office networks) every call's
// offer would otherwise wait out the gathering bound (ice-readiness.ts, 250 ms) for nothing: a
// call dialled without typing took 343 ms to be answered instead of ~100. Until the server is
// heard from again, an offer or answer leaves once its host candidates are in. It is heard
// from again whenever one of its candidates arrives, on any connection and at any time,
// including after the description left (gathering goes on for the call), so the next call
// waits for it again.
//
// A server that answers but has nothing to add is treated the same way: where no NAT stands
// between the phone and the server (a public IPv4 address, most IPv6 networks, the test bed's
// loopback), the address it reports is the host candidate's own, the browser drops that
// duplicate, and every call dialled without typing waited for gathering to complete (~120 ms
// here) for a candidate that never comes. Once gathering completed with nothing from the server,
// the host candidates are enough, until one of its candidates arrives (the network changed).
//
// STUN only: a TURN server that was slow once stays awaited, since behind some NATs a relay
// candidate is the only way media can flow at all; a server-reflexive one rarely is (the far
// end's own candidates, or the peer-reflexive ones ICE learns, usually do the same job).

export class SilentStun {
  private silent = false;

  /** Whether the last gathering waited out its bound without a word from the server. */
  get isSilent(): boolean {
    return this.silent;
  }

  /**
   * A description left with nothing from the server: on the gathering bound (it did not
   * answer), or with gathering complete (its answer added nothing here).
   */
  noteNothingFromServer(): void {
    this.silent = true;
  }

  /** A server-reflexive (or relay) candidate arrived: the server answers again. */
  noteServerAnswered(): void {
    this.silent = false;
  }
}
