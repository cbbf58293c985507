// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { setLanguage } from '../i18n';
import IncomingCall from './IncomingCall.vue';
import { buttonNames } from './test-support/accessible-name';

function incoming(): CallSession {
  return new CallSession({ sipCallId: 'call-1', displayName: 'Alice', number: '1001', isCaller: false, ringing: true });
}

describe('IncomingCall', () => {
  enableAutoUnmount(afterEach);
  afterEach(() => setLanguage('en'));

  function press(key: string, target: EventTarget = document.body): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event;
  }

  test('takes the focus on Answer when it appears, and tells how the keyboard answers', () => {
    const wrapper = mount(IncomingCall, { attachTo: document.body, props: { call: incoming() } });
    expect(document.activeElement?.textContent?.trim()).toBe('Answer');
    const hint = wrapper.get('.hint');
    expect(hint.text()).toBe('Enter answers, Escape declines');
    expect(wrapper.get('[role="alertdialog"]').attributes('aria-describedby')).toContain(hint.attributes('id'));
  });

  test('Enter answers and Escape declines while it rings, wherever the focus is in the window', () => {
    const wrapper = mount(IncomingCall, { attachTo: document.body, props: { call: incoming() } });
    (document.activeElement as HTMLElement | null)?.blur();
    press('Enter');
    expect(wrapper.emitted('answer')).toEqual([['call-1', { video: false }]]);
    press('Escape');
    expect(wrapper.emitted('decline')).toEqual([['call-1']]);
  });

  test('a key typed into a field, on another button or with a modifier keeps its own meaning', () => {
    const field = document.createElement('input');
    document.body.append(field);
    const wrapper = mount(IncomingCall, { attachTo: document.body, props: { call: incoming() } });
    press('Enter', field);
    press('Enter', wrapper.findAll('button')[1]!.element);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    expect(wrapper.emitted('answer')).toBeUndefined();
    field.remove();
  });

  test('stops listening once it no longer rings', () => {
    const wrapper = mount(IncomingCall, { attachTo: document.body, props: { call: incoming() } });
    wrapper.unmount();
    press('Escape');
    expect(wrapper.emitted('decline')).toBeUndefined();
  });

  test('names the caller and offers Answer and Decline in English', () => {
    const wrapper = mount(IncomingCall, { props: { call: incoming() } });
    const dialog = wrapper.get('[role="alertdialog"]');
    expect(dialog.get('h2').text()).toBe('Incoming call');
    expect(dialog.text()).toContain('Alice');
    expect(dialog.text()).toContain('1001');
    expect(buttonNames(wrapper.element)).toEqual(['Answer', 'Decline']);
    // The dialog is labelled by its heading, so it is announced as "Incoming call".
    expect(dialog.find(`#${CSS.escape(dialog.attributes('aria-labelledby') ?? '')}`).text()).toBe('Incoming call');
  });

  test('uses the French names', () => {
    setLanguage('fr');
    const wrapper = mount(IncomingCall, { props: { call: incoming() } });
    expect(wrapper.get('h2').text()).toBe('Appel entrant');
    expect(buttonNames(wrapper.element)).toEqual(['Répondre', 'Refuser']);
  });

  test('emits the call id for each action; Answer answers without video', async () => {
    const wrapper = mount(IncomingCall, { props: { call: incoming() } });
    const [answer, decline] = wrapper.findAll('button');
    await answer?.trigger('click');
    await decline?.trigger('click');
    expect(wrapper.emitted('answer')).toEqual([['call-1', { video: false }]]);
    expect(wrapper.emitted('decline')).toEqual([['call-1']]);
  });

  test('a caller offering video gets an extra Answer with video, in English and French', () => {
    const wrapper = mount(IncomingCall, { props: { call: incoming(), wantsVideo: true } });
    expect(buttonNames(wrapper.element)).toEqual(['Answer', 'Answer with video', 'Decline']);
    setLanguage('fr');
    const french = mount(IncomingCall, { props: { call: incoming(), wantsVideo: true } });
    expect(buttonNames(french.element)).toEqual(['Répondre', 'Répondre en vidéo', 'Refuser']);
  });

  test('Answer with video emits the answer with video; Answer still answers audio only', async () => {
    const wrapper = mount(IncomingCall, { props: { call: incoming(), wantsVideo: true } });
    const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name);
    await button('Answer with video')?.trigger('click');
    await button('Answer')?.trigger('click');
    expect(wrapper.emitted('answer')).toEqual([['call-1', { video: true }], ['call-1', { video: false }]]);
  });

  test('does not repeat the number when it is the only name known', () => {
    const call = new CallSession({ sipCallId: 'call-2', displayName: '1002', number: '1002' });
    const wrapper = mount(IncomingCall, { props: { call } });
    expect(wrapper.get('.caller').text()).toBe('1002');
  });

  test('isolates the caller in a bdi, shows no bidi or invisible characters, and keeps the full name as a tooltip', () => {
    const call = new CallSession({ sipCallId: 'call-3', displayName: `\u202Elive\u200B ${'x'.repeat(6000)}`, number: '10\u202E02', ringing: true });
    const wrapper = mount(IncomingCall, { props: { call } });
    const name = wrapper.get('.caller .name');
    expect(name.element.tagName).toBe('BDI');
    expect(name.text().startsWith('live x')).toBe(true);
    expect(Array.from(name.text()).length).toBeLessThanOrEqual(128);
    expect(name.attributes('title')).toBe(name.text());
    expect(wrapper.get('.caller .number').element.tagName).toBe('BDI');
    expect(wrapper.get('.caller .number').text()).toBe('1002');
    expect(wrapper.text()).not.toMatch(INVISIBLE_OR_BIDI);
  });
});

// Written out here rather than taken from shared/display-name, so the test can disagree with it.
const INVISIBLE_OR_BIDI = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;
