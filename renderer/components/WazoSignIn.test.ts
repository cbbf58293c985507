// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { nextTick } from 'vue';
import { setLanguage } from '../i18n';
import { useWazoStore } from '../wazo/wazo-store';
import WazoSignIn from './WazoSignIn.vue';

describe('WazoSignIn', () => {
  let pinia = createPinia();
  beforeEach(() => {
    pinia = createPinia();
    setActivePinia(pinia);
  });
  const show = () => mount(WazoSignIn, { global: { plugins: [pinia] } });
  afterEach(() => setLanguage('en'));

  test('asks for nothing until the user wants it: a generic SIP user sees one button', () => {
    const wrapper = show();
    expect(wrapper.findAll('input')).toHaveLength(0);
    expect(wrapper.get('button').text()).toBe('Sign in with Wazo Platform');
  });

  test('then a server, a login and a password, nothing else', async () => {
    const wrapper = show();
    await wrapper.get('button').trigger('click');
    const labels = wrapper.findAll('label').map((label) => label.text());
    expect(labels).toEqual(['Server', 'Login', 'Password']);
    for (const label of wrapper.findAll('label')) expect(wrapper.find(`#${label.attributes('for')}`).exists()).toBe(true);
    expect(wrapper.get('input[type="password"]').attributes('autocomplete')).toBe('current-password');
  });

  test('a refusal is an alert that says what to do', async () => {
    const wrapper = show();
    useWazoStore().$patch({ error: 'wrong-credentials' });
    await nextTick();
    expect(wrapper.get('[role="alert"]').text()).toBe('Wrong login or password. Check both (the password is case-sensitive) and sign in again.');
    setLanguage('fr');
    await nextTick();
    expect(wrapper.get('[role="alert"]').text()).toContain('Identifiant ou mot de passe incorrect');
  });

  test('signed in: who and where, and a way out', async () => {
    const wrapper = show();
    useWazoStore().$patch({ status: 'signed-in', serverHost: 'wazo.example.com', login: 'alice' });
    await nextTick();
    expect(wrapper.get('[role="status"]').text()).toBe('Signed in to wazo.example.com as alice');
    expect(wrapper.get('button').text()).toBe('Sign out');
  });
});
