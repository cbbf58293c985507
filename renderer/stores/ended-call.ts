// What the calls store keeps about a call once it is over, to say how it ended.

import type { CallOutcome } from '../../shared/phone-status';

export interface EndedCall {
  callId: string;
  displayName: string;
  number: string;
  incoming: boolean;
  outcome: CallOutcome;
  /** When the call ended (ms since the epoch): outcome lines clear themselves some time after. */
  endedAt?: number;
}
