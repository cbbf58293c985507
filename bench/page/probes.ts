// Init script for every benchmarked page (context.addInitScript). It wraps the two browser
// APIs both implementations go through, so neither needs to cooperate to be measured:
// - WebSocket: time each incoming text frame that starts with "INVITE " (the listener is added
//   in the constructor, before SIP.js adds its own, so the stamp precedes any SIP.js work), and
//   each INVITE or 200-OK-to-INVITE sent (where the set-up time goes: offer, then answer);
// - RTCPeerConnection: remember every connection, so first inbound audio can be polled with
//   getStats() without reaching into SIP.js internals.
import type { ProbeRegistry } from './probe-registry';

const registry: ProbeRegistry = { inviteArrivals: [], sent: [], peerConnections: [] };
window.__benchProbes = registry;

const CALL_ID_HEADER = /^(?:Call-ID|i)[ \t]*:[ \t]*(.+?)[ \t]*$/im;
const CSEQ_INVITE = /^CSeq[ \t]*:[ \t]*\d+[ \t]+INVITE[ \t]*$/im;

function sentKind(text: string): 'invite' | 'invite-ok' | undefined {
  if (text.startsWith('INVITE ')) return 'invite';
  if (text.startsWith('SIP/2.0 200') && CSEQ_INVITE.test(text)) return 'invite-ok';
  return undefined;
}

class ProbedWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.addEventListener('message', (event: MessageEvent) => {
      const at = performance.now();
      if (typeof event.data !== 'string' || !event.data.startsWith('INVITE ')) return;
      const callId = CALL_ID_HEADER.exec(event.data)?.[1];
      if (callId) registry.inviteArrivals.push({ callId, at });
    });
  }

  override send(data: Parameters<WebSocket['send']>[0]): void {
    const at = performance.now();
    const kind = typeof data === 'string' ? sentKind(data) : undefined;
    const callId = kind && typeof data === 'string' ? CALL_ID_HEADER.exec(data)?.[1] : undefined;
    if (kind && callId) registry.sent.push({ kind, callId, at });
    super.send(data);
  }
}

class ProbedPeerConnection extends RTCPeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    registry.peerConnections.push({ pc: this, createdAt: performance.now() });
  }
}

window.WebSocket = ProbedWebSocket;
window.RTCPeerConnection = ProbedPeerConnection;
