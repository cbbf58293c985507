// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { setLanguage } from '../i18n';
import ConferenceBar from './ConferenceBar.vue';
import { buttonNames } from './test-support/accessible-name';

function call(id: string, name: string, overrides: ConstructorParameters<typeof CallSession>[0] = {}): CallSession {
  return new CallSession({ sipCallId: id, displayName: name, number: id, sipStatus: 'Established', answerTime: new Date(), ...overrides });
}

describe('ConferenceBar', () => {
  afterEach(() => setLanguage('en'));

  test('two answered calls: "Merge calls" asks to merge both', async () => {
    const wrapper = mount(ConferenceBar, { props: { calls: [call('b', 'Bob', { paused: true }), call('c', 'Carol')] } });
    expect(buttonNames(wrapper.element)).toEqual(['Merge calls']);
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('merge')).toEqual([[['b', 'c']]]);
  });

  test('nothing to merge with one call, or while the second still rings', () => {
    expect(mount(ConferenceBar, { props: { calls: [call('b', 'Bob')] } }).find('button').exists()).toBe(false);
    const ringing = call('c', 'Carol', { sipStatus: 'Establishing', answerTime: null, isCaller: true });
    expect(mount(ConferenceBar, { props: { calls: [call('b', 'Bob'), ringing] } }).find('button').exists()).toBe(false);
  });

  test('in a conference: who is in it, Split, Leave and End, in English and French', async () => {
    const calls = [call('b', 'Bob', { conference: true }), call('c', 'Carol', { conference: true })];
    const wrapper = mount(ConferenceBar, { props: { calls } });
    expect(wrapper.get('h2').text()).toBe('Conference with Bob, Carol');
    expect(buttonNames(wrapper.element)).toEqual(['Split conference', 'Leave and connect them', 'End conference']);
    for (const button of wrapper.findAll('button')) await button.trigger('click');
    expect(wrapper.emitted('split')).toHaveLength(1);
    expect(wrapper.emitted('leave')).toHaveLength(1);
    expect(wrapper.emitted('end')).toHaveLength(1);
    setLanguage('fr');
    const french = mount(ConferenceBar, { props: { calls } });
    expect(buttonNames(french.element)).toEqual(['Séparer la conférence', 'Partir et les mettre en relation', 'Terminer la conférence']);
  });
});
