// The transfers this phone makes, as the UI shows them: one state per call being transferred
// (see renderer/sip/outgoing-transfer-state.ts), kept from the engine's onTransferProgress,
// and the actions of the transfer panel. Failures to even start are reported as errors.

import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { PhoneErrorCode } from '../../shared/phone-status';
import { appContext } from '../app-context';
import type { OutgoingTransfer } from '../sip/outgoing-transfer-state';
import { useErrorsStore } from './errors';
import { toPhoneError } from './phone-error';

export const useTransfersStore = defineStore('transfers', () => {
  const { phone } = appContext();
  const errors = useErrorsStore();
  const states = shallowRef(new Map<string, OutgoingTransfer>());

  phone.on('onTransferProgress', (session, transfer) => {
    const id = session.getId();
    if (!id) return;
    const next = new Map(states.value);
    if (transfer) next.set(id, { ...transfer });
    else next.delete(id);
    states.value = next;
  });
  phone.on('onCallEnded', (session) => {
    const id = session.getId();
    if (!id || !states.value.has(id)) return;
    const next = new Map(states.value);
    next.delete(id);
    states.value = next;
  });

  /** Each call being transferred with its state, for the panel(s). */
  const entries = computed(() => [...states.value.entries()].map(([callId, transfer]) => ({ callId, transfer })));

  function of(callId: string): OutgoingTransfer | null {
    return states.value.get(callId) ?? null;
  }

  /** The transfer whose consultation call this is, if any. */
  function consultationOf(consultCallId: string): { callId: string; transfer: OutgoingTransfer } | null {
    return entries.value.find((entry) => entry.transfer.consultCallId === consultCallId) ?? null;
  }

  // The engine both emits onActionFailed (reported by the calls store) and rejects: only a
  // rejection without that event is reported here.
  let actionFailures = 0;
  phone.on('onActionFailed', () => {
    actionFailures += 1;
  });
  async function run(action: () => unknown, fallback: PhoneErrorCode = 'transfer-failed'): Promise<boolean> {
    const before = actionFailures;
    try {
      await action();
      return true;
    } catch (reason) {
      if (actionFailures === before) errors.reportPhoneError(toPhoneError(reason, fallback));
      return false;
    }
  }

  return {
    entries,
    of,
    consultationOf,
    blind: (callId: string, target: string) => run(() => phone.transfer(callId, target)),
    consult: (callId: string, target: string) => run(() => phone.consult(callId, target), 'call-failed'),
    complete: (callId: string) => run(() => phone.completeTransfer(callId)),
    cancel: (callId: string) => run(() => phone.cancelTransfer(callId)),
    dismiss: (callId: string) => run(() => phone.dismissTransfer(callId)),
  };
});
