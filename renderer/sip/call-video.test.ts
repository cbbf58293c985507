import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { DEFAULT_CAPTURE, DEFAULT_PROCESSING } from '../devices/capture-constraints';
import { CallVideo, type VideoHost } from './call-video';
import { setCaptureInUse } from './capture-in-use';
import type { SoftphoneSessionDescriptionHandler } from './softphone-sdh';

// CallVideo over a fake WebRTC handler: one video transceiver whose sender holds a track, the
// local (self-view) stream, and getUserMedia/getDisplayMedia over fake devices. What is checked
// is what the far end and the self-view would get: the sender's track, the stream's tracks, and
// which camera tracks are still open.

interface FakeTrack {
  kind: 'video';
  label: string;
  readyState: MediaStreamTrackState;
  contentHint: string;
  getSettings(): { deviceId: string };
  stop(): void;
  addEventListener(): void;
}

function fakeTrack(label: string, opened: FakeTrack[]): FakeTrack {
  const track: FakeTrack = {
    kind: 'video',
    label,
    readyState: 'live',
    contentHint: '',
    getSettings: () => ({ deviceId: label }),
    stop: () => void (track.readyState = 'ended'),
    addEventListener: () => undefined,
  };
  opened.push(track);
  return track;
}

function stream(tracks: FakeTrack[]) {
  return {
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
    getTracks: () => [...tracks],
    removeTrack: (t: FakeTrack) => void tracks.splice(tracks.indexOf(t), 1),
    addTrack: (t: FakeTrack) => void tracks.push(t),
  };
}

function setUp(init: Partial<ConstructorParameters<typeof CallSession>[0]> = {}) {
  const opened: FakeTrack[] = [];
  const cameras = ['fake_device_0', 'fake_device_2'];
  let gumCalls = 0;
  vi.stubGlobal('navigator', {
    mediaDevices: {
      getUserMedia: async ({ video }: MediaStreamConstraints) => {
        gumCalls++;
        const id = video === true ? cameras[0]! : ((video as MediaTrackConstraints).deviceId as { exact: string }).exact;
        if (!cameras.includes(id)) throw new DOMException('not found', 'OverconstrainedError');
        return stream([fakeTrack(id, opened)]);
      },
      getDisplayMedia: async () => stream([fakeTrack('screen', opened)]),
    },
  });
  const camera = fakeTrack('fake_device_0', opened);
  const sender = {
    track: camera as FakeTrack | null,
    replaceTrack: async (t: FakeTrack | null) => void (sender.track = t),
    getParameters: () => ({}),
    setParameters: async () => undefined,
  };
  const transceiver = { receiver: { track: { kind: 'video' } }, direction: 'sendrecv', sender };
  const localTracks: FakeTrack[] = [camera];
  let ended = false;
  const sdh = { peerConnection: { getTransceivers: () => [transceiver] }, localMediaStream: stream(localTracks) } as unknown as SoftphoneSessionDescriptionHandler;
  let call = new CallSession({ sipCallId: 'c', isCaller: true, cameraEnabled: true, ...init });
  const host: VideoHost = {
    snapshot: () => call,
    sdh: () => (ended ? undefined : sdh),
    remoteStream: () => undefined,
    change: (change) => {
      const next = call.clone();
      change(next);
      call = next;
    },
    emit: vi.fn(),
    reinvite: () => Promise.reject(new Error('no re-INVITE expected')),
    stopScreenSharing: () => Promise.resolve(),
  };
  return {
    video: new CallVideo(host),
    sender,
    localTracks,
    host,
    live: () => opened.filter((t) => t.readyState === 'live').map((t) => t.label),
    gumCalls: () => gumCalls,
    hangUp: () => void (ended = true),
  };
}

const second = { deviceId: { exact: 'fake_device_2' } };

afterEach(() => {
  vi.unstubAllGlobals();
  setCaptureInUse(DEFAULT_CAPTURE);
});

describe('a camera chosen mid-call', () => {
  it('goes on the sender and in the self-view, and the old camera is closed', async () => {
    const t = setUp();
    const switched = await t.video.switchCamera(second);
    expect(switched?.fellBack).toBe(false);
    expect(t.sender.track?.label).toBe('fake_device_2');
    expect(t.localTracks.map((x) => x.label)).toEqual(['fake_device_2']);
    expect(t.live()).toEqual(['fake_device_2']);
  });

  it('a vanished choice is replaced by the default camera, and that is reported', async () => {
    const t = setUp();
    await t.video.switchCamera(second);
    const switched = await t.video.switchCamera({ deviceId: { exact: 'unplugged' } });
    expect(switched?.fellBack).toBe(true);
    expect(t.sender.track?.label).toBe('fake_device_0');
    expect(t.live()).toEqual(['fake_device_0']);
  });

  it('opens nothing while the camera is paused; resuming opens the current choice', async () => {
    const t = setUp({ videoMuted: true });
    t.sender.track = null;
    t.localTracks.splice(0).forEach((x) => x.stop());
    setCaptureInUse({ cameraId: 'fake_device_2', processing: DEFAULT_PROCESSING });
    expect(await t.video.switchCamera(second)).toBeNull();
    expect(t.gumCalls()).toBe(0);
    expect(t.live()).toEqual([]);
    await t.video.setVideoMuted(false);
    expect((t.sender.track as FakeTrack | null)?.label).toBe('fake_device_2');
    expect(t.live()).toEqual(['fake_device_2']);
  });

  it('opens nothing on a call without the camera', async () => {
    const t = setUp({ cameraEnabled: false });
    expect(await t.video.switchCamera(second)).toBeNull();
    expect(t.gumCalls()).toBe(0);
  });

  it('during a share, replaces the parked camera: the share stays on the sender, the new camera comes back after it', async () => {
    const t = setUp();
    await t.video.setScreenSharing(true);
    expect(t.sender.track?.label).toBe('screen');
    await t.video.switchCamera(second);
    expect(t.sender.track?.label).toBe('screen');
    expect(t.live().sort()).toEqual(['fake_device_2', 'screen']);
    await t.video.setScreenSharing(false);
    expect(t.sender.track?.label).toBe('fake_device_2');
    expect(t.localTracks.map((x) => x.label)).toEqual(['fake_device_2']);
    expect(t.live()).toEqual(['fake_device_2']);
  });

  it('a call that ended while the camera opened gets nothing, and the camera is closed', async () => {
    const t = setUp();
    const getUserMedia = navigator.mediaDevices.getUserMedia;
    vi.stubGlobal('navigator', {
      mediaDevices: {
        getUserMedia: async (constraints: MediaStreamConstraints) => {
          const opened = await getUserMedia(constraints);
          t.hangUp();
          return opened;
        },
      },
    });
    expect(await t.video.switchCamera(second)).toBeNull();
    expect(t.sender.track?.label).toBe('fake_device_0');
    expect(t.live()).toEqual(['fake_device_0']);
  });

  it('a camera that cannot be opened is reported, and the call keeps its camera', async () => {
    const t = setUp();
    vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: () => Promise.reject(new DOMException('busy', 'NotReadableError')) } });
    expect(await t.video.switchCamera(second)).toBeNull();
    expect(t.host.emit).toHaveBeenCalledWith('onActionFailed', expect.anything(), expect.objectContaining({ code: 'camera-busy' }));
    expect(t.sender.track?.label).toBe('fake_device_0');
    expect(t.live()).toEqual(['fake_device_0']);
  });
});
