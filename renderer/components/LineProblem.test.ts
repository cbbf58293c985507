// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { setLanguage } from '../i18n';
import LineProblem from './LineProblem.vue';

describe('LineProblem', () => {
  afterEach(() => setLanguage('en'));

  test('nothing while the line has no problem', () => {
    const wrapper = mount(LineProblem, { props: { snapshot: { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null } } });
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
  });

  test('gives the reason of a failure and what to do, with the SIP code on a line of its own', () => {
    const wrapper = mount(LineProblem, {
      props: { snapshot: { status: 'failed', aor: null, error: { code: 'auth-failed', message: 'x', sipCode: 401 } } },
    });
    const text = wrapper.get('[role="alert"]').text();
    expect(text).toContain('The server refused the user name or password.');
    expect(text).toContain('Check the user name, the authorization user and the password, then connect again.');
    expect(wrapper.get('.sip').text()).toBe('SIP 401');
  });

  test('a server that answered 503 is "temporarily unavailable" and being retried, not a lost connection', () => {
    const wrapper = mount(LineProblem, {
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
    const text = wrapper.get('[role="alert"]').text();
    expect(text).toContain('The server is temporarily unavailable.');
    expect(text).toContain('Retrying in 30 s');
    expect(text).toContain('SIP 503');
    expect(text).not.toContain('SIP address');
  });

  test('a REGISTER that got no answer quotes no status code', () => {
    const wrapper = mount(LineProblem, {
      props: {
        snapshot: { status: 'reconnecting', aor: null, error: { code: 'registration-timeout', message: 'x' }, reconnectAttempt: 2, retryInSeconds: 1 },
      },
    });
    const text = wrapper.get('[role="alert"]').text();
    expect(text).toContain('The server did not answer the registration');
    expect(text).toContain('Retrying in 1 s');
    expect(text).not.toMatch(/SIP \d/);
  });
});
