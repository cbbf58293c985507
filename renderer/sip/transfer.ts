// A transfer the far end asks for (an incoming REFER, RFC 3515). Left to itself SIP.js accepts
// every REFER and calls the target with an Inviter nobody tracks: the target hears our
// microphone, we never hear them, and nothing on screen shows the call. Here each REFER is
// refused, or followed through the phone's ordinary outgoing path, so the new call has its
// panel, controls, events and snapshots like any other; the original call is held meanwhile,
// ended once the new one is up, and kept (held) when the new one fails. The referrer hears of
// the progress through NOTIFY sipfrags (100 Trying, 180 Ringing, then the final answer).

import { SessionState, type Referral, type Session, type URI } from 'sip.js';
import type { IncomingReferRequest } from 'sip.js/lib/core/messages/methods/refer.js';
import type { CallSession } from '../../shared/call-session';
import { remoteDisplayName } from '../../shared/display-name';
import type { CallOutcome } from '../../shared/phone-status';
import type { PhoneEventMap, PhoneEventName } from './phone-events';
import { decodeReplacesParam, parseReplaces, replacesHeader, type ReplacesTarget } from './replaces';

/** What the original call shows while the far end's transfer runs, or after it failed. */
export type TransferState =
  | { status: 'transferring'; target: string }
  | { status: 'failed'; target: string; outcome: CallOutcome };

/** What a transfer needs of the call that received the REFER. */
export interface TransferredCall {
  readonly id: string;
  readonly session: Session;
  readonly snapshot: CallSession;
  hangup(outcome?: CallOutcome): Promise<void>;
}

/** What a transfer needs of the phone. */
export interface TransferHost {
  /** The user's preference "Accept transfers requested by the other side". */
  acceptTransfers(): boolean;
  /**
   * Places the new call exactly as SipPhone.call() does (every other call held first).
   * `onTracked` receives the new call's id before its INVITE leaves.
   */
  placeCall(target: URI, display: string, extraHeaders: string[], onTracked: (callId: string) => void): Promise<unknown>;
  on<E extends PhoneEventName>(event: E, handler: PhoneEventMap[E]): () => void;
  /** Announces the original call's transfer state; null once there is none to show. */
  announce(session: CallSession, state: TransferState | null): void;
}

/** A refusal: the response to send to the REFER. */
export interface ReferRefusal {
  statusCode: number;
  reasonPhrase: string;
}

export interface ReferCheck {
  state: SessionState;
  acceptTransfers: boolean;
  /** A transfer of this call is already running. */
  busy: boolean;
  /** The Refer-To target, or null when the header (or the Replaces it carries) cannot be parsed. */
  target: { scheme: string; method: string | undefined } | null;
}

/**
 * Whether a REFER is refused, and how. Only an established dialog can be transferred: an
 * early one gets 603, a dialog being torn down 481. An attended transfer (Refer-To with
 * Replaces) is followed like a blind one, its INVITE carrying the Replaces header so that the
 * target's call with the transferor is taken over (RFC 5589 §7).
 */
export function referRefusal(check: ReferCheck): ReferRefusal | null {
  if (check.state === SessionState.Terminating || check.state === SessionState.Terminated) {
    return { statusCode: 481, reasonPhrase: 'Call/Transaction Does Not Exist' };
  }
  if (check.state !== SessionState.Established) return { statusCode: 603, reasonPhrase: 'Decline' };
  if (!check.acceptTransfers) return { statusCode: 603, reasonPhrase: 'Decline' };
  if (check.target === null) return { statusCode: 400, reasonPhrase: 'Bad Refer-To' };
  if (check.busy) return { statusCode: 491, reasonPhrase: 'Request Pending' };
  const { scheme, method } = check.target;
  if (scheme !== 'sip' && scheme !== 'sips') return { statusCode: 603, reasonPhrase: 'Decline' };
  if (method !== undefined && method.toUpperCase() !== 'INVITE') return { statusCode: 603, reasonPhrase: 'Decline' };
  return null;
}

/** Body of a NOTIFY (message/sipfrag): the status line of the new call's latest answer. */
export function sipfrag(statusCode: number, reasonPhrase: string): string {
  return `SIP/2.0 ${statusCode} ${reasonPhrase.replace(/[\r\n]+/g, ' ').trim()}`.trim();
}

/** The final answer to tell the referrer when the new call failed. */
export function failureStatus(outcome: CallOutcome): ReferRefusal {
  if (outcome.sipCode && outcome.sipCode >= 300) return { statusCode: outcome.sipCode, reasonPhrase: outcome.sipReason ?? '' };
  if (outcome.reason === 'canceled-locally') return { statusCode: 487, reasonPhrase: 'Request Terminated' };
  return { statusCode: 503, reasonPhrase: 'Service Unavailable' };
}

/**
 * How the transfer target is named on screen: its display name, else the user part. Both come
 * from the network, so they are cleaned like a caller's name (bidi and invisible characters).
 */
export function targetLabel(displayName: string | undefined, uri: URI): string {
  return remoteDisplayName(displayName, uri.user ? decodeURIComponent(uri.user) : uri.host);
}

/** How long the implicit subscription lasts while the new call is not answered yet. */
const SUBSCRIPTION_SECONDS = 60;

export class TransferHandler {
  private readonly running = new Set<string>();

  constructor(private readonly host: TransferHost) {}

