// The one place where the engine's word on how a call ended (CallOutcome) becomes the
// history's (HistoryOutcome). The engine reports why; the history needs what happened, which
// also depends on the call's direction and on whether it was ever answered.

import type { CallOutcome } from '../../shared/phone-status';
import type { CallDirection, HistoryOutcome } from './history-entry';

export function historyOutcome(direction: CallDirection, answered: boolean, outcome: CallOutcome): HistoryOutcome {
  const reason = outcome.reason;
  // These say what happened whatever came before.
  if (reason === 'transferred') return 'transferred';
  if (reason === 'answered-elsewhere') return 'answered-elsewhere';
  if (reason === 'do-not-disturb') return 'do-not-disturb';
  if (reason === 'declined-locally') return 'declined';
  if (answered) {
    // We answered and the caller never confirmed: no conversation took place.
    return reason === 'no-ack' ? 'failed' : 'answered';
  }
  if (direction === 'incoming') {
    // A call the far end refused before it ever rang here is not one the user missed.
    if (reason === 'unsupported-offer' || reason === 'no-ack') return 'failed';
    // It rang and ended without us: the caller gave up, or the line dropped while it rang.
    return 'missed';
  }
  switch (reason) {
    case 'declined':
      return 'declined';
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no-answer';
    case 'canceled-locally':
    case 'hung-up-locally':
      return 'cancelled';
    default:
      return 'failed';
  }
}
