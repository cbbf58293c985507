// wazo-calld (REST API 1.0, `wazo_calld/plugins/calls/api.yml`): the call actions this client
// takes through the server rather than through SIP. Recording only, for now: SIP has no way to
// ask a PBX to record. The answer is 204 and nothing more; the new state arrives as a
// `call_updated` event (its `record_state`), which is what the UI shows.
//
// Where calld would do better than SIP later (not built yet): an attended transfer
// (`POST /users/me/transfers`, `flow: attended`) completes on the server, where our engine
// declines SIP REFER with Replaces; a blind transfer works either way; an ad-hoc conference
// (`POST /users/me/conferences/adhoc`) mixes on the server, which SIP alone cannot do here.

import type { WazoHttp } from './wazo-http';
import { apiUrl, type WazoServer } from './server-address';

export type RecordingAction = 'start' | 'stop' | 'pause' | 'resume';

export interface CalldClient {
  /** `callId` is the server's call id (`CallSession.callId`), not the SIP Call-ID. */
  record(token: string, callId: string, action: RecordingAction): Promise<void>;
}

export function createCalldClient(server: WazoServer, http: WazoHttp): CalldClient {
  return {
    async record(token, callId, action) {
      await http.request({
        method: 'PUT',
        url: apiUrl(server, 'calld', `users/me/calls/${encodeURIComponent(callId)}/record/${action}`),
        kind: 'recording',
        token,
      });
    },
  };
}
