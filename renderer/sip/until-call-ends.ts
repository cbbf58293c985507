// A step of a call (its answer, say) that awaits SIP.js must not outlive the call: the phone
// runs answers, dials and resumes one at a time (call-focus.ts), so one answer left waiting
// after its call was gone would leave every later call unanswerable. The step's own promise
// should settle (closing.ts sees to the WebRTC part); this bounds it by the call's end anyway.

import { SessionState, type Emitter } from 'sip.js';

export interface EndingSession {
  readonly state: SessionState;
  readonly stateChange: Emitter<SessionState>;
}

/**
 * `work`'s outcome, or `undefined` once the session is Terminated, whichever comes first (a
 * failure of `work` after the end is the end's, not reported twice).
 */
export function untilCallEnds<T>(session: EndingSession, work: Promise<T>): Promise<T | undefined> {
  if (session.state === SessionState.Terminated) {
    work.catch(() => undefined);
    return Promise.resolve(undefined);
  }
  return new Promise<T | undefined>((resolve, reject) => {
    const onState = (state: SessionState) => {
      if (state === SessionState.Terminated) settle(() => resolve(undefined));
    };
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      session.stateChange.removeListener(onState);
      done();
    };
    session.stateChange.addListener(onState);
    work.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
