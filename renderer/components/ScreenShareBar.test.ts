// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { setLanguage } from '../i18n';
import ScreenShareBar from './ScreenShareBar.vue';
import { buttonNames } from './test-support/accessible-name';

function call(id: string, screensharing: boolean): CallSession {
  return new CallSession({ sipCallId: id, displayName: 'Alice', isCaller: true, answerTime: new Date(), screensharing });
}

describe('ScreenShareBar', () => {
  afterEach(() => setLanguage('en'));

  test('says nothing and offers nothing while no call shares the screen', () => {
    const wrapper = mount(ScreenShareBar, { props: { calls: [call('call-1', false)] } });
    expect(wrapper.get('[role="status"]').text()).toBe('');
    expect(buttonNames(wrapper.element)).toEqual([]);
  });

  test('appears while a call shares the screen, and goes when it stops', async () => {
    const wrapper = mount(ScreenShareBar, { props: { calls: [call('call-1', false), call('call-2', true)] } });
    const status = wrapper.get('[role="status"]');
    expect(status.text()).toContain('You are sharing your screen');
    expect(buttonNames(status.element)).toEqual(['Stop sharing your screen']);
    // The visible word is part of the name, so speech users can say what they see.
    expect(status.get('button').text()).toBe('Stop');
    await wrapper.setProps({ calls: [call('call-1', false), call('call-2', false)] });
    expect(wrapper.get('[role="status"]').text()).toBe('');
    expect(buttonNames(wrapper.element)).toEqual([]);
  });

  test('Stop stops every call that shares the screen', async () => {
    const wrapper = mount(ScreenShareBar, { props: { calls: [call('call-1', true), call('call-2', false), call('call-3', true)] } });
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('stop')).toEqual([['call-1'], ['call-3']]);
  });

  test('speaks French', () => {
    setLanguage('fr');
    const wrapper = mount(ScreenShareBar, { props: { calls: [call('call-1', true)] } });
    expect(wrapper.get('[role="status"]').text()).toContain('Vous partagez votre écran');
    expect(buttonNames(wrapper.element)).toEqual(['Arrêter le partage de votre écran']);
    expect(wrapper.get('button').text()).toBe('Arrêter');
  });
});
