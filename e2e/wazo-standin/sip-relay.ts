// TEST EQUIPMENT. The SIP WebSocket of the stand-in (/api/asterisk/ws): every message is
// passed on unchanged, both ways, between the phone and the test Kamailio (as nginx passes
// Wazo's to Asterisk), and read on the way to learn the line's calls, as Asterisk knows them.

import { WebSocket } from 'ws';
import type { CallRecord, CallRegistry, LineOwner } from './calls';
import { parseSipMessage, sdpDirection, sdpHasVideo, type SipMessage } from './sip-message';

class SipConnectionObserver {
  private owner: LineOwner | undefined;
  private readonly mine = new Set<string>();

  constructor(private readonly registry: CallRegistry) {}

  fromPhone(text: string): void {
    const message = parseSipMessage(text);
    if (!message) return;
    if (message.method === 'REGISTER') this.owner ??= this.registry.lineOf(message.fromUser);
    const call = this.call(message);
    if (message.method === 'INVITE' && !message.toTag) {
      this.owner ??= this.registry.lineOf(message.fromUser);
      if (!call && this.owner) this.track(this.registry.created(this.owner, message.callId, {
        isCaller: true,
        callerName: `${this.owner.user.firstname} ${this.owner.user.lastname}`,
        callerNumber: this.owner.line.sip?.username ?? '',
        peerName: '',
        peerNumber: message.requestUser ?? '',
        dialedExtension: message.requestUser ?? '',
        isVideo: sdpHasVideo(message.body),
        peerSipUser: message.requestUser,
      }));
      return;
    }
    if (!call) return;
    if (message.method === 'INVITE' && message.body) {
      // A re-INVITE of ours: sendonly or inactive is hold, sendrecv again is resume.
      const direction = sdpDirection(message.body);
      this.registry.held(call, direction === 'sendonly' || direction === 'inactive');
    } else if (message.method === 'BYE' || message.method === 'CANCEL') {
      this.registry.ended(call);
    } else if (message.status !== null && message.cseqMethod === 'INVITE' && !call.isCaller) {
      // Our answer to an incoming call.
      if (message.status >= 200 && message.status < 300) this.registry.answered(call);
      else if (message.status >= 300) this.registry.ended(call);
    }
  }

  toPhone(text: string): void {
    const message = parseSipMessage(text);
    if (!message) return;
    const call = this.call(message);
    if (message.method === 'INVITE' && !message.toTag) {
      this.owner ??= this.registry.lineOf(message.toUser);
      if (!call && this.owner) this.track(this.registry.created(this.owner, message.callId, {
        isCaller: false,
        callerName: message.fromDisplay,
        callerNumber: message.fromUser ?? '',
        peerName: `${this.owner.user.firstname} ${this.owner.user.lastname}`,
        peerNumber: this.owner.line.sip?.username ?? '',
        dialedExtension: this.owner.line.sip?.username ?? '',
        isVideo: sdpHasVideo(message.body),
        peerSipUser: message.fromUser,
      }));
      return;
    }
    if (!call) return;
    if (message.method === 'BYE' || message.method === 'CANCEL') {
      this.registry.ended(call);
    } else if (message.status !== null && message.cseqMethod === 'INVITE' && call.isCaller) {
      // The far end's answer to our call; 401/407 are challenges the phone answers again.
      if (message.status >= 200 && message.status < 300) this.registry.answered(call);
      else if (message.status >= 300 && message.status !== 401 && message.status !== 407) this.registry.ended(call);
    }
  }

  /** The connection is gone: so are its calls. */
  closed(): void {
    for (const sipCallId of this.mine) {
      const call = this.registry.live(sipCallId);
      if (call) this.registry.ended(call);
    }
  }

  private call(message: SipMessage): CallRecord | undefined {
    return this.mine.has(message.callId) ? this.registry.live(message.callId) : undefined;
  }

  private track(call: CallRecord): void {
    this.mine.add(call.sipCallId);
  }
}

export function relaySipConnection(phone: WebSocket, upstreamUrl: string, origin: string, registry: CallRegistry): void {
  const observer = new SipConnectionObserver(registry);
  // Kamailio answers a WebSocket handshake only with an Origin, as browsers send.
  const upstream = new WebSocket(upstreamUrl, 'sip', { origin });
  const waiting: string[] = [];
  let closed = false;
  const closeBoth = () => {
    if (closed) return;
    closed = true;
    observer.closed();
    if (phone.readyState === WebSocket.OPEN || phone.readyState === WebSocket.CONNECTING) phone.close();
    if (upstream.readyState === WebSocket.OPEN) upstream.close();
    else if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
  };
  phone.on('message', (data) => {
    const text = String(data);
    // Read before it is passed on, as a B2BUA would: its news may reach the page first.
    observer.fromPhone(text);
    if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
    else waiting.push(text);
  });
  upstream.on('open', () => {
    for (const text of waiting.splice(0)) upstream.send(text);
  });
  upstream.on('message', (data) => {
    const text = String(data);
    observer.toPhone(text);
    if (phone.readyState === WebSocket.OPEN) phone.send(text);
  });
  phone.on('close', closeBoth);
  upstream.on('close', closeBoth);
  phone.on('error', closeBoth);
  upstream.on('error', closeBoth);
}
