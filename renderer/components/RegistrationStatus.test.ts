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

  test('a failure reads "Not connected"; its reason is for LineProblem, not a second alert here', () => {
    const wrapper = mount(RegistrationStatus, {
      props: { snapshot: { status: 'failed', aor: null, error: { code: 'auth-failed', message: 'x', sipCode: 401 } } },
    });
    expect(wrapper.get('[role="status"]').text()).toBe('Not connected');
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  test('a server that answered 503 is being retried, not a lost connection', () => {
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
  });

  test('counts reconnection attempts, in French too', () => {
    setLanguage('fr');
    const wrapper = mount(RegistrationStatus, {
      props: { snapshot: { status: 'reconnecting', aor: null, error: null, reconnectAttempt: 3 } },
    });
    expect(wrapper.text()).toBe('Connexion perdue, reconnexion en cours (tentative 3)…');
  });
});
