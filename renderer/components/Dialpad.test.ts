// @vitest-environment happy-dom
import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { setLanguage } from '../i18n';
import Dialpad from './Dialpad.vue';
import { buttonNames } from './test-support/accessible-name';

const DOMAIN = 'pbx.example.com';

// Mounted the way a parent uses it (v-model), so the input shows what the component emitted.
function mountDialpad(initial = '', defaultDomain = DOMAIN) {
  const wrapper: VueWrapper = mount(Dialpad, {
    // Attached, as on a page: a detached form does not submit when its button is clicked.
    attachTo: document.body,
    props: {
      modelValue: initial,
      defaultDomain,
      'onUpdate:modelValue': (value: string) => wrapper.setProps({ modelValue: value }),
    },
  });
  return wrapper;
}

async function paste(wrapper: VueWrapper, text: string): Promise<void> {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  wrapper.get('input').element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  await wrapper.vm.$nextTick();
}

const input = (wrapper: VueWrapper) => (wrapper.get('input').element as HTMLInputElement).value;

describe('Dialpad', () => {
  enableAutoUnmount(afterEach);
  afterEach(() => setLanguage('en'));

  test('has a labelled input, the twelve keys named by their digit, a Call and a Video call button', () => {
    const wrapper = mountDialpad();
    const field = wrapper.get('input');
    expect(wrapper.get(`label[for="${field.attributes('id')}"]`).text()).toBe('Number or SIP address');
    expect(buttonNames(wrapper.element)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#', 'Call', 'Video call']);
  });

  test('the Call and Video call buttons are "Appeler" and "Appel vidéo" in French', () => {
    setLanguage('fr');
    expect(buttonNames(mountDialpad().element).slice(-2)).toEqual(['Appeler', 'Appel vidéo']);
  });

  test.each([
    ['+33 1 23-45', '+3312345'],
    ['tel:+33123456789;phone-context=example.com', '+33123456789'],
    ['+33 (0)1 23 45 67 89', '+33123456789'],
    ['sip:1001@pbx.example.com', '1001'],
    ['sip:1001@other.example.org', '1001@other.example.org'],
  ])('normalises a pasted %j to %j', async (pasted, shown) => {
    const wrapper = mountDialpad();
    await paste(wrapper, pasted);
    expect(input(wrapper)).toBe(shown);
  });

  test('normalises a pasted number even before an account (and so a domain) is set', async () => {
    const wrapper = mountDialpad('', '');
    await paste(wrapper, '+33 1 23-45');
    expect(input(wrapper)).toBe('+3312345');
  });

  test('a pasted text that cannot be dialled is kept as pasted, with the reason shown at once', async () => {
    const wrapper = mountDialpad();
    await paste(wrapper, 'sip:1001@pbx.example.com?Subject=hi');
    expect(input(wrapper)).toBe('sip:1001@pbx.example.com?Subject=hi');
    expect(wrapper.get('.issue').text()).toContain('That address cannot be called');
  });

  test('clicking keys appends digits to what was typed', async () => {
    const wrapper = mountDialpad();
    await wrapper.get('input').setValue('10');
    const key = (digit: string) => wrapper.findAll('button').find((b) => b.find('.digit').text() === digit);
    await key('0')?.trigger('click');
    await key('1')?.trigger('click');
    expect(input(wrapper)).toBe('1001');
  });

  test('Call (or Enter, which submits the form) emits the parsed target for an audio call', async () => {
    const wrapper = mountDialpad('+33 1 23 45 67 89');
    await wrapper.findAll('button').find((b) => b.text() === 'Call')?.trigger('click');
    await wrapper.get('form').trigger('submit');
    const target = { user: '+33123456789', host: DOMAIN, uri: `sip:+33123456789@${DOMAIN}`, display: '+33123456789' };
    expect(wrapper.emitted('dial')).toEqual([[target, { video: false }], [target, { video: false }]]);
  });

  test('Video call emits the parsed target with video, and nothing for invalid input', async () => {
    const wrapper = mountDialpad('1001');
    const videoCall = () => wrapper.findAll('button').find((b) => b.text() === 'Video call');
    await videoCall()?.trigger('click');
    const target = { user: '1001', host: DOMAIN, uri: `sip:1001@${DOMAIN}`, display: '1001' };
    expect(wrapper.emitted('dial')).toEqual([[target, { video: true }]]);
    await wrapper.setProps({ modelValue: '1001?Subject=x' });
    await videoCall()?.trigger('click');
    expect(wrapper.emitted('dial')).toHaveLength(1);
    expect(wrapper.find('.issue').exists()).toBe(true);
  });

  test('invalid input shows the reason inline and dials nothing', async () => {
    const wrapper = mountDialpad('1001?Subject=x');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('dial')).toBeUndefined();
    const field = wrapper.get('input');
    expect(field.attributes('aria-invalid')).toBe('true');
    const issue = wrapper.get(`#${CSS.escape(field.attributes('aria-describedby') ?? '')}`);
    expect(issue.text()).toBe('That is not a valid user name: use letters, digits and . _ - + without spaces.');
    await field.setValue('1001');
    expect(wrapper.find('.issue').exists()).toBe(false);
  });

  test('an empty dial says what to type, in French too', async () => {
    setLanguage('fr');
    const wrapper = mountDialpad('');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.get('.issue').text()).toBe('Saisissez un numéro, un poste ou une adresse SIP à appeler.');
  });

  test('does not dial while disabled (line not connected)', async () => {
    const wrapper = mountDialpad('1001');
    await wrapper.setProps({ disabled: true });
    await wrapper.get('form').trigger('submit');
    await wrapper.findAll('button').find((b) => b.text() === 'Video call')?.trigger('click');
    expect(wrapper.emitted('dial')).toBeUndefined();
  });
});
