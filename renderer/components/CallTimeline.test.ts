// @vitest-environment happy-dom
import { enableAutoUnmount, mount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { CallSession } from '../../shared/call-session';
import type { PlatformAdapter } from '../../shared/platform';
import { setAppContext } from '../app-context';
import type { CallTimelineJSON } from '../sip/call-timeline';
import type { PhoneApi } from '../sip/phone-api';
import CallTimeline from './CallTimeline.vue';

const first: CallTimelineJSON = {
  sipCallId: 'call-1',
  direction: 'outgoing',
  startedAt: '2026-12-04T12:00:00.000Z',
  marks: { dial: 0, inviteSent: 6.2 },
  notes: ['ICE gathering ended for the offer: host'],
};

function fakePhone() {
  let listener: ((session: CallSession, timeline: CallTimelineJSON) => void) | undefined;
  const phone = {
    timeline: vi.fn((id: string) => (id === 'call-1' ? first : undefined)),
    on: vi.fn((_event: string, handler: typeof listener) => {
      listener = handler;
      return () => {
        listener = undefined;
      };
    }),
  };
  setAppContext({ phone: phone as unknown as PhoneApi, platform: {} as PlatformAdapter });
  return { phone, announce: (timeline: CallTimelineJSON) => listener?.(new CallSession({ sipCallId: timeline.sipCallId }), timeline), listening: () => listener !== undefined };
}

async function openDetails(wrapper: ReturnType<typeof mount>): Promise<void> {
  const details = wrapper.get('details').element as HTMLDetailsElement;
  details.open = true;
  details.dispatchEvent(new Event('toggle'));
  await flushPromises();
}

describe('CallTimeline', () => {
  enableAutoUnmount(afterEach);

  test('closed, it is a "Call details" disclosure that does not touch the engine', () => {
    const { phone } = fakePhone();
    const wrapper = mount(CallTimeline, { props: { callId: 'call-1' } });
    expect(wrapper.get('summary').text()).toBe('Call details');
    expect(wrapper.get('details').attributes('aria-labelledby')).toBe(wrapper.get('summary').attributes('id'));
    expect(wrapper.find('button').exists()).toBe(false);
    expect(phone.timeline).not.toHaveBeenCalled();
  });

  test('open, it lists the steps reached so far and follows the engine as the call goes on', async () => {
    const { announce, listening } = fakePhone();
    const wrapper = mount(CallTimeline, { props: { callId: 'call-1' } });
    await openDetails(wrapper);
    expect(wrapper.findAll('tbody th').map((th) => th.text())).toEqual(['Dial', 'INVITE sent']);
    announce({ ...first, marks: { ...first.marks, ok200Received: 31, established: 31.4 } });
    announce({ ...first, sipCallId: 'other', marks: { dial: 0 } });
    await flushPromises();
    expect(wrapper.findAll('tbody th').map((th) => th.text())).toEqual(['Dial', 'INVITE sent', '200 OK received', 'Call established']);
    expect(wrapper.get('[data-mark="ok200Received"]').text()).toContain('31.0 ms');
    wrapper.unmount();
    expect(listening()).toBe(false);
  });

  test('"Copy call details" puts the steps as text and the timeline as JSON on the clipboard', async () => {
    fakePhone();
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const wrapper = mount(CallTimeline, { props: { callId: 'call-1' } });
    await openDetails(wrapper);
    await wrapper.get('button').trigger('click');
    await flushPromises();
    const copied = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(copied).toContain('Outgoing call call-1');
    expect(copied).toContain('INVITE sent');
    expect(JSON.parse(copied.slice(copied.indexOf('{')))).toEqual(first);
    expect(wrapper.get('[role="status"]').text()).toBe('Call details copied.');
  });
});
