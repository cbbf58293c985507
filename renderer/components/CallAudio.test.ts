// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, test } from 'vitest';
import { nextTick } from 'vue';
import CallAudio from './CallAudio.vue';

describe('CallAudio', () => {
  test('plays the remote stream in an autoplaying audio element, follows a new stream, and lets go at the end', async () => {
    const first = new MediaStream();
    const wrapper = mount(CallAudio, { props: { stream: first } });
    await nextTick();
    const audio = wrapper.get('audio').element as HTMLAudioElement;
    expect(audio.autoplay).toBe(true);
    expect(audio.muted).toBe(false);
    expect(audio.srcObject).toBe(first);
    const second = new MediaStream();
    await wrapper.setProps({ stream: second });
    expect(audio.srcObject).toBe(second);
    wrapper.unmount();
    expect(audio.srcObject).toBeNull();
  });
});
