// Changing the camera a call sends without renegotiation, as microphone-switch.ts does for the
// microphone: RTCRtpSender.replaceTrack swaps the track under the same m=video and SSRC. The new
// camera is opened first (the call keeps sending the old one until then), then put in place of
// the old one, which is stopped: at most one camera stays open per call.

import type { CallSession } from '../../shared/call-session';
import { openCaptureTrack, openWithBrowser, type OpenMedia, type OpenedTrack } from '../devices/open-capture';

/**
 * Where a newly chosen camera goes on a call: on the video sender, in place of the camera a
 * screen share has parked (the share keeps the sender), or nowhere. A paused camera is closed:
 * it opens with the new choice when it resumes, so nothing opens now; nor for a call without
 * the camera on.
 */
export type CameraSlot = 'sender' | 'parked' | 'none';

export function cameraSlot(call: Pick<CallSession, 'cameraEnabled' | 'videoMuted' | 'screensharing'>, parkedCamera: boolean): CameraSlot {
  if (!call.cameraEnabled || call.videoMuted) return 'none';
  if (call.screensharing) return parkedCamera ? 'parked' : 'none';
  return 'sender';
}

export type OpenedCamera = OpenedTrack;

/** Opens a camera with `video` constraints, the default one if that device is gone. */
export function openCameraTrack(video: MediaTrackConstraints | true, open: OpenMedia = openWithBrowser): Promise<OpenedCamera> {
  return openCaptureTrack('video', video, open);
}

/** Whether `track` is already the camera `video` asks for (a second switch to the same device is a no-op). */
export function isWantedCamera(track: MediaStreamTrack | null, video: MediaTrackConstraints | true): boolean {
  if (!track || track.readyState !== 'live' || video === true) return false;
  const wanted = video.deviceId;
  const id = typeof wanted === 'object' && wanted !== null && !Array.isArray(wanted) ? wanted.exact : wanted;
  return typeof id === 'string' && track.getSettings().deviceId === id;
}

export interface CameraSwitch {
  /** The camera the call shows now (on the sender, or parked by a share). */
  current: MediaStreamTrack | null;
  video: MediaTrackConstraints | true;
  /** Asked once the device opened: false when the call ended meanwhile. */
  stillLive: () => boolean;
  /** Puts the new camera where the old one was; returns the old one (stopped here). */
  place: (track: MediaStreamTrack) => Promise<MediaStreamTrack | null>;
  open?: OpenMedia;
}

/**
 * The whole switch: open the new camera, put it in place, stop the old one. Null when nothing
 * had to change or the call ended meanwhile (the new camera is then closed at once).
 */
export async function switchCamera({ current, video, stillLive, place, open = openWithBrowser }: CameraSwitch): Promise<OpenedCamera | null> {
  if (isWantedCamera(current, video)) return null;
  const opened = await openCameraTrack(video, open);
  if (!stillLive()) {
    opened.track.stop();
    return null;
  }
  let previous: MediaStreamTrack | null;
  try {
    previous = await place(opened.track);
  } catch (error) {
    opened.track.stop();
    throw error;
  }
  if (previous !== opened.track) previous?.stop();
  return opened;
}
