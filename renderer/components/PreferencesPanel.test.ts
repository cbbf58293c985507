// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { defaultAppPreferences, type ShortcutStatusReport } from '../../shared/app-preferences';
import PreferencesPanel from './PreferencesPanel.vue';

const preferences = defaultAppPreferences();

function status(extra: Partial<ShortcutStatusReport['answer']>): ShortcutStatusReport {
  const one = (accelerator: string) => ({ accelerator, registered: false, ...extra });
  return { answer: one(preferences.shortcuts.answer), hangup: one(preferences.shortcuts.hangup), toggleMute: one(preferences.shortcuts.toggleMute) };
}

const mountWith = (shortcutStatus: ShortcutStatusReport) =>
  mount(PreferencesPanel, { props: { preferences, shortcutStatus, desktop: true, saveError: null } });

describe('PreferencesPanel shortcut status', () => {
  test('says when a shortcut works: while a call rings or is in progress', () => {
    expect(mountWith(status({ registered: true })).text()).toContain('Works everywhere while a call rings or is in progress');
  });

  test('on Wayland, says the shortcut was only asked of the desktop, never that it works', () => {
    const text = mountWith(status({ requested: true })).text();
    expect(text).toContain('Asked of the desktop, which does not say whether it accepted');
    expect(text).not.toContain('Works everywhere');
  });
});

describe('PreferencesPanel link handling', () => {
  test('asks before the app opens sip:, tel: and callto: links, off by default', async () => {
    const wrapper = mountWith(status({ registered: true }));
    const label = wrapper.findAll('label').find((candidate) => candidate.text().includes('Open sip:, tel: and callto: links'))!;
    const box = wrapper.get(`[id="${label.attributes('for')}"]`);
    expect((box.element as HTMLInputElement).checked).toBe(false);
    await box.setValue(true);
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('save')?.[0]?.[0]).toMatchObject({ handleCallLinks: true });
  });
});
