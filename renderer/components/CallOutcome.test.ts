// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import type { CallOutcome as Outcome } from '../../shared/phone-status';
import { setLanguage } from '../i18n';
import CallOutcome from './CallOutcome.vue';
import type { EndedCall } from './call-presentation';

function ended(outcome: Outcome, overrides: Partial<EndedCall> = {}): EndedCall {
  return { callId: 'call-1', displayName: 'Alice', number: '1001', incoming: true, outcome, ...overrides };
}

describe('CallOutcome', () => {
  afterEach(() => setLanguage('en'));

  test.each([
    [{ reason: 'missed' }, 'Missed call from Alice (1001)'],
    [{ reason: 'declined', sipCode: 603 }, 'Call declined'],
    [{ reason: 'busy', sipCode: 486 }, 'Busy'],
    [{ reason: 'not-found', sipCode: 404 }, 'Not found'],
    [{ reason: 'no-answer', sipCode: 408 }, 'No answer'],
  ] as Array<[Outcome, string]>)('says %j as %j in a status region', (outcome, text) => {
    const wrapper = mount(CallOutcome, { props: { ended: ended(outcome) } });
    expect(wrapper.get('[role="status"] .text span').text()).toBe(text);
  });

  test('says who hung up by name', () => {
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'hung-up-remotely' }, { displayName: 'Alice Martin' }) } });
    expect(wrapper.get('.text span').text()).toBe('Alice Martin hung up');
  });

  test("shows the far end's own words beside ours", () => {
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'busy', sipCode: 486, sipReason: 'Busy Here' }) } });
    expect(wrapper.get('.server').text()).toBe('Server: 486 Busy Here');
  });

  test('names the caller once when only the number is known, and speaks French', () => {
    setLanguage('fr');
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'missed' }, { displayName: '', number: '1002' }) } });
    expect(wrapper.get('.text span').text()).toBe('Appel manqué de 1002');
    expect(wrapper.get('button').text()).toBe('Fermer');
  });

  test('isolates the party in a bdi inside the sentence, without bidi or invisible characters', () => {
    const wrapper = mount(CallOutcome, {
      props: { ended: ended({ reason: 'missed' }, { displayName: `\u202Elive\u2066 ${'x'.repeat(6000)}`, number: '10\u202E02' }) },
    });
    const sentence = wrapper.get('.text span');
    expect(sentence.text().startsWith('Missed call from live x')).toBe(true);
    expect(sentence.text()).not.toMatch(/[\u0000-\u001F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
    const party = sentence.get('bdi');
    expect(party.text().endsWith('… (1002)')).toBe(true);
    expect(party.attributes('title')).toBe(party.text());
  });

  test("cleans the far end's reason phrase too", () => {
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'busy', sipCode: 486, sipReason: 'Busy\u202E Here\u200B' }) } });
    expect(wrapper.get('.server').text()).toBe('Server: 486 Busy Here');
  });

  test('isolates the name in sentences that name the caller only', () => {
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'hung-up-remotely' }, { displayName: 'محمد' }) } });
    expect(wrapper.get('.text span').text()).toBe('محمد hung up');
    expect(wrapper.get('.text span bdi').text()).toBe('محمد');
  });

  test('Dismiss emits the call id', async () => {
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'busy' }) } });
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('dismiss')).toEqual([['call-1']]);
  });

  test('a call refused by do-not-disturb is a missed call with its reason, not "You declined"', () => {
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'do-not-disturb', sipCode: 486 }) } });
    expect(wrapper.get('.text span').text()).toBe('Missed call from Alice (1001) — do not disturb');
    expect(wrapper.find('.server').exists()).toBe(false);
    expect(wrapper.classes()).toContain('missed');
  });

  test('the user’s own Decline is not decorated with a status code', () => {
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'declined-locally', sipCode: 603 }) } });
    expect(wrapper.get('.text span').text()).toBe('You declined the call from Alice (1001)');
    expect(wrapper.text()).not.toMatch(/603|Server/);
  });

  test('a code from the far end goes on a details line, never into the sentence', () => {
    const wrapper = mount(CallOutcome, { props: { ended: ended({ reason: 'declined', sipCode: 603, sipReason: 'Decline' }, { incoming: false }) } });
    expect(wrapper.get('.text span').text()).toBe('Call declined');
    expect(wrapper.get('.server').text()).toBe('Server: 603 Decline');
  });
});
