// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { nextTick } from 'vue';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import { fakeContext } from '../stores/test-support/fake-context';
import PhoneView from './PhoneView.vue';
import { buttonNames } from './test-support/accessible-name';

function setWidth(width: number): void {
  (window as unknown as { happyDOM: { setViewport(size: { width: number; height: number }): void } }).happyDOM.setViewport({ width, height: 800 });
}

function call(init: Partial<CallSessionInit> = {}): CallSession {
  return new CallSession({
    sipCallId: 'c1',
    displayName: 'Alice',
    number: '1001',
    isCaller: true,
    sipStatus: 'Established',
    answerTime: new Date(),
    ...init,
  });
}

describe('PhoneView: one keypad', () => {
  enableAutoUnmount(afterEach);
  let context: ReturnType<typeof fakeContext>;
  beforeEach(() => {
    context = fakeContext();
    setActivePinia(createPinia());
  });
  afterEach(() => setWidth(1024));

  async function view() {
    const wrapper = mount(PhoneView, { attachTo: document.body });
    await nextTick();
    return wrapper;
  }

  function keyGroups(wrapper: Awaited<ReturnType<typeof view>>) {
    return wrapper.findAll('[role="group"]').map((group) => group.attributes('aria-label'));
  }

  test('without a call the keypad dials; during a call the same keypad sends tones, and there is only one', async () => {
    setWidth(1280);
    const wrapper = await view();
    expect(keyGroups(wrapper)).toEqual(['Dial pad']);
    context.events.emit('onSessionChanged', call());
    await nextTick();
    expect(keyGroups(wrapper)).toEqual(['Call controls', 'Keypad tones']);
    await wrapper.findAll('button').find((b) => b.attributes('aria-label') === 'Send DTMF 5')?.trigger('click');
    expect(context.phone.sendDtmf).toHaveBeenCalledWith('c1', '5');
  });

  test('digits typed while the call has the focus send tones; typed in a field, or with Ctrl, they do not', async () => {
    setWidth(1280);
    const wrapper = await view();
    context.events.emit('onSessionChanged', call());
    await nextTick();
    const controls = wrapper.get('[aria-label="Call controls"]').element as HTMLElement;
    controls.dispatchEvent(new KeyboardEvent('keydown', { key: '7', bubbles: true, cancelable: true }));
    controls.dispatchEvent(new KeyboardEvent('keydown', { key: '#', bubbles: true, cancelable: true }));
    controls.dispatchEvent(new KeyboardEvent('keydown', { key: '7', ctrlKey: true, bubbles: true, cancelable: true }));
    controls.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }));
    expect(context.phone.sendDtmf.mock.calls).toEqual([['c1', '7'], ['c1', '#']]);
    await nextTick();
    expect(wrapper.get('output').text()).toBe('7#');
  });

  test('a call not answered yet, or held, sends no tone', async () => {
    setWidth(1280);
    const wrapper = await view();
    context.events.emit('onSessionChanged', call({ paused: true }));
    await nextTick();
    wrapper.get('[aria-label="Call controls"]').element.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true }));
    expect(context.phone.sendDtmf).not.toHaveBeenCalled();
  });

  test('a second number is typed only after New call; Call places it and the keypad comes back', async () => {
    setWidth(1280);
    const wrapper = await view();
    context.events.emit('onSessionChanged', call());
    await nextTick();
    expect(wrapper.find('input').exists()).toBe(false);
    await wrapper.findAll('button').find((b) => b.text() === 'New call')?.trigger('click');
    const field = wrapper.get('input');
    // Digits typed into the number field are the number, not tones.
    field.element.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true }));
    expect(context.phone.sendDtmf).not.toHaveBeenCalled();
    await field.setValue('1002@pbx.example.com');
    await wrapper.get('form').trigger('submit');
    await vi.waitFor(() => expect(context.phone.call).toHaveBeenCalledWith('sip:1002@pbx.example.com', { video: false }));
    await vi.waitFor(() => expect(wrapper.find('input').exists()).toBe(false));
  });

  test('narrow: the keypad stays closed during a call until the Keypad button opens it', async () => {
    setWidth(360);
    const wrapper = await view();
    context.events.emit('onSessionChanged', call());
    await nextTick();
    const pad = () => wrapper.get('.pad').element as HTMLElement;
    const keypad = () => wrapper.findAll('button').find((b) => b.text() === 'Keypad')!;
    expect(pad().style.display).toBe('none');
    expect(keypad().attributes('aria-expanded')).toBe('false');
    await keypad().trigger('click');
    expect(pad().style.display).toBe('');
    expect(keypad().attributes('aria-expanded')).toBe('true');
    expect(buttonNames(pad())).toContain('Send DTMF 1');
  });
});
