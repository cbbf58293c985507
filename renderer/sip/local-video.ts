// Putting a video track on a call and taking it off, whatever its source (camera or screen).
// Only the video sender is touched: the microphone's sender is never replaced, so starting or
// stopping a camera or a share cannot interrupt the audio.

import { cameraConstraints } from '../devices/capture-constraints';
import { openCameraTrack } from './camera-switch';
import { captureInUse } from './capture-in-use';
import type { SoftphoneSessionDescriptionHandler } from './softphone-sdh';

export function videoTransceiver(pc: RTCPeerConnection): RTCRtpTransceiver | undefined {
  return pc.getTransceivers().find((t) => t.receiver.track.kind === 'video' && t.direction !== 'stopped');
}

/**
 * Sends `track` as our video: replaces the track of the existing video sender, or adds a
 * video transceiver (the next offer then carries a new m=video). The local preview stream
 * follows. Returns the track it replaced (not stopped: the caller decides).
 */
export async function sendVideoTrack(sdh: SoftphoneSessionDescriptionHandler, track: MediaStreamTrack): Promise<MediaStreamTrack | null> {
  const pc = sdh.peerConnection;
  if (!pc) throw new Error('The call has no media connection.');
  const local = sdh.localMediaStream;
  const transceiver = videoTransceiver(pc);
  let previous: MediaStreamTrack | null = null;
  if (transceiver) {
    previous = transceiver.sender.track;
    await transceiver.sender.replaceTrack(track);
  } else {
    pc.addTransceiver(track, { direction: 'sendrecv', streams: [local] });
  }
  for (const old of local.getVideoTracks()) local.removeTrack(old);
  local.addTrack(track);
  return previous;
}

/** Stops sending video (the m-line stays, so no renegotiation is needed for this alone). */
export async function unsendVideoTrack(sdh: SoftphoneSessionDescriptionHandler): Promise<MediaStreamTrack | null> {
  const pc = sdh.peerConnection;
  const transceiver = pc && videoTransceiver(pc);
  const previous = transceiver?.sender.track ?? null;
  if (transceiver) await transceiver.sender.replaceTrack(null);
  for (const old of sdh.localMediaStream.getVideoTracks()) sdh.localMediaStream.removeTrack(old);
  return previous;
}

/**
 * A shared screen is text and detail: keep its resolution and let the frame rate drop when
 * bandwidth is short, rather than sending a blurry half-size screen.
 */
export async function preferSharpness(sdh: SoftphoneSessionDescriptionHandler, track: MediaStreamTrack): Promise<void> {
  track.contentHint = 'detail';
  const sender = sdh.peerConnection && videoTransceiver(sdh.peerConnection)?.sender;
  if (!sender) return;
  const parameters = sender.getParameters();
  parameters.degradationPreference = 'maintain-resolution';
  await sender.setParameters(parameters).catch(() => undefined);
}

/** The chosen camera (capture-in-use.ts), or the default one if it is gone. */
export async function openCamera(): Promise<MediaStreamTrack> {
  return (await openCameraTrack(cameraConstraints(captureInUse()))).track;
}
