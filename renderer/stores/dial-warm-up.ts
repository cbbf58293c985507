// Gathers ICE candidates while the user types a number (RFC 5245 §12.1), so the INVITE leaves
// as soon as Call is pressed: the dialpad's text going from empty to something warms a peer
// connection up (phone.warmUp), and clearing it without calling cools it down. The microphone
// is never involved (see warm-up.ts), and a number filled in by a link warms up the same way.

import type { Pinia } from 'pinia';
import { watch } from 'vue';
import { appContext } from '../app-context';
import { useCallsStore } from './calls';

export function startDialWarmUp(pinia: Pinia): () => void {
  const { phone } = appContext();
  const calls = useCallsStore(pinia);
  return watch(
    () => calls.dialInput.trim(),
    (text, previous) => {
      // Every key pushes the warm connection's expiry back.
      if (text !== '') phone.warmUp();
      // Emptied after a call was placed: that call adopted the connection, nothing is left.
      else if (previous !== '') phone.coolDown();
    },
  );
}
