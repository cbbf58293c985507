// Transfers this phone makes (the transferor's side). Blind: a REFER to the far end with the
// number the user typed. Attended: the user first calls the target (the consultation call;
// the far end is held meanwhile, like any call when another one starts), then "Complete
// transfer" sends the far end a REFER whose Refer-To carries Replaces for the consultation
// dialog, so the far end's call takes over our call with the target (RFC 3891, RFC 5589).
// The far end's NOTIFYs tell how its new call goes; on success our calls end, on failure
// they stay as they were (a held call stays held: the user decides who hears them next).

import { SessionState, type Notification, type Session } from 'sip.js';
import type { OutgoingRequestDelegate, OutgoingReferRequest, RequestOptions } from 'sip.js/lib/core/index.js';
import type { CallSession } from '../../shared/call-session';
import type { CallOutcome } from '../../shared/phone-status';
import { nextTransfer, readSipfrag, subscriptionTerminated, transferRunning, type OutgoingTransfer, type TransferEvent } from './outgoing-transfer-state';
import type { PhoneEventMap, PhoneEventName } from './phone-events';
import { attendedReferTo, blindReferTo } from './replaces';

/** What a transfer needs of one of our calls. */
export interface TransferringCall {
  readonly id: string;
  readonly session: Session;
  readonly snapshot: CallSession;
  hangup(outcome?: CallOutcome): Promise<void>;
}

export interface OutgoingTransferHost {
  call(callId: string): TransferringCall | undefined;
  on<E extends PhoneEventName>(event: E, handler: PhoneEventMap[E]): () => void;
  /** Announces a call's transfer state; null once there is none to show. */
  announce(session: CallSession, transfer: OutgoingTransfer | null): void;
}

/**
 * How long the far end may take to say how its new call ended. A target that rings unanswered
 * is normally ended by the far end's own timer or the PBX (a final NOTIFY then comes); past
 * this, the user is told the transfer gave no result and keeps the call.
 */
export const TRANSFER_RESULT_WAIT_MS = 90_000;

/** SIP.js's REFER with our own headers (Session.refer() adds a Refer-To of its own making, see replaces.ts). */
interface ReferringSession {
  _refer(onNotify: (notification: Notification) => void, delegate: OutgoingRequestDelegate, options: RequestOptions): Promise<OutgoingReferRequest>;
}

export class TransferError extends Error {}

