// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
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
    expect(buttonNames(wrapper.element)).toEqual(['Mute', 'Hold', 'Keypad', 'Transfer', 'Camera', 'Share screen', 'Hang up']);
    const held = mount(ActiveCall, { props: { call: connected({ paused: true, muted: true }) } });
    expect(held.get('.phase').text()).toBe('On hold');
    expect(buttonNames(held.element)).toEqual(['Unmute', 'Resume', 'Keypad', 'Transfer', 'Camera', 'Share screen', 'Hang up']);
  });

  test('names every button in French', () => {
    setLanguage('fr');
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    expect(buttonNames(wrapper.element)).toEqual([
      'Couper le micro', 'Mettre en attente', 'Clavier', 'Transférer', 'Caméra', 'Partager l’écran', 'Raccrocher',
    ]);
    const held = mount(ActiveCall, { props: { call: connected({ paused: true, muted: true }) } });
    expect(buttonNames(held.element)).toEqual([
      'Réactiver le micro', 'Reprendre', 'Clavier', 'Transférer', 'Caméra', 'Partager l’écran', 'Raccrocher',
    ]);
    const video = mount(ActiveCall, { props: { call: connected({ cameraEnabled: true, screensharing: true }) } });
    expect(buttonNames(video.element)).toEqual([
      'Couper le micro', 'Mettre en attente', 'Clavier', 'Transférer', 'Caméra', 'Mettre la vidéo en pause', 'Arrêter le partage', 'Raccrocher',
    ]);
    const paused = mount(ActiveCall, { props: { call: connected({ cameraEnabled: true, videoMuted: true }) } });
    expect(buttonNames(paused.element)).toContain('Reprendre la vidéo');
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

  test('Camera is a toggle button whose pressed state is the camera, and Pause/Resume video appear with it', async () => {
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name);
    expect(button('Camera')?.attributes('aria-pressed')).toBe('false');
    expect(button('Pause video')).toBeUndefined();
    await button('Camera')?.trigger('click');
    expect(wrapper.emitted('enableCamera')).toEqual([['call-1']]);

    await wrapper.setProps({ call: connected({ cameraEnabled: true }) });
    expect(button('Camera')?.attributes('aria-pressed')).toBe('true');
    expect(buttonNames(wrapper.element)).toEqual(['Mute', 'Hold', 'Keypad', 'Transfer', 'Camera', 'Pause video', 'Share screen', 'Hang up']);
    await button('Pause video')?.trigger('click');
    expect(wrapper.emitted('muteVideo')).toEqual([['call-1']]);

    await wrapper.setProps({ call: connected({ cameraEnabled: true, videoMuted: true }) });
    await button('Resume video')?.trigger('click');
    expect(wrapper.emitted('unmuteVideo')).toEqual([['call-1']]);
    await button('Camera')?.trigger('click');
    expect(wrapper.emitted('disableCamera')).toEqual([['call-1']]);
  });

  test('Share screen starts a share and becomes Stop sharing while the screen is shared', async () => {
    const wrapper = mount(ActiveCall, { props: { call: connected() } });
    const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name);
    await button('Share screen')?.trigger('click');
    expect(wrapper.emitted('startScreenSharing')).toEqual([['call-1']]);
    await wrapper.setProps({ call: connected({ screensharing: true }) });
    expect(button('Share screen')).toBeUndefined();
    await button('Stop sharing')?.trigger('click');
    expect(wrapper.emitted('stopScreenSharing')).toEqual([['call-1']]);
  });

  test('camera and screen sharing wait for the answer', () => {
    const wrapper = mount(ActiveCall, { props: { call: connected({ answerTime: null, sipStatus: 'Establishing' }) } });
    const button = (name: string) => wrapper.findAll('button').find((b) => b.text() === name);
    expect(button('Camera')?.attributes('disabled')).toBeDefined();
    expect(button('Share screen')?.attributes('disabled')).toBeDefined();
  });

  test('the Keypad button asks for the one keypad (beside the call) and says whether it shows', async () => {
    const wrapper = mount(ActiveCall, { props: { call: connected(), keypadId: 'pad-1', keypadExpanded: false } });
    const keypad = () => wrapper.findAll('button').find((b) => b.text() === 'Keypad');
    expect(keypad()?.attributes('aria-expanded')).toBe('false');
    expect(keypad()?.attributes('aria-controls')).toBe('pad-1');
    await keypad()?.trigger('click');
    expect(wrapper.emitted('keypad')).toHaveLength(1);
    await wrapper.setProps({ keypadExpanded: true });
    expect(keypad()?.attributes('aria-expanded')).toBe('true');
    // There is no second keypad inside the call any more.
    expect(buttonNames(wrapper.element).some((name) => name.startsWith('Send DTMF'))).toBe(false);
  });

  test('says in words who holds the call: "On hold" for ours, "Held by …" for theirs, decoded and without backslashes', () => {
    const theirs = mount(ActiveCall, { props: { call: connected({ remotelyHeld: true, displayName: 'Zoë "ZZ" Ærø' }) } });
    expect(theirs.get('.held-by').text()).toBe('Held by Zoë "ZZ" Ærø');
    expect(theirs.get('.held-by bdi').text()).toBe('Zoë "ZZ" Ærø');
    expect(theirs.text()).not.toContain('\\');
    expect(theirs.get('.phase').text()).toBe('Connected');
    const released = mount(ActiveCall, { props: { call: connected({ remotelyHeld: false }) } });
    expect(released.find('.held-by').exists()).toBe(false);
    setLanguage('fr');
    const french = mount(ActiveCall, { props: { call: connected({ remotelyHeld: true }) } });
    expect(french.get('.held-by').text()).toBe('Mis en attente par Alice');
  });

  test('a muted microphone says "Microphone off", and its button turns red', () => {
    const wrapper = mount(ActiveCall, { props: { call: connected({ muted: true }) } });
    expect(wrapper.get('.muted-flag').text()).toBe('Microphone off');
    const unmute = wrapper.findAll('button').find((b) => b.text() === 'Unmute');
    expect(unmute?.classes()).toContain('alarm');
    const live = mount(ActiveCall, { props: { call: connected() } });
    expect(live.findAll('button').find((b) => b.text() === 'Mute')?.classes()).not.toContain('alarm');
  });

  test('while the line comes back, an answered call says "Reconnecting…"', () => {
    const wrapper = mount(ActiveCall, { props: { call: connected(), reconnecting: true } });
    expect(wrapper.get('.state').text()).toContain('Reconnecting…');
    const ringing = mount(ActiveCall, { props: { call: connected({ answerTime: null, ringing: true }), reconnecting: true } });
    expect(ringing.get('.state').text()).not.toContain('Reconnecting…');
  });

  test('once answered here, the call controls take the focus', async () => {
    const wrapper = mount(ActiveCall, { attachTo: document.body, props: { call: connected(), focusRequested: true } });
    await nextTick();
    await nextTick();
    const controls = wrapper.get('[role="group"]');
    expect(controls.attributes('aria-label')).toBe('Call controls');
    expect(document.activeElement).toBe(controls.element);
    expect(wrapper.emitted('focusTaken')).toHaveLength(1);
    wrapper.unmount();
  });

  test('once the video tile was loaded, every later call draws its panel whole, tile included, in its first render', async () => {
    const first = mount(ActiveCall, { props: { call: connected() } });
    await vi.dynamicImportSettled();
    await flushPromises();
    expect(first.find('.stage').exists()).toBe(true);
    first.unmount();
    // No await: a definition made per mount would still be importing here and draw the panel twice.
    const next = mount(ActiveCall, { props: { call: connected({ sipCallId: 'call-2' }) } });
    expect(next.find('.stage').exists()).toBe(true);
    next.unmount();
  });

  test('the remote video gets the same stream, muted, so the audio element alone is heard', async () => {
    const stream = document.createElement('canvas').captureStream();
    const wrapper = mount(ActiveCall, { props: { call: connected(), remoteStream: stream } });
    // The video part is loaded on demand (an async component).
    await vi.dynamicImportSettled();
    await flushPromises();
    await nextTick();
    const video = wrapper.get('video.remote').element as HTMLVideoElement;
    expect(video.srcObject).toBe(stream);
    expect(video.muted).toBe(true);
    // The sound is CallAudio's, apart from the views: none here.
    expect(wrapper.find('audio').exists()).toBe(false);
  });
  test('isolates the party in a bdi, shows no bidi or invisible characters, and keeps the full name as a tooltip', () => {
    const wrapper = mount(ActiveCall, { props: { call: connected({ displayName: `\u202Elive\u2066 ${'x'.repeat(6000)}`, number: '10\u202E01' }) } });
    const name = wrapper.get('h2 .name');
    expect(name.element.tagName).toBe('BDI');
    expect(name.text().startsWith('live x')).toBe(true);
    expect(name.attributes('title')).toBe(name.text());
    expect(wrapper.get('h2 .number').element.tagName).toBe('BDI');
    expect(wrapper.get('h2 .number').text()).toBe('1001');
    expect(wrapper.get('h2').text()).not.toMatch(/[\u0000-\u001F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
  });
});
