// @vitest-environment happy-dom
import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { emptyAccountSettings, type AccountSettings } from '../../shared/account-settings';
import type { RegistrationStatus } from '../../shared/phone-status';
import { setLanguage } from '../i18n';
import AccountForm from './AccountForm.vue';
import { buttonNames } from './test-support/accessible-name';

function mountForm(
  initial: Partial<AccountSettings> = {},
  status: RegistrationStatus = 'unregistered',
  extra: { secretsUnprotected?: boolean; rememberUnprotected?: boolean } = {},
) {
  const wrapper: VueWrapper = mount(AccountForm, {
    attachTo: document.body,
    props: {
      modelValue: { ...emptyAccountSettings(), ...initial },
      status,
      ...extra,
      'onUpdate:modelValue': (value: AccountSettings) => wrapper.setProps({ modelValue: value }),
      'onUpdate:rememberUnprotected': (value: boolean) => wrapper.setProps({ rememberUnprotected: value }),
    },
  });
  return wrapper;
}

const VALID: Partial<AccountSettings> = {
  serverUrl: 'wss://pbx.example.com:8089/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: 'secret',
};

function model(wrapper: VueWrapper): AccountSettings {
  return (wrapper.props() as { modelValue: AccountSettings }).modelValue;
}

function describedText(wrapper: VueWrapper, field: string): string {
  const input = wrapper.get(`[name="${field}"]`);
  const ids = (input.attributes('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => wrapper.get(`#${CSS.escape(id)}`).text()).join(' | ');
}

describe('AccountForm', () => {
  enableAutoUnmount(afterEach);
  afterEach(() => setLanguage('en'));

  test('every field has a label', () => {
    const wrapper = mountForm();
    const controls = wrapper.findAll('input, textarea');
    expect(controls).toHaveLength(8);
    for (const control of controls) {
      const label = wrapper.find(`label[for="${control.attributes('id')}"]`);
      expect(label.exists(), control.attributes('name')).toBe(true);
      expect(label.text()).not.toBe('');
    }
  });

  test('a bad server URL shows its error under the field once the user leaves it, and marks it invalid', async () => {
    const wrapper = mountForm();
    const url = wrapper.get('[name="serverUrl"]');
    await url.setValue('https://pbx.example.com');
    expect(url.attributes('aria-invalid')).toBeUndefined();
    await url.trigger('blur');
    expect(url.attributes('aria-invalid')).toBe('true');
    expect(describedText(wrapper, 'serverUrl')).toContain(
      'The server address must start with wss:// or ws://, for example wss://pbx.example.com:8089/ws.',
    );
    await url.setValue('wss://pbx.example.com:8089/ws');
    expect(url.attributes('aria-invalid')).toBeUndefined();
  });

  test('the inline error is in French when the UI is', async () => {
    setLanguage('fr');
    const wrapper = mountForm();
    const url = wrapper.get('[name="serverUrl"]');
    await url.setValue('pbx.example.com');
    await url.trigger('blur');
    expect(describedText(wrapper, 'serverUrl')).toContain("L'adresse du serveur doit commencer par wss:// ou ws://");
  });

  test('Connect with missing fields emits nothing and flags each of them', async () => {
    const wrapper = mountForm();
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('connect')).toBeUndefined();
    for (const field of ['serverUrl', 'sipUri', 'username', 'password']) {
      expect(wrapper.get(`[name="${field}"]`).attributes('aria-invalid'), field).toBe('true');
    }
    expect(describedText(wrapper, 'password')).toBe('Enter your SIP password to connect.');
    expect(wrapper.get('[name="displayName"]').attributes('aria-invalid')).toBeUndefined();
  });

  test('Connect with valid settings emits them, ICE servers read one per line', async () => {
    const wrapper = mountForm(VALID);
    await wrapper.get('[name="iceServers"]').setValue('stun:stun.example.com:3478\n\nturn:turn.example.com user pass');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('connect')).toEqual([
      [
        {
          ...VALID,
          iceServers: [
            { urls: 'stun:stun.example.com:3478' },
            { urls: 'turn:turn.example.com', username: 'user', credential: 'pass' },
          ],
        },
      ],
    ]);
  });

  test('a TURN line without credentials is an inline error on the ICE servers field', async () => {
    const wrapper = mountForm(VALID);
    const ice = wrapper.get('[name="iceServers"]');
    await ice.setValue('turn:turn.example.com');
    await ice.trigger('blur');
    expect(ice.attributes('aria-invalid')).toBe('true');
    expect(describedText(wrapper, 'iceServers')).toContain('A TURN server needs a user name and a credential');
  });

  test('an unencrypted ws:// server is accepted with a visible warning', async () => {
    const wrapper = mountForm({ ...VALID, serverUrl: 'ws://pbx.example.com/ws' });
    expect(describedText(wrapper, 'serverUrl')).toContain('This ws:// address is not encrypted');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('connect')).toHaveLength(1);
  });

  test('offers Connect without a line, Disconnect once a connection is under way, in both languages', async () => {
    expect(buttonNames(mountForm().element)).toEqual(['Connect']);
    expect(buttonNames(mountForm(VALID, 'failed').element)).toEqual(['Connect']);
    const connected = mountForm(VALID, 'registered');
    expect(buttonNames(connected.element)).toEqual(['Disconnect']);
    expect(buttonNames(mountForm(VALID, 'connecting').element)).toEqual(['Disconnect']);
    await connected.get('button').trigger('click');
    expect(connected.emitted('disconnect')).toHaveLength(1);
    // Enter in a field must not reconnect a line that is up.
    await connected.get('form').trigger('submit');
    expect(connected.emitted('connect')).toBeUndefined();
    setLanguage('fr');
    await connected.vm.$nextTick();
    expect(buttonNames(connected.element)).toEqual(['Se déconnecter']);
    expect(buttonNames(mountForm().element)).toEqual(['Se connecter']);
  });

  test('asks whether to keep the password only when the host cannot protect it', () => {
    expect(mountForm(VALID).find('input[name="rememberUnprotected"]').exists()).toBe(false);
    expect(mountForm(VALID, 'unregistered', { secretsUnprotected: false }).find('input[name="rememberUnprotected"]').exists()).toBe(false);
    const wrapper = mountForm(VALID, 'unregistered', { secretsUnprotected: true });
    const box = wrapper.get('input[name="rememberUnprotected"]');
    expect(wrapper.get(`label[for="${box.attributes('id')}"]`).text()).toBe(
      'Remember my password on this computer even though it cannot be protected',
    );
    expect((box.element as HTMLInputElement).checked).toBe(false);
    expect(wrapper.get(`#${CSS.escape(box.attributes('aria-describedby') ?? '')}`).text()).toContain('no keyring');
  });

  test('relay only is a checkbox under the ICE servers: it needs a TURN server, and says so', async () => {
    const wrapper = mountForm({ ...VALID, iceServers: [{ urls: 'stun:stun.example.com' }] });
    const box = wrapper.get('input[name="iceTransportPolicy"]');
    expect(wrapper.get(`label[for="${box.attributes('id')}"]`).text()).toBe('Relay media through the TURN server only');
    await box.setValue(true);
    expect(model(wrapper).iceTransportPolicy).toBe('relay');
    expect(box.attributes('aria-invalid')).toBe('true');
    expect(describedText(wrapper, 'iceTransportPolicy')).toContain('Relay only needs a TURN server');
    await wrapper.setProps({ modelValue: { ...model(wrapper), iceServers: [{ urls: 'turn:t.example.com', username: 'u', credential: 'c' }] } });
    expect(box.attributes('aria-invalid')).toBeUndefined();
    await box.setValue(false);
    expect(model(wrapper)).not.toHaveProperty('iceTransportPolicy');
  });

  test('the question is in French when the UI is', () => {
    setLanguage('fr');
    const wrapper = mountForm(VALID, 'unregistered', { secretsUnprotected: true });
    const box = wrapper.get('input[type="checkbox"]');
    expect(wrapper.get(`label[for="${box.attributes('id')}"]`).text()).toBe(
      'Mémoriser mon mot de passe sur cet ordinateur même s’il ne peut pas être protégé',
    );
  });

  test('ticking and unticking the box emits the choice, which the box then shows', async () => {
    const wrapper = mountForm(VALID, 'unregistered', { secretsUnprotected: true });
    const box = wrapper.get('input[type="checkbox"]');
    await box.setValue(true);
    expect((box.element as HTMLInputElement).checked).toBe(true);
    await box.setValue(false);
    expect(wrapper.emitted('update:rememberUnprotected')).toEqual([[true], [false]]);
    // A choice made earlier (a password already kept) shows ticked.
    const kept = mountForm(VALID, 'unregistered', { secretsUnprotected: true, rememberUnprotected: true });
    expect((kept.get('input[type="checkbox"]').element as HTMLInputElement).checked).toBe(true);
  });
});
