import { describe, expect, it } from 'vitest';
import { cameraSlot, isWantedCamera, openCameraTrack, switchCamera } from './camera-switch';
import type { OpenMedia } from './microphone-switch';

/** A camera track as the switch sees it: a device id, live until stopped. */
function fakeCamera(deviceId: string, log: string[] = []): MediaStreamTrack {
  const track = {
    kind: 'video',
    readyState: 'live' as MediaStreamTrackState,
    getSettings: () => ({ deviceId }),
    stop() {
      track.readyState = 'ended';
      log.push(`stop ${deviceId}`);
    },
  };
  return track as unknown as MediaStreamTrack;
}

/** getUserMedia over a set of plugged-in cameras; `default` is what `video: true` opens. */
function fakeOpen(plugged: string[], log: string[] = []): OpenMedia {
  return async (constraints) => {
    const video = constraints.video;
    const wanted = video === true ? plugged[0] : ((video as MediaTrackConstraints).deviceId as { exact: string }).exact;
    if (!wanted || !plugged.includes(wanted)) throw new DOMException('Requested device not found', 'OverconstrainedError');
    log.push(`open ${wanted}`);
    const track = fakeCamera(wanted, log);
    return { getVideoTracks: () => [track], getTracks: () => [track] } as unknown as MediaStream;
  };
}

const exact = (deviceId: string): MediaTrackConstraints => ({ deviceId: { exact: deviceId } });

describe('where a newly chosen camera goes', () => {
  it('on the video sender when the camera is on and shown', () => {
    expect(cameraSlot({ cameraEnabled: true, videoMuted: false, screensharing: false }, false)).toBe('sender');
  });

  it('nowhere while the camera is paused, shared screen or not: it opens at resume', () => {
    expect(cameraSlot({ cameraEnabled: true, videoMuted: true, screensharing: false }, false)).toBe('none');
    expect(cameraSlot({ cameraEnabled: true, videoMuted: true, screensharing: true }, false)).toBe('none');
  });

  it('nowhere on a call without the camera, even while it shares a screen', () => {
    expect(cameraSlot({ cameraEnabled: false, videoMuted: false, screensharing: false }, false)).toBe('none');
    expect(cameraSlot({ cameraEnabled: false, videoMuted: false, screensharing: true }, false)).toBe('none');
  });

  it('in place of the camera a share parked, never on the sender the share owns', () => {
    expect(cameraSlot({ cameraEnabled: true, videoMuted: false, screensharing: true }, true)).toBe('parked');
    expect(cameraSlot({ cameraEnabled: true, videoMuted: false, screensharing: true }, false)).toBe('none');
  });
});

describe('opening the chosen camera', () => {
  it('asks the chosen device exactly', async () => {
    const opened = await openCameraTrack(exact('cam-2'), fakeOpen(['cam-1', 'cam-2']));
    expect(opened.track.getSettings().deviceId).toBe('cam-2');
    expect(opened.fellBack).toBe(false);
  });

  it('takes the default camera when the chosen one is gone, and says so', async () => {
    const opened = await openCameraTrack(exact('unplugged'), fakeOpen(['cam-1']));
    expect(opened.track.getSettings().deviceId).toBe('cam-1');
    expect(opened.fellBack).toBe(true);
  });

  it('does not fall back past a refusal', async () => {
    const refuse: OpenMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    await expect(openCameraTrack(exact('cam-2'), refuse)).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('recognises the camera already in use, and never the default by id', () => {
    expect(isWantedCamera(fakeCamera('cam-2'), exact('cam-2'))).toBe(true);
    expect(isWantedCamera(fakeCamera('cam-1'), exact('cam-2'))).toBe(false);
    expect(isWantedCamera(fakeCamera('cam-1'), true)).toBe(false);
    const stopped = fakeCamera('cam-2');
    stopped.stop();
    expect(isWantedCamera(stopped, exact('cam-2'))).toBe(false);
  });
});

describe('switching the camera of a call', () => {
  it('opens the new camera first, puts it in place, then stops the old one', async () => {
    const log: string[] = [];
    const old = fakeCamera('cam-1', log);
    let shown: MediaStreamTrack = old;
    const switched = await switchCamera({
      current: old,
      video: exact('cam-2'),
      stillLive: () => true,
      place: async (track) => {
        log.push(`place ${track.getSettings().deviceId}`);
        const previous = shown;
        shown = track;
        return previous;
      },
      open: fakeOpen(['cam-1', 'cam-2'], log),
    });
    expect(log).toEqual(['open cam-2', 'place cam-2', 'stop cam-1']);
    expect(switched?.track).toBe(shown);
    expect(shown.readyState).toBe('live');
    expect(old.readyState).toBe('ended');
  });

  it('gives a call that ended meanwhile nothing, and closes the camera it opened', async () => {
    const log: string[] = [];
    const old = fakeCamera('cam-1', log);
    const switched = await switchCamera({
      current: old,
      video: exact('cam-2'),
      stillLive: () => false,
      place: () => Promise.reject(new Error('must not be placed')),
      open: fakeOpen(['cam-1', 'cam-2'], log),
    });
    expect(switched).toBeNull();
    expect(log).toEqual(['open cam-2', 'stop cam-2']);
  });

  it('closes the new camera and keeps the old one when it cannot be put in place', async () => {
    const log: string[] = [];
    const old = fakeCamera('cam-1', log);
    await expect(
      switchCamera({
        current: old,
        video: exact('cam-2'),
        stillLive: () => true,
        place: () => Promise.reject(new Error('replaceTrack failed')),
        open: fakeOpen(['cam-1', 'cam-2'], log),
      }),
    ).rejects.toThrow('replaceTrack failed');
    expect(log).toEqual(['open cam-2', 'stop cam-2']);
    expect(old.readyState).toBe('live');
  });

  it('opens nothing when the call already shows the chosen camera', async () => {
    const log: string[] = [];
    const switched = await switchCamera({
      current: fakeCamera('cam-2', log),
      video: exact('cam-2'),
      stillLive: () => true,
      place: () => Promise.reject(new Error('must not be placed')),
      open: fakeOpen(['cam-1', 'cam-2'], log),
    });
    expect(switched).toBeNull();
    expect(log).toEqual([]);
  });

  it('switches to the default camera when the chosen one vanished, and reports the fallback', async () => {
    const log: string[] = [];
    const old = fakeCamera('cam-2', log);
    const switched = await switchCamera({ current: old, video: exact('cam-3'), stillLive: () => true, place: async () => old, open: fakeOpen(['cam-1', 'cam-2'], log) });
    expect(switched?.fellBack).toBe(true);
    expect(log).toEqual(['open cam-1', 'stop cam-2']);
  });
});
