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
    const key = (digit: string) => wrapper.findAll('button').find((b) => b.find('.digit').exists() && b.find('.digit').text() === digit);
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

  test('an empty field offers the last number on Call, and the second Call dials it', async () => {
    const wrapper = mountDialpad('');
    await wrapper.setProps({ lastDialed: '1002' });
    await wrapper.get('form').trigger('submit');
    expect(input(wrapper)).toBe('1002');
    expect(wrapper.emitted('dial')).toBeUndefined();
    expect(wrapper.get('.hint').text()).toBe('Your last number: press Call again to call it.');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('dial')).toEqual([[{ user: '1002', host: DOMAIN, uri: `sip:1002@${DOMAIN}`, display: '1002' }, { video: false }]]);
  });

  test('a delete key erases the last character, and only shows with something to erase', async () => {
    const wrapper = mountDialpad('');
    expect(buttonNames(wrapper.element)).not.toContain('Delete the last character');
    await wrapper.setProps({ modelValue: '1001' });
    await wrapper.findAll('button').find((b) => b.attributes('aria-label') === 'Delete the last character')?.trigger('click');
    expect(input(wrapper)).toBe('100');
  });

  describe('during a call (tones)', () => {
    function tonesPad(props: Record<string, unknown> = {}) {
      return mount(Dialpad, {
        attachTo: document.body,
        props: { modelValue: '', defaultDomain: DOMAIN, mode: 'tones', tonesTarget: 'Alice', tones: '', duringCall: true, ...props },
      });
    }

    test('the same keys send tones, named apart from the dialpad, with no number field', async () => {
      const wrapper = tonesPad();
      expect(wrapper.find('input').exists()).toBe(false);
      expect(buttonNames(wrapper.get('[role="group"]').element)).toEqual([
        'Send DTMF 1', 'Send DTMF 2', 'Send DTMF 3', 'Send DTMF 4', 'Send DTMF 5', 'Send DTMF 6',
        'Send DTMF 7', 'Send DTMF 8', 'Send DTMF 9', 'Send DTMF *', 'Send DTMF 0', 'Send DTMF #',
      ]);
      const keys = wrapper.get('[role="group"]').findAll('button');
      await keys[10]?.trigger('click');
      await keys[11]?.trigger('click');
      expect(wrapper.emitted('tone')).toEqual([['0'], ['#']]);
      expect(wrapper.emitted('update:modelValue')).toBeUndefined();
    });

    test('echoes the tones sent and says where they go', () => {
      const wrapper = tonesPad({ tones: '12#' });
      expect(wrapper.get('output').text()).toBe('12#');
      expect(wrapper.get('.to').text()).toBe('Tones go to Alice');
    });

    test('a second number is an explicit choice: New call, and back', async () => {
      const wrapper = tonesPad();
      await wrapper.findAll('button').find((b) => b.text() === 'New call')?.trigger('click');
      expect(wrapper.emitted('newCall')).toHaveLength(1);
      await wrapper.setProps({ mode: 'dial' });
      expect(wrapper.get('h2').text()).toBe('New call');
      expect(wrapper.get('label').text()).toBe('Number or SIP address');
      await wrapper.findAll('button').find((b) => b.text() === 'Back to the keypad')?.trigger('click');
      expect(wrapper.emitted('backToKeypad')).toHaveLength(1);
    });

    test('keys are off while tones cannot go (not answered, or held), and names are French in French', async () => {
      const wrapper = tonesPad({ tonesDisabled: true });
      expect(wrapper.get('[role="group"] button').attributes('disabled')).toBeDefined();
      setLanguage('fr');
      await wrapper.setProps({ tonesDisabled: false });
      expect(buttonNames(wrapper.get('[role="group"]').element)[0]).toBe('Envoyer la tonalité 1');
    });
  });
});
