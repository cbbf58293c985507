// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { setLanguage } from '../i18n';
import type { ErrorEntry } from '../stores/errors';
import ErrorArea from './ErrorArea.vue';
import { buttonNames } from './test-support/accessible-name';

const AUTH: ErrorEntry = { id: 7, code: 'auth-failed', textKey: 'error.auth-failed', fixKey: 'errorFix.auth-failed', sipCode: 403 };

describe('ErrorArea', () => {
  afterEach(() => setLanguage('en'));

  test('shows no alert at all while there is no error', () => {
    const wrapper = mount(ErrorArea, { props: { errors: [] } });
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  test('says what went wrong, what to do and the SIP code, with a Dismiss button', async () => {
    const wrapper = mount(ErrorArea, { props: { errors: [AUTH] } });
    const text = wrapper.get('[role="alert"]').text();
    expect(text).toContain('The server refused the user name or password.');
    expect(text).toContain('Check the user name, the authorization user and the password, then connect again.');
    expect(text).toContain('SIP 403');
    expect(buttonNames(wrapper.element)).toEqual(['Dismiss']);
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('dismiss')).toEqual([[7]]);
  });

  test('speaks French', () => {
    setLanguage('fr');
    const wrapper = mount(ErrorArea, { props: { errors: [AUTH] } });
    expect(wrapper.text()).toContain("Le serveur a refusé le nom d'utilisateur ou le mot de passe.");
    expect(buttonNames(wrapper.element)).toEqual(['Fermer']);
  });
});
