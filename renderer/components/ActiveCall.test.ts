// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { nextTick } from 'vue';
import { CallSession } from '../../shared/call-session';
import { setLanguage } from '../i18n';
import ActiveCall from './ActiveCall.vue';
import { buttonNames } from './test-support/accessible-name';

function connected(overrides: ConstructorParameters<typeof CallSession>[0] = {}): CallSession {
  return new CallSession({
    sipCallId: 'call-1',
    displayName: 'Alice',
    number: '1001',
    isCaller: true,
    sipStatus: 'Established',
    answerTime: new Date(Date.now() - 65_000),
    ...overrides,
  });
}

describe('ActiveCall', () => {
  afterEach(() => setLanguage('en'));

  test('shows the party, the state and a running mm:ss timer', () => {
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    expect(wrapper.get('h2').text()).toContain('Alice');
    expect(wrapper.get('h2').text()).toContain('1001');
    expect(wrapper.get('.phase').text()).toBe('Connected');
    expect(wrapper.get('.timer').text()).toBe('01:05');
  });

  test('says Calling… then Ringing… before the answer, without a timer', () => {
    const calling = mount(ActiveCall, { props: { call: connected({ answerTime: null, sipStatus: 'Establishing' }) } });
    expect(calling.get('.phase').text()).toBe('Calling…');
    expect(calling.find('.timer').exists()).toBe(false);
    const ringing = mount(ActiveCall, {
      props: { call: connected({ answerTime: null, sipStatus: 'Establishing', ringing: true }) },
    });
    expect(ringing.get('.phase').text()).toBe('Ringing…');
  });

  test('names every button in English, and switches Hold/Resume and Mute/Unmute with the call state', () => {
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    expect(buttonNames(wrapper.element)).toEqual(['Hold', 'Mute', 'Keypad', 'Hang up']);
    const held = mount(ActiveCall, { props: { call: connected({ paused: true, muted: true }) } });
    expect(held.get('.phase').text()).toBe('On hold');
    expect(buttonNames(held.element)).toEqual(['Resume', 'Unmute', 'Keypad', 'Hang up']);
  });

  test('names every button in French', () => {
    setLanguage('fr');
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    expect(buttonNames(wrapper.element)).toEqual(['Mettre en attente', 'Couper le micro', 'Clavier', 'Raccrocher']);
    const held = mount(ActiveCall, { props: { call: connected({ paused: true, muted: true }) } });
    expect(buttonNames(held.element)).toEqual(['Reprendre', 'Réactiver le micro', 'Clavier', 'Raccrocher']);
  });

  test('emits the action that matches the current state', async () => {
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name);
    await button('Hold')?.trigger('click');
    await button('Mute')?.trigger('click');
    await button('Hang up')?.trigger('click');
    await wrapper.setProps({ call: connected({ paused: true, muted: true }) });
    await button('Resume')?.trigger('click');
    await button('Unmute')?.trigger('click');
    expect(wrapper.emitted('hold')).toEqual([['call-1']]);
    expect(wrapper.emitted('mute')).toEqual([['call-1']]);
    expect(wrapper.emitted('hangup')).toEqual([['call-1']]);
    expect(wrapper.emitted('resume')).toEqual([['call-1']]);
    expect(wrapper.emitted('unmute')).toEqual([['call-1']]);
  });

  test('the Keypad button opens DTMF keys named apart from the dialpad, which send tones', async () => {
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    const keypad = wrapper.findAll('button').find((b) => b.text() === 'Keypad');
    expect(keypad?.attributes('aria-expanded')).toBe('false');
    await keypad?.trigger('click');
    expect(keypad?.attributes('aria-expanded')).toBe('true');
    const keys = wrapper.get('[role="group"]');
    expect(buttonNames(keys.element)).toEqual([
      'Send DTMF 1', 'Send DTMF 2', 'Send DTMF 3', 'Send DTMF 4', 'Send DTMF 5', 'Send DTMF 6',
      'Send DTMF 7', 'Send DTMF 8', 'Send DTMF 9', 'Send DTMF *', 'Send DTMF 0', 'Send DTMF #',
    ]);
    await keys.findAll('button')[10]?.trigger('click');
    await keys.findAll('button')[11]?.trigger('click');
    expect(wrapper.emitted('dtmf')).toEqual([['call-1', '0'], ['call-1', '#']]);
    await keypad?.trigger('click');
    expect(wrapper.find('[role="group"]').exists()).toBe(false);
  });

  test('French DTMF key names', async () => {
    setLanguage('fr');
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    await wrapper.findAll('button').find((b) => b.text() === 'Clavier')?.trigger('click');
    expect(buttonNames(wrapper.get('[role="group"]').element)[0]).toBe('Envoyer la tonalité 1');
  });

  test('plays the remote stream in an autoplaying audio element, and follows a new stream', async () => {
    const first = new MediaStream();
    const wrapper = mount(ActiveCall, { props: { call: connected(), remoteStream: first } });
    await nextTick();
    const audio = wrapper.get('audio').element as HTMLAudioElement;
    expect(audio.autoplay).toBe(true);
    expect(audio.srcObject).toBe(first);
    const second = new MediaStream();
    await wrapper.setProps({ remoteStream: second });
    expect(audio.srcObject).toBe(second);
  });
});