  /** Takes over the REFERs of one call, whichever side placed it. */
  watch(call: TransferredCall): void {
    const session = call.session;
    session.delegate = { ...session.delegate, onRefer: (referral) => void this.onReferral(call, referral) };
    // SIP.js drops a REFER that arrives outside an established dialog without any answer:
    // answer it here (SIP.js calls this method for every in-dialog REFER).
    const internal = session as unknown as { onReferRequest(request: IncomingReferRequest): void };
    const follow = internal.onReferRequest.bind(session);
    internal.onReferRequest = (request) => {
      if (session.state === SessionState.Established) return follow(request);
      const refusal = referRefusal({ state: session.state, acceptTransfers: false, busy: false, target: null });
      request.reject(refusal ?? { statusCode: 481 });
    };
  }

  private async onReferral(call: TransferredCall, referral: Referral): Promise<void> {
    let target: { uri: URI; label: string; replaces: ReplacesTarget | undefined; method: string | undefined } | null = null;
    try {
      const referTo = referral.referTo;
      const method = referTo.uri.getParam('method') ?? undefined;
      const raw = referral.replaces;
      const replaces = raw === undefined ? undefined : parseReplaces(decodeReplacesParam(raw));
      if (replaces === null) throw new Error('unreadable Replaces');
      target = { uri: referTo.uri, label: targetLabel(referTo.displayName, referTo.uri), replaces, method };
    } catch {
      target = null;
    }
    const refusal = referRefusal({
      state: call.session.state,
      acceptTransfers: this.host.acceptTransfers(),
      busy: this.running.has(call.id),
      target: target && { scheme: target.uri.scheme, method: target.method },
    });
    if (refusal || !target) {
      await referral.reject(refusal ?? { statusCode: 400 }).catch(() => undefined);
      return;
    }
    this.running.add(call.id);
    await referral.accept({ statusCode: 202 }).catch(() => undefined);
    const notify = notifier(call.session, referral.request.cseq);
    notify(100, 'Trying', false);
    this.host.announce(call.snapshot, { status: 'transferring', target: target.label });
    this.follow(call, referral, target);
  }

  private follow(call: TransferredCall, referral: Referral, target: { uri: URI; label: string; replaces: ReplacesTarget | undefined }): void {
    const notify = notifier(call.session, referral.request.cseq);
    let newCallId: string | null = null;
    let settled = false;
    const unsubscribe: Array<() => void> = [];
    const settle = () => {
      settled = true;
      this.running.delete(call.id);
      for (const stop of unsubscribe) stop();
    };
    const fail = (outcome: CallOutcome) => {
      if (settled) return;
      settle();
      const status = failureStatus(outcome);
      notify(status.statusCode, status.reasonPhrase, true);
      // The user stays on hold with the transferor and is told so (see ActiveCall).
      if (call.session.state === SessionState.Established) this.host.announce(call.snapshot, { status: 'failed', target: target.label, outcome });
    };
    const isNewCall = (session: CallSession) => newCallId !== null && session.getId() === newCallId;
    unsubscribe.push(
      this.host.on('onProgress', (session) => {
        if (isNewCall(session) && !settled) notify(180, 'Ringing', false);
      }),
      this.host.on('onCallAccepted', (session) => {
        if (!isNewCall(session) || settled) return;
        settle();
        notify(200, 'OK', true);
        this.host.announce(call.snapshot, null);
        void call.hangup({ reason: 'transferred' }).catch(() => undefined);
      }),
      this.host.on('onCallEnded', (session, outcome) => {
        if (isNewCall(session)) fail(outcome);
        // The transferor hung up first (many do, right after the 202): the new call goes on.
        else if (session.getId() === call.id && !settled) this.host.announce(session, null);
      }),
    );

    const extraHeaders: string[] = [];
    const referredBy = referral.referredBy;
    if (referredBy) extraHeaders.push(`Referred-By: ${referredBy}`);
    // Attended: the target replaces its call with the transferor by ours (RFC 3891).
    if (target.replaces) extraHeaders.push(`Replaces: ${replacesHeader(target.replaces)}`);
    const uri = target.uri.clone();
    uri.clearHeaders();
    uri.deleteParam('method');
    this.host
      .placeCall(uri, target.label, extraHeaders, (id) => {
        newCallId = id;
      })
      .then(
        () => {
          if (newCallId === null) fail({ reason: 'failed' });
        },
        () => fail({ reason: 'failed' }),
      );
  }
}

/** Sends the NOTIFYs of a REFER's implicit subscription, in the original call's dialog. */
function notifier(session: Session, referCseq: number): (statusCode: number, reasonPhrase: string, final: boolean) => void {
  return (statusCode, reasonPhrase, final) => {
    const dialog = session.dialog;
    if (!dialog || session.state !== SessionState.Established) return;
    try {
      dialog.notify(undefined, {
        extraHeaders: [
          `Event: refer;id=${referCseq}`,
          final ? 'Subscription-State: terminated;reason=noresource' : `Subscription-State: active;expires=${SUBSCRIPTION_SECONDS}`,
        ],
        body: { contentDisposition: 'render', contentType: 'message/sipfrag;version=2.0', content: sipfrag(statusCode, reasonPhrase) },
      });
    } catch (error) {
      // The referrer only loses news of the progress; the calls themselves are unaffected.
      console.warn('A transfer NOTIFY could not be sent', error);
    }
  };
}
