// The app's preferences (auto-answer, do-not-disturb, shortcuts, ...). The host keeps them:
// the main process on desktop (it also applies them to tray, shortcuts and auto-answer),
// localStorage in a browser tab.

import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { defaultAppPreferences, type AppPreferences, type ShortcutStatusReport } from '../../shared/app-preferences';
import { appContext } from '../app-context';

export const usePreferencesStore = defineStore('preferences', () => {
  const { platform, phone } = appContext();
  const preferences = ref<AppPreferences>(defaultAppPreferences());
  const shortcutStatus = ref<ShortcutStatusReport | null>(null);
  const saveError = ref<string | null>(null);

  async function refreshShortcutStatus(): Promise<void> {
    shortcutStatus.value = (await platform.shortcutStatus?.().catch(() => null)) ?? null;
  }

  async function load(): Promise<void> {
    preferences.value = await platform.loadPreferences();
    await refreshShortcutStatus();
  }

  async function save(next: AppPreferences): Promise<boolean> {
    try {
      preferences.value = await platform.savePreferences(next);
      saveError.value = null;
      await refreshShortcutStatus();
      return true;
    } catch (error) {
      saveError.value = error instanceof Error ? error.message : String(error);
      return false;
    }
  }

  // The engine refuses calls beyond the limit itself, before they ring (sip/call-limit.ts).
  watch(() => preferences.value.maxCalls, (limit) => phone.setCallLimit(limit), { immediate: true });

  platform.onPreferencesChanged((next) => {
    preferences.value = next;
    void refreshShortcutStatus();
  });

  return { preferences, shortcutStatus, saveError, load, save };
});
