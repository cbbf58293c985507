// How a transfer this phone makes is told on screen, one line per step of the far end's
// NOTIFYs: "Transfer accepted", "Transferring…", "Transfer failed: busy".

import { safeDisplayText } from '../../shared/display-name';
import { t } from '../i18n';
import type { OutgoingTransfer } from '../sip/outgoing-transfer-state';

/** `party`: who is being transferred (the call's far end), already made safe. */
export function outgoingTransferLine(transfer: OutgoingTransfer | null, party: string): string | null {
  if (!transfer) return null;
  const target = safeDisplayText(transfer.target);
  switch (transfer.status) {
    case 'consulting':
      return t('transfer.consulting', { target, party });
    case 'requested':
      return t('transfer.requested', { target, party });
    case 'accepted':
      return t('transfer.accepted', { target });
    case 'trying':
      return t('transfer.trying', { target });
    case 'ringing':
      return t('transfer.ringing', { target });
    case 'succeeded':
      return t('transfer.succeeded', { target, party });
    case 'failed': {
      const failure = transfer.failure ?? { reason: 'failed' as const };
      const words = t(`outcome.${failure.reason}`, { party: target, name: target });
      // "Busy" reads "busy" inside the sentence (a failed new call's outcome never starts with a name).
      const reason = words.charAt(0).toLocaleLowerCase() + words.slice(1);
      const withCode = failure.sipCode ? `${reason} (${failure.sipCode})` : reason;
      return t(transfer.kind === 'attended' ? 'transfer.failedAttended' : 'transfer.failed', { reason: withCode, target, party });
    }
  }
}
