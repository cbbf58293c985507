// Where the window is: the phone, the call history or the settings, whether the line has ever
// signed in (the account form leaves the front page only then), and which call should take the
// keyboard focus next (the one just answered).

import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { appContext } from '../app-context';
import { useRegistrationStore } from './registration';

export type View = 'phone' | 'history' | 'settings';

export const useNavigationStore = defineStore('navigation', () => {
  const registration = useRegistrationStore();
  const view = ref<View>('phone');
  /** The line reached 'registered' once since the page opened. */
  const signedInOnce = ref(registration.snapshot.status === 'registered');
  /** A call whose controls should get the focus as soon as they are on screen. */
  const callFocusRequest = ref<string | null>(null);

  watch(
    () => registration.snapshot.status,
    (status) => {
      if (status !== 'registered') return;
      // The first sign-in brings the user to the phone, away from the form they just filled.
      if (!signedInOnce.value) view.value = 'phone';
      signedInOnce.value = true;
    },
  );

  /**
   * The account form is what the user needs: before any sign-in, after a refused one, or once
   * they disconnected. A line that is reconnecting (or signing in again after a drop) keeps the
   * phone on screen: it comes back by itself.
   */
  const needsAccount = computed(() => {
    const status = registration.snapshot.status;
    if (status === 'failed' || status === 'unregistered') return true;
    return !signedInOnce.value && status !== 'registered';
  });

  function show(next: View): void {
    view.value = next;
  }

  // The tray's or a notification's missed-call entry: the history is what the user wants to see.
  appContext().platform.onCommand((command) => {
    if (command.kind === 'show-history') show('history');
  });

  function requestCallFocus(callId: string): void {
    view.value = 'phone';
    callFocusRequest.value = callId;
  }

  /** True once for the call that asked: its view then takes the focus. */
  function takeCallFocus(callId: string): boolean {
    if (callFocusRequest.value !== callId) return false;
    callFocusRequest.value = null;
    return true;
  }

  return { view, signedInOnce, needsAccount, callFocusRequest, show, requestCallFocus, takeCallFocus };
});
