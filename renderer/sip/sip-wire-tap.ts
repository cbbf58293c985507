// The moments SIP messages cross the WebSocket, for the call timelines: an INVITE or ACK sent,
// a 100/180/200 received, our 200 OK sent. SIP.js reports most of these late or not at all
// (its delegates run after parsing and transaction work), so the transport itself is tapped:
// the stamp is taken as the text leaves or arrives, before SIP.js does anything with it.

export interface SipMessageSummary {
  /** The request method, or undefined for a response. */
  method?: string;
  /** The response status code, or undefined for a request. */
  status?: number;
  callId: string;
  /** The method named in CSeq (what a response answers). */
  cseqMethod: string;
}

const CALL_ID = /^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)[ \t]*$/im;
const CSEQ = /^CSeq[ \t]*:[ \t]*\d+[ \t]+([A-Z]+)[ \t]*$/im;
const STATUS_LINE = /^SIP\/2\.0 (\d{3}) /;
const REQUEST_LINE = /^([A-Z]+) \S+ SIP\/2\.0\r?$/m;

/** The start line, Call-ID and CSeq method of a SIP message's text; null when it is not one. */
export function summarizeSipMessage(text: string): SipMessageSummary | null {
  const head = text.slice(0, text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') : Math.min(text.length, 4096));
  const callId = CALL_ID.exec(head)?.[1];
  const cseqMethod = CSEQ.exec(head)?.[1];
  if (!callId || !cseqMethod) return null;
  const status = STATUS_LINE.exec(head);
  if (status) return { status: Number(status[1]), callId, cseqMethod };
  const firstLine = head.split('\n', 1)[0] ?? '';
  const request = REQUEST_LINE.exec(firstLine);
  if (!request) return null;
  return { method: request[1], callId, cseqMethod };
}

export type WireDirection = 'sent' | 'received';

export type WireObserver = (message: SipMessageSummary, direction: WireDirection, at: number) => void;

interface TappableTransport {
  send(message: string): Promise<void>;
  onMessage: ((message: string) => void) | undefined;
}

/**
 * Reports every SIP message the transport sends or receives to `observer`. UserAgent sets the
 * transport's `onMessage` in its constructor, so tap after constructing it. Observer errors
 * never reach SIP.js.
 */
export function tapTransport(transport: TappableTransport, observer: WireObserver): void {
  const observe = (text: string, direction: WireDirection, at: number) => {
    try {
      const summary = summarizeSipMessage(text);
      if (summary) observer(summary, direction, at);
    } catch (error) {
      console.warn('SIP wire tap failed', error);
    }
  };
  const send = transport.send.bind(transport);
  transport.send = (message: string) => {
    const at = performance.now();
    const sent = send(message);
    observe(message, 'sent', at);
    return sent;
  };
  const receive = transport.onMessage;
  transport.onMessage = (message: string) => {
    observe(message, 'received', performance.now());
    receive?.(message);
  };
}
