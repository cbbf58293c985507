// @vitest-environment happy-dom
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { CallSession } from '../../shared/call-session';
import CallAudio from './CallAudio.vue';
import CallVideo from './CallVideo.vue';
import { useMediaSource } from './media-element';

function connected(): CallSession {
  return new CallSession({ sipCallId: 'call-1', displayName: 'Alice', number: '1001', isCaller: true, sipStatus: 'Established', answerTime: new Date() });
}

/** A stream with a real (canvas-captured) video track, so a <video> tile is shown. */
function videoStream(): MediaStream {
  return document.createElement('canvas').captureStream();
}

// A media element that keeps its stream after it left the page stays in memory with it (and,
// in Chromium, with the whole panel it was in): every element must let go when it is removed.
describe('media elements let go of their stream', () => {
  enableAutoUnmount(afterEach);

  test('the remote <audio> of a call plays the stream, and drops it when the call goes', async () => {
    const stream = new MediaStream();
    const wrapper = mount(CallAudio, { props: { stream } });
    await nextTick();
    const audio = wrapper.get('audio').element as HTMLAudioElement;
    expect(audio.srcObject).toBe(stream);
    wrapper.unmount();
    expect(audio.srcObject).toBeNull();
  });

  test('the remote video tile drops its stream when the panel goes', async () => {
    const stream = videoStream();
    const wrapper = mount(CallVideo, { props: { call: connected(), remoteStream: stream } });
    await nextTick();
    const video = wrapper.get('video.remote').element as HTMLVideoElement;
    expect(video.srcObject).toBe(stream);
    wrapper.unmount();
    expect(video.srcObject).toBeNull();
  });

  test('an element removed by v-if while its component stays is released, and the new one attached', async () => {
    const shown = ref(true);
    const stream = new MediaStream();
    const Host = defineComponent({
      setup() {
        const element = ref<HTMLMediaElement | null>(null);
        useMediaSource(element, () => stream, { muted: true });
        return () => h('div', [shown.value ? h('video', { ref: element, key: 'a' }) : null]);
      },
    });
    const wrapper = mount(Host);
    await nextTick();
    const first = wrapper.get('video').element as HTMLVideoElement;
    expect(first.srcObject).toBe(stream);
    expect(first.muted).toBe(true);
    shown.value = false;
    await nextTick();
    await nextTick();
    expect(first.srcObject).toBeNull();
    shown.value = true;
    await nextTick();
    await nextTick();
    const second = wrapper.get('video').element as HTMLVideoElement;
    expect(second).not.toBe(first);
    expect(second.srcObject).toBe(stream);
  });
});