export class OutgoingTransfers {
  private readonly transfers = new Map<string, OutgoingTransfer>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly host: OutgoingTransferHost) {
    host.on('onCallEnded', (session) => this.callEnded(session.getId() ?? ''));
  }

  state(callId: string): OutgoingTransfer | null {
    return this.transfers.get(callId) ?? null;
  }

  /** Blind transfer of `call` to `targetUri` (already a full SIP URI); `label` is what the user sees. */
  blind(call: TransferringCall, targetUri: string, label: string): void {
    this.checkCanRefer(call);
    this.set(call, { kind: 'blind', status: 'requested', target: label });
    this.refer(call, blindReferTo(targetUri));
  }

  /** The consultation call of an attended transfer was placed: `call` (held) waits for Complete or Cancel. */
  consulting(call: TransferringCall, consultCallId: string, label: string): void {
    this.set(call, { kind: 'attended', status: 'consulting', target: label, consultCallId });
  }

  /** Completes the attended transfer of `call` to the consultation call's party. */
  complete(call: TransferringCall): void {
    const transfer = this.transfers.get(call.id);
    if (!transfer || transfer.kind !== 'attended' || transferRunning(transfer)) throw new TransferError('There is no consultation call to transfer to.');
    const consult = this.host.call(transfer.consultCallId ?? '');
    const dialog = consult?.session.dialog;
    if (!consult || consult.session.state !== SessionState.Established || !dialog) {
      throw new TransferError(`${transfer.target} has not answered yet: the transfer can be completed once they do.`);
    }
    this.checkCanRefer(call);
    const referTo = attendedReferTo(consult.session.remoteIdentity.uri.toString(), {
      callId: dialog.callId,
      localTag: dialog.localTag,
      remoteTag: dialog.remoteTag,
    });
    this.update(call, { type: 'refer-sent' });
    this.refer(call, referTo);
  }

  /** Cancels an attended transfer: the consultation call ends, `call` stays held until the user resumes it. */
  async cancel(call: TransferringCall): Promise<void> {
    const transfer = this.transfers.get(call.id);
    if (!transfer || transfer.kind !== 'attended') return this.dismiss(call);
    if (transferRunning(transfer)) throw new TransferError('The transfer is already on its way; wait for its result.');
    this.forget(call.id);
    this.host.announce(call.snapshot, null);
    await this.host.call(transfer.consultCallId ?? '')?.hangup();
  }

  /** The user read the failure: the line goes. */
  dismiss(call: TransferringCall): void {
    const transfer = this.transfers.get(call.id);
    if (!transfer || transferRunning(transfer) || transfer.status === 'consulting') return;
    this.forget(call.id);
    this.host.announce(call.snapshot, null);
  }

  private checkCanRefer(call: TransferringCall): void {
    if (call.session.state !== SessionState.Established) throw new TransferError('Only a connected call can be transferred.');
    if (transferRunning(this.transfers.get(call.id))) throw new TransferError('A transfer of this call is already on its way.');
  }

  private refer(call: TransferringCall, referTo: string): void {
    const session = call.session;
    const ua = session.userAgent;
    const extraHeaders = [`Referred-By: <${ua.configuration.uri.toString()}>`, `Contact: ${ua.contact.toString()}`, `Refer-To: ${referTo}`];
    this.armTimer(call);
    void (session as unknown as ReferringSession)
      ._refer((notification) => this.onNotify(call, notification), {
        onAccept: () => this.update(call, { type: 'refer-accepted' }),
        onReject: (response) => this.update(call, { type: 'refer-rejected', statusCode: response.message.statusCode ?? 500, reasonPhrase: response.message.reasonPhrase }),
      }, { extraHeaders })
      .catch(() => this.update(call, { type: 'refer-rejected', statusCode: 500, reasonPhrase: 'not sent' }));
  }

  private onNotify(call: TransferringCall, notification: Notification): void {
    const request = notification.request;
    // Every NOTIFY of the subscription is acknowledged, even one we cannot read (RFC 6665).
    void notification.accept().catch(() => undefined);
    if (!/^\s*refer\b/i.test(request.getHeader('Event') ?? '')) return;
    const status = readSipfrag(request.body);
    const terminated = subscriptionTerminated(request.getHeader('Subscription-State'));
    if (status) this.update(call, { type: 'notify', ...status, terminated });
    else if (terminated) this.update(call, { type: 'no-result' });
  }

  private update(call: TransferringCall, event: TransferEvent): void {
    const current = this.transfers.get(call.id);
    if (!current) return;
    const next = nextTransfer(current, event);
    if (next === current) return;
    this.set(call, next);
    if (next.status === 'succeeded') this.succeeded(call, next);
    if (!transferRunning(next)) this.clearTimer(call.id);
  }

  /** The far end is talking with the target: our part is over, every call of it ends. */
  private succeeded(call: TransferringCall, transfer: OutgoingTransfer): void {
    const outcome: CallOutcome = { reason: 'transferred-away' };
    void call.hangup(outcome).catch(() => undefined);
    // The target ends the consultation itself once replaced (RFC 3891); this covers one that does not.
    if (transfer.consultCallId) void this.host.call(transfer.consultCallId)?.hangup(outcome).catch(() => undefined);
  }

  private set(call: TransferringCall, transfer: OutgoingTransfer): void {
    this.transfers.set(call.id, transfer);
    this.host.announce(call.snapshot, transfer);
  }

  private armTimer(call: TransferringCall): void {
    this.clearTimer(call.id);
    this.timers.set(call.id, setTimeout(() => this.update(call, { type: 'no-result' }), TRANSFER_RESULT_WAIT_MS));
  }

  private clearTimer(callId: string): void {
    clearTimeout(this.timers.get(callId));
    this.timers.delete(callId);
  }

  private forget(callId: string): void {
    this.transfers.delete(callId);
    this.clearTimer(callId);
  }

  private callEnded(callId: string): void {
    this.forget(callId);
    // The consultation ended before Complete (the target hung up, never answered, or the user
    // hung it up): the held call goes back to being an ordinary held call. While the REFER
    // runs, the target ending it is expected (it was replaced) and the result is awaited.
    for (const [heldId, transfer] of this.transfers) {
      if (transfer.consultCallId !== callId || transferRunning(transfer) || transfer.status === 'succeeded') continue;
      this.forget(heldId);
      const held = this.host.call(heldId);
      if (held) this.host.announce(held.snapshot, null);
    }
  }
}
