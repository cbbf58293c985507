// @vitest-environment happy-dom
import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { nextTick } from 'vue';
import { CallSession } from '../../shared/call-session';
import { setLanguage } from '../i18n';
import CallVideo from './CallVideo.vue';

function call(overrides: ConstructorParameters<typeof CallSession>[0] = {}): CallSession {
  return new CallSession({
    sipCallId: 'call-1',
    displayName: 'Alice Martin',
    number: '1001',
    isCaller: true,
    sipStatus: 'Established',
    answerTime: new Date(),
    ...overrides,
  });
}

/** A stream with one real (canvas-captured) video track, as a camera or a remote peer gives. */
function videoStream(): { stream: MediaStream; track: MediaStreamTrack } {
  const stream = document.createElement('canvas').captureStream();
  const track = stream.getVideoTracks()[0];
  if (!track) throw new Error('the canvas gave no video track');
  return { stream, track };
}

// What the network does to a remote track when the far end stops or resumes sending.
function setMuted(track: MediaStreamTrack, muted: boolean): void {
  Object.assign(track, { muted });
  track.dispatchEvent(new Event(muted ? 'mute' : 'unmute'));
}

const remoteShown = (wrapper: VueWrapper) => wrapper.find('video.remote').exists();
const avatar = (wrapper: VueWrapper) => wrapper.find('[role="img"]');

describe('CallVideo', () => {
  enableAutoUnmount(afterEach);
  afterEach(() => setLanguage('en'));

  test('without remote video, shows an avatar with the initials, named after the party', () => {
    const wrapper = mount(CallVideo, { props: { call: call() } });
    expect(remoteShown(wrapper)).toBe(false);
    expect(avatar(wrapper).attributes('aria-label')).toBe('Alice Martin');
    expect(avatar(wrapper).text()).toBe('AM');
  });

  test('an audio-only remote stream still shows the avatar, and no video element plays it', () => {
    const wrapper = mount(CallVideo, { props: { call: call(), remoteStream: new MediaStream() } });
    expect(remoteShown(wrapper)).toBe(false);
    expect(avatar(wrapper).exists()).toBe(true);
    // The sound is CallAudio's; a hidden <video> on the same stream would be a second player.
    expect(wrapper.findAll('video').filter((v) => (v.element as HTMLVideoElement).srcObject !== null)).toHaveLength(0);
  });

  test('a live remote video track is shown in a muted, autoplaying, inline video named after the party', async () => {
    const { stream } = videoStream();
    const wrapper = mount(CallVideo, { props: { call: call(), remoteStream: stream } });
    await nextTick();
    const video = wrapper.get('video.remote').element as HTMLVideoElement;
    expect(remoteShown(wrapper)).toBe(true);
    expect(avatar(wrapper).exists()).toBe(false);
    expect(video.srcObject).toBe(stream);
    expect(video.muted).toBe(true);
    expect(video.autoplay).toBe(true);
    expect(video.hasAttribute('playsinline')).toBe(true);
    expect(video.getAttribute('aria-label')).toBe('Video from Alice Martin');
  });

  test('the avatar replaces the video while the remote track is muted, and when it ends', async () => {
    const { stream, track } = videoStream();
    const wrapper = mount(CallVideo, { props: { call: call(), remoteStream: stream } });
    setMuted(track, true);
    await nextTick();
    expect(remoteShown(wrapper)).toBe(false);
    expect(avatar(wrapper).exists()).toBe(true);
    setMuted(track, false);
    await nextTick();
    expect(remoteShown(wrapper)).toBe(true);
    track.stop();
    track.dispatchEvent(new Event('ended'));
    await nextTick();
    expect(remoteShown(wrapper)).toBe(false);
  });

  test('follows video tracks added to and removed from the remote stream', async () => {
    const stream = new MediaStream();
    const wrapper = mount(CallVideo, { props: { call: call(), remoteStream: stream } });
    const { track } = videoStream();
    stream.addTrack(track);
    await nextTick();
    expect(remoteShown(wrapper)).toBe(true);
    // A track added later is listened to as well.
    setMuted(track, true);
    await nextTick();
    expect(remoteShown(wrapper)).toBe(false);
    setMuted(track, false);
    stream.removeTrack(track);
    await nextTick();
    expect(remoteShown(wrapper)).toBe(false);
  });

  test('looks at the stream again on each new remote media revision', async () => {
    const { stream, track } = videoStream();
    Object.assign(track, { muted: true });
    const wrapper = mount(CallVideo, { props: { call: call(), remoteStream: stream, remoteMediaRevision: 1 } });
    expect(remoteShown(wrapper)).toBe(false);
    // The engine changed the media without any track event reaching us.
    Object.assign(track, { muted: false });
    await wrapper.setProps({ remoteMediaRevision: 2 });
    expect(remoteShown(wrapper)).toBe(true);
  });

  test('a far end that dropped its video gets the avatar even if its track lingers', async () => {
    const { stream } = videoStream();
    const wrapper = mount(CallVideo, { props: { call: call(), remoteStream: stream } });
    expect(remoteShown(wrapper)).toBe(true);
    await wrapper.setProps({ call: call({ videoRemotelyDowngraded: true }) });
    expect(remoteShown(wrapper)).toBe(false);
    expect(avatar(wrapper).text()).toBe('AM');
  });

  test('previews our camera mirrored, with only the video track', async () => {
    const { stream: local, track } = videoStream();
    const wrapper = mount(CallVideo, { props: { call: call({ cameraEnabled: true }), localStream: local } });
    await nextTick();
    const preview = wrapper.get('video.local');
    const element = preview.element as HTMLVideoElement;
    expect(preview.classes()).toContain('mirrored');
    expect(element.muted).toBe(true);
    expect(element.getAttribute('aria-label')).toBe('Your camera');
    const shown = element.srcObject as MediaStream;
    expect(shown).not.toBe(local);
    expect(shown.getVideoTracks()).toEqual([track]);
    expect(shown.getAudioTracks()).toEqual([]);
  });

  test('previews a shared screen the right way round, and names it in French', async () => {
    setLanguage('fr');
    const { stream: local } = videoStream();
    const wrapper = mount(CallVideo, { props: { call: call({ screensharing: true }), localStream: local } });
    await nextTick();
    const preview = wrapper.get('video.local');
    expect(preview.classes()).not.toContain('mirrored');
    expect(preview.attributes('aria-label')).toBe('Votre écran partagé');
  });

  test('no preview while the camera is off or paused', async () => {
    const { stream: local } = videoStream();
    const wrapper = mount(CallVideo, { props: { call: call(), localStream: local } });
    expect(wrapper.find('video.local').exists()).toBe(false);
    await wrapper.setProps({ call: call({ cameraEnabled: true, videoMuted: true }) });
    expect(wrapper.find('video.local').exists()).toBe(false);
    await wrapper.setProps({ call: call({ cameraEnabled: true }) });
    expect(wrapper.find('video.local').exists()).toBe(true);
  });
});
