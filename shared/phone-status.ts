// Line and call outcomes that every process understands: the renderer produces them, the
// main process (tray, notifications) and the UI translate them. Codes are stable strings so
// that each UI language can word them; `message` is the English fallback.

export type RegistrationStatus =
  | 'unregistered'
  | 'connecting'
  | 'registering'
  | 'registered'
  | 'reconnecting'
  | 'failed';

export type PhoneErrorCode =
  // line
  | 'auth-failed' // 401/403/407 after our credentials: wrong user or password
  | 'server-unreachable' // the WebSocket never opened
  | 'bad-server-url' // the URL cannot be used at all
  | 'registration-rejected' // any other final failure to REGISTER
  | 'registration-timeout' // no answer to a REGISTER, or 408: retried
  | 'server-unavailable' // 5xx to a REGISTER: retried, after Retry-After when given
  | 'connection-lost' // socket dropped; we are reconnecting
  | 'not-registered' // an action needs a registered line
  // media devices
  | 'microphone-denied'
  | 'microphone-missing'
  | 'microphone-busy'
  | 'camera-denied'
  | 'camera-missing'
  | 'camera-busy'
  | 'screen-share-denied'
  // mid-call actions that failed and were rolled back
  | 'hold-failed'
  | 'resume-failed'
  | 'dtmf-failed'
  | 'renegotiation-failed'
  | 'transfer-failed' // a transfer could not be started (the call is not connected, no consultation yet…)
  // dialling
  | 'invalid-target'
  | 'call-failed'
  // a conference held on this phone (merge, split)
  | 'conference-failed';

export interface PhoneError {
  code: PhoneErrorCode;
  /** English sentence: what went wrong and what to do. */
  message: string;
  /** SIP status code behind the error, when there is one. */
  sipCode?: number;
}

export interface RegistrationSnapshot {
  status: RegistrationStatus;
  /** Address of record, e.g. `sip:1001@pbx.example.com`, once configured. */
  aor: string | null;
  error: PhoneError | null;
  /** Next reconnection attempt (1-based) while `status` is `reconnecting`. */
  reconnectAttempt?: number;
  /** Seconds until that attempt, as it was scheduled (rounded up). */
  retryInSeconds?: number;
}

/** Why a call ended, as the user should be told. */
export type CallEndReason =
  | 'hung-up-locally'
  | 'hung-up-remotely'
  | 'declined-locally' // we answered 603
  | 'do-not-disturb' // we answered 486 Busy Here because do-not-disturb is on: a call the user missed
  | 'declined' // the callee answered 603 Decline
  | 'busy' // 486 / 600
  | 'not-found' // 404 / 604 / 484
  | 'unavailable' // 480 / 503 / 410
  | 'no-answer' // 408 / 487 after our own timeout
  | 'canceled-locally' // we sent CANCEL
  | 'missed' // the caller cancelled before we answered
  | 'answered-elsewhere' // CANCEL with Reason: SIP;cause=200
  | 'unsupported-offer' // an incoming INVITE whose media we cannot use: refused with 488, never rang
  | 'transferred' // the far end transferred us (REFER) and the new call is up, or our call was replaced (Replaces)
  | 'transferred-away' // we transferred the far end (our REFER succeeded)
  | 'connection-lost' // the connection to the server dropped before the call was up
  | 'no-ack' // we answered, and the caller never confirmed (no ACK within 32 s)
  | 'ended-unconfirmed' // we hung up, and the BYE got no answer or an error: the far end may still think the call is up
  | 'media-lost' // no media from the far end any more (its side is gone): ended here
  | 'rejected' // any other final error response
  | 'failed'; // transport or media failure

export interface CallOutcome {
  reason: CallEndReason;
  sipCode?: number;
  /** Reason phrase as the far end worded it, shown verbatim next to our own wording. */
  sipReason?: string;
}
