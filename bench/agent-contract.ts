// What the Node driver asks of a benchmarked page. The baseline page (plain SIP.js) and our
// app (the e2e build, driven through `window.__softphone`) each install an agent with this
// shape as `window.benchAgent`, so the driver runs one identical script against both and every
// timestamp is taken the same way: `performance.now()` inside the page that saw the event.

export interface LineOptions {
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
}

export interface DialTimings {
  /** The SIP Call-ID of the call, to match the callee's record. */
  callId: string;
  /** performance.now() in the caller's page when the call was requested. */
  startedAt: number;
  /** Dial -> the caller's session is Established (200 OK received, answer applied). */
  establishedMs: number;
  /** Dial -> the caller's peer connection has received its first inbound audio packet. */
  firstAudioMs: number;
}

export interface RingTimings {
  /** INVITE text frame arrived on the callee's WebSocket (page time). */
  inviteAt: number;
  /** Ringing became visible: the Answer button entered the DOM (ours) or `onInvite` ran (baseline). */
  shownAt: number;
  /** Next animation frame after `shownAt` (ours only: the frame that paints the button). */
  paintedAt: number | null;
}

export interface BenchAgent {
  /** Open the socket and REGISTER (digest auth included); resolves with the time to the 200 OK. */
  register(options: LineOptions): Promise<number>;
  /** Unregister and close the socket (not timed). */
  unregister(): Promise<void>;
  /** Callee: answer every incoming call at once, and get ready to time the next ringing. */
  armCallee(): void;
  /** Caller: dial `target` and time the call set-up. */
  dial(target: string): Promise<DialTimings>;
  /** Callee: the ringing timings of the call with this Call-ID (waits for them). */
  ringing(callId: string): Promise<RingTimings>;
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
