// SIP.js's SessionDescriptionHandler makes its RTCPeerConnection in its constructor and offers
// no way to be handed one. A call that adopts a connection made earlier (warm-up.ts: the one
// made while a number was typed) would pay for a new connection and its close, only to throw it
// away, between the Call press and the INVITE: 5 ms to make one (median, up to 40 ms on a busy
// 2-core machine) and 1.3 ms to close it. So for that one synchronous constructor call, the
// global `RTCPeerConnection` is a function that hands over the adopted connection; the real
// constructor is back before the call returns, whether it returns or throws.

type PeerConnectionConstructor = typeof RTCPeerConnection;

/** Runs `construct`, in which the first `new RTCPeerConnection(...)` gives `connection`. */
export function constructAdopting<T>(connection: RTCPeerConnection | undefined, construct: () => T): T {
  if (!connection) return construct();
  const scope = globalThis as unknown as { RTCPeerConnection: PeerConnectionConstructor };
  const original = scope.RTCPeerConnection;
  let handedOver = false;
  // A plain function: `new` on it returns the object it returns.
  function AdoptedPeerConnection(...args: ConstructorParameters<PeerConnectionConstructor>): RTCPeerConnection {
    if (handedOver) return new original(...args);
    handedOver = true;
    return connection!;
  }
  scope.RTCPeerConnection = AdoptedPeerConnection as unknown as PeerConnectionConstructor;
  try {
    return construct();
  } finally {
    scope.RTCPeerConnection = original;
  }
}
