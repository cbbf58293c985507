// What the init-script probes (probes.ts) record in every benchmarked page, read by the agents.
// The probes run before any page script, so both implementations are observed by the very
// same code at the very same points.

export interface InviteArrival {
  callId: string;
  /** performance.now() when the INVITE's WebSocket message event fired. */
  at: number;
}

/** An INVITE, or a 200 OK answering one, that the page sent on its WebSocket. */
export interface SentInviteMessage {
  kind: 'invite' | 'invite-ok';
  callId: string;
  /** performance.now() when WebSocket.send() was called with it. */
  at: number;
}

export interface TrackedPeerConnection {
  pc: RTCPeerConnection;
  createdAt: number;
}

export interface ProbeRegistry {
  inviteArrivals: InviteArrival[];
  sent: SentInviteMessage[];
  peerConnections: TrackedPeerConnection[];
}

declare global {
  interface Window {
    __benchProbes?: ProbeRegistry;
  }
}

export function probeRegistry(): ProbeRegistry {
  const registry = window.__benchProbes;
  if (!registry) throw new Error('the bench probes are not installed: add dist/bench/probes.js as an init script');
  return registry;
}
