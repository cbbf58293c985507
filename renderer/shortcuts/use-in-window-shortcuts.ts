// The shortcut actions while the window has focus. On desktop a registered global shortcut
// takes the key first and the main process sends the same command; when another app owns
// the global one, this keeps the key working inside our window.

import { onBeforeUnmount, onMounted } from 'vue';
import { SHORTCUT_ACTIONS, type ShortcutAction } from '../../shared/app-preferences';
import { useCallsStore } from '../stores/calls';
import { usePreferencesStore } from '../stores/preferences';
import { matchesAccelerator } from './accelerator-match';

const isMac = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

export function useInWindowShortcuts(): void {
  const calls = useCallsStore();
  const preferences = usePreferencesStore();

  function run(action: ShortcutAction): boolean {
    const ringing = calls.incomingCalls[0];
    const active = calls.activeCall;
    switch (action) {
      case 'answer':
        if (!ringing) return false;
        void calls.answer(ringing.getId() ?? '');
        return true;
      case 'hangup':
        if (active) void calls.hangup(active.getId() ?? '');
        else if (ringing) void calls.decline(ringing.getId() ?? '');
        else return false;
        return true;
      case 'toggleMute':
        if (!active) return false;
        void calls.toggleMute(active.getId() ?? '');
        return true;
    }
  }

  function onKeyDown(event: KeyboardEvent): void {
    if (event.repeat) return;
    for (const action of SHORTCUT_ACTIONS) {
      const accelerator = preferences.preferences.shortcuts[action];
      if (accelerator && matchesAccelerator(event, accelerator, isMac) && run(action)) {
        event.preventDefault();
        return;
      }
    }
  }

  onMounted(() => window.addEventListener('keydown', onKeyDown));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown));
}
