// Device names (labels) stay hidden until the page has been allowed a capture, and the first
// call's microphone is that permission: the devices are listed again after a call was answered,
// so the settings can show names. Only while the names are still hidden, and only once the
// call's set-up is over: listing is not free. It wakes the browser's capture services (on Linux
// the video capture service is a process of its own, started for the listing and stopped again
// when idle) and measured 100-400 ms of processor time, which, on every call's answer, was
// taken from the set-up of that very call. A device plugged in or out later fires
// `devicechange`, which lists again by itself.

import { browserTimeouts, type Timeouts } from '../timeouts';

/** After the answer: the microphone has opened and the call's media are flowing by then. */
export const RELIST_AFTER_ANSWER_MS = 2_000;

export type RelistClock = Pick<Timeouts, 'setTimeout'>;

/** The handler for a call answered: lists the devices again, later, if names are still hidden. */
export function relistWhileLabelsHidden(labelsKnown: () => boolean, relist: () => void, clock: RelistClock = browserTimeouts): () => void {
  let pending = false;
  return () => {
    if (pending || labelsKnown()) return;
    pending = true;
    clock.setTimeout(() => {
      pending = false;
      if (!labelsKnown()) relist();
    }, RELIST_AFTER_ANSWER_MS);
  };
}
