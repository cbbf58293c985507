// Opening one capture device for a call already under way (a microphone or camera chosen
// mid-call, or one replacing a device that vanished): the chosen device, or the default one
// when the chosen one is gone, reported as a fallback. One track, nothing else left open.

import { isMissingDeviceError, withDefaultDevices } from './capture-constraints';

export type OpenMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

export const openWithBrowser: OpenMedia = (constraints) => navigator.mediaDevices.getUserMedia(constraints);

export interface OpenedTrack {
  track: MediaStreamTrack;
  /** The chosen device could not be opened (unplugged meanwhile): the default was taken. */
  fellBack: boolean;
}

export async function openCaptureTrack(kind: 'audio' | 'video', constraints: MediaTrackConstraints | true, open: OpenMedia = openWithBrowser): Promise<OpenedTrack> {
  const request: MediaStreamConstraints = kind === 'audio' ? { audio: constraints, video: false } : { video: constraints, audio: false };
  let fellBack = false;
  let stream: MediaStream;
  try {
    stream = await open(request);
  } catch (error) {
    if (!isMissingDeviceError(error) || constraints === true || constraints.deviceId === undefined) throw error;
    stream = await open(withDefaultDevices(request));
    fellBack = true;
  }
  const track = kind === 'audio' ? stream.getAudioTracks()[0] : stream.getVideoTracks()[0];
  for (const other of stream.getTracks()) if (other !== track) other.stop();
  if (!track) throw Object.assign(new Error(kind === 'audio' ? 'No microphone track.' : 'No camera track.'), { name: 'NotFoundError' });
  return { track, fellBack };
}
