// What the Node driver asks of a benchmarked page. Each softphone — our app (the bench's build
// of the web target, driven through `window.__softphone`), plain SIP.js 0.21 and JsSIP 3 —
// installs an agent with this shape as `window.benchAgent`, so the driver runs one identical
// script against all three and every timestamp is taken the same way: `performance.now()`
// inside the page that saw the event.

export interface IceServerOption {
  urls: string;
  username?: string;
  credential?: string;
}

export interface LineOptions {
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
  /** The same ICE servers for every softphone of a scenario (none, coturn STUN, unreachable STUN). */
  iceServers: IceServerOption[];
}

export interface DialOptions {
  target: string;
  /**
   * Milliseconds between "the user starts typing the number" and pressing Call. Ours warms a
   * connection up when the dialpad is used (phone.warmUp, as the UI does on the first key);
   * the others have no such step and simply wait. 0: no warm-up at all (a link, a redial).
   */
  typingMs: number;
}

export interface DialTimings {
  /** The SIP Call-ID of the call, to match the callee's record. */
  callId: string;
  /** performance.now() in the caller's page when the call was requested (Call pressed). */
  startedAt: number;
  /** Dial -> the caller's session is Established (200 OK received, answer applied). */
  establishedMs: number;
  /** Dial -> the caller's peer connection has received its first inbound audio packet. */
  firstAudioMs: number;
  /** Ours only: the same two figures from the bench's own page probes, as a cross-check of the timeline. */
  probe?: { establishedMs: number; firstAudioMs: number };
}

export interface RingTimings {
  /** INVITE text frame arrived on the callee's WebSocket (page time). */
  inviteAt: number;
  /** Ringing became visible: the Answer button entered the DOM (ours) or the incoming-call callback ran (the others). */
  shownAt: number;
  /** Next animation frame after `shownAt` (ours only: the frame that paints the button). */
  paintedAt: number | null;
}

export interface AnswerTimings {
  /** performance.now() when Answer was clicked (ours: a click on the button) or the answer call made. */
  clickedAt: number;
  /** Answer -> the callee's first inbound audio packet (the user hears the caller). */
  firstAudioMs: number;
  /** Answer -> the 200 OK left the callee's socket. */
  okSentMs: number;
}

export type CalleeMode = 'immediate' | 'manual';

export interface BenchAgent {
  /** Open the socket and REGISTER (digest auth included); resolves with the time to the 200 OK. */
  register(options: LineOptions): Promise<number>;
  /** Unregister and close the socket (not timed). */
  unregister(): Promise<void>;
  /** Callee: answer every incoming call at once ('immediate'), or wait for answerNow ('manual'); get ready to time the next ringing. */
  armCallee(mode: CalleeMode): void;
  /** Caller: dial and time the call set-up. */
  dial(options: DialOptions): Promise<DialTimings>;
  /** Callee: the ringing timings of the call with this Call-ID (waits for them). */
  ringing(callId: string): Promise<RingTimings>;
  /** Callee in 'manual' mode: answer the ringing call now and time it until audio. */
  answerNow(callId: string): Promise<AnswerTimings>;
  /** Hang up every call of this page (BYE). */
  hangupAll(): Promise<void>;
  /** Resolves once this page has no call left. */
  idle(): Promise<void>;
}

declare global {
  interface Window {
    benchAgent?: BenchAgent;
  }
}
