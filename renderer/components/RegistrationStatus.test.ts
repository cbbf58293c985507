// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { setLanguage } from '../i18n';
import RegistrationStatus from './RegistrationStatus.vue';

describe('RegistrationStatus', () => {
  afterEach(() => setLanguage('en'));

  test('says who is connected, in a status region', () => {
    const wrapper = mount(RegistrationStatus, {
      props: { snapshot: { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null } },
    });
    expect(wrapper.get('[role="status"]').text()).toBe('Connected as sip:1001@pbx.example.com');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  test('gives the reason of a failure and what to do, with the SIP code', () => {
    const wrapper = mount(RegistrationStatus, {
      props: {
        snapshot: { status: 'failed', aor: null, error: { code: 'auth-failed', message: 'x', sipCode: 401 } },
      },
    });
    expect(wrapper.get('[role="status"]').text()).toBe('Not connected');
    const text = wrapper.get('[role="alert"]').text();
    expect(text).toContain('The server refused the user name or password.');
    expect(text).toContain('Check the user name, the authorization user and the password, then connect again.');
    expect(text).toContain('SIP 401');
  });

  test('a server that answered 503 is "temporarily unavailable" and being retried, not a lost connection', () => {
    const wrapper = mount(RegistrationStatus, {
      props: {
        snapshot: {
          status: 'reconnecting',
          aor: 'sip:1001@pbx.example.com',
          error: { code: 'server-unavailable', message: 'x', sipCode: 503 },
          reconnectAttempt: 1,
          retryInSeconds: 30,
        },
      },
    });
    expect(wrapper.get('[role="status"]').text()).toBe('Not connected, retrying (attempt 1)…');
    const text = wrapper.get('[role="alert"]').text();
    expect(text).toContain('The server is temporarily unavailable.');
    expect(text).toContain('Retrying in 30 s');
    expect(text).toContain('SIP 503');
    expect(text).not.toContain('SIP address');
  });

  test('a REGISTER that got no answer quotes no status code', () => {
    const wrapper = mount(RegistrationStatus, {
      props: {
        snapshot: { status: 'reconnecting', aor: null, error: { code: 'registration-timeout', message: 'x' }, reconnectAttempt: 2, retryInSeconds: 1 },
      },
    });
    const text = wrapper.get('[role="alert"]').text();
    expect(text).toContain('The server did not answer the registration');
    expect(text).toContain('Retrying in 1 s');
    expect(text).not.toMatch(/SIP \d/);
  });

  test('counts reconnection attempts, in French too', () => {
    setLanguage('fr');
    const wrapper = mount(RegistrationStatus, {
      props: { snapshot: { status: 'reconnecting', aor: null, error: null, reconnectAttempt: 3 } },
    });
    expect(wrapper.text()).toBe('Connexion perdue, reconnexion en cours (tentative 3)…');
  });
});
