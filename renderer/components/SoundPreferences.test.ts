// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { setLanguage } from '../i18n';
import SoundPreferences from './SoundPreferences.vue';

const preview = vi.hoisted(() => vi.fn());
vi.mock('../audio/ringtone-preview', () => ({ previewRingtone: preview }));

function labelled(wrapper: ReturnType<typeof mount>, text: string): HTMLInputElement {
  const label = wrapper.findAll('label').find((candidate) => candidate.text() === text);
  if (!label) throw new Error(`no label "${text}"`);
  return wrapper.get(`#${CSS.escape(label.attributes('for') ?? '')}`).element as HTMLInputElement;
}

describe('SoundPreferences', () => {
  afterEach(() => setLanguage('en'));

  test('shows the ringtone volume and mute, labelled, with the volume in percent', () => {
    const wrapper = mount(SoundPreferences, { props: { volume: 80, muted: false } });
    expect(wrapper.get('legend').text()).toBe('Ringtone');
    const volume = labelled(wrapper, 'Ringtone volume');
    expect(volume.type).toBe('range');
    expect(volume.value).toBe('80');
    expect([volume.min, volume.max]).toEqual(['0', '100']);
    expect(wrapper.get('output').text()).toBe('80 %');
    expect(labelled(wrapper, 'Mute the ringtone (calls still show here, for example when you answer on a desk phone)').checked).toBe(false);
  });

  test('edits the volume and the mute through v-model', async () => {
    const wrapper = mount(SoundPreferences, { props: { volume: 80, muted: false } });
    await wrapper.get('input[type="range"]').setValue('35');
    await wrapper.get('input[type="checkbox"]').setValue(true);
    expect(wrapper.emitted('update:volume')).toEqual([[35]]);
    expect(wrapper.emitted('update:muted')).toEqual([[true]]);
  });

  test('plays one ringtone at the chosen volume, and not when it would be silent', async () => {
    const wrapper = mount(SoundPreferences, { props: { volume: 40, muted: false } });
    const play = wrapper.get('button');
    expect(play.text()).toBe('Play the ringtone');
    expect(play.attributes('type')).toBe('button');
    await play.trigger('click');
    expect(preview).toHaveBeenCalledWith(40);
    await wrapper.setProps({ muted: true });
    expect(play.attributes('disabled')).toBeDefined();
    expect(wrapper.get('input[type="range"]').attributes('disabled')).toBeDefined();
    await wrapper.setProps({ muted: false, volume: 0 });
    expect(play.attributes('disabled')).toBeDefined();
  });

  test('speaks French', () => {
    setLanguage('fr');
    const wrapper = mount(SoundPreferences, { props: { volume: 80, muted: false } });
    expect(wrapper.get('legend').text()).toBe('Sonnerie');
    expect(wrapper.get('button').text()).toBe('Écouter la sonnerie');
  });
});
