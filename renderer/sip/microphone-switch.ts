// Changing what a call sends as its audio without renegotiation: RTCRtpSender.replaceTrack
// swaps the track under the same m-line and SSRC, so the far end only hears the new source.
// Used for a microphone picked mid-call, a vanished one replaced by the default, and new voice
// processing (Chromium takes echoCancellation and the like only when the track is opened; a live
// track's applyConstraints resolves but changes nothing). A local mix (conference) can reuse
// replaceSentAudio to put its own track on the sender.

import { openCaptureTrack, openWithBrowser, type OpenMedia, type OpenedTrack } from '../devices/open-capture';
import { transceiverOfKind } from './late-media';

export type { OpenMedia } from '../devices/open-capture';

/**
 * Puts `track` on the call's audio sender and in its local stream, in place of the current
 * audio track, which is stopped (its device, and the browser's "microphone in use" light, are
 * released). Keeps the mute state: the new track is enabled only if the old one was.
 */
export async function replaceSentAudio(connection: RTCPeerConnection, local: MediaStream, track: MediaStreamTrack): Promise<void> {
  const sender = transceiverOfKind(connection, 'audio')?.sender;
  if (!sender) throw new Error('The call has no audio sender to switch.');
  const old = local.getAudioTracks();
  // A stopped track keeps its `enabled` flag: the mute state survives releaseFirst.
  const wasEnabled = old.length === 0 ? true : old.some((t) => t.enabled);
  track.enabled = wasEnabled;
  await sender.replaceTrack(track);
  for (const previous of old) {
    local.removeTrack(previous);
    previous.stop();
  }
  local.addTrack(track);
}

export type SwitchedMicrophone = OpenedTrack;

/** Opens a microphone with `audio` constraints, the default one if that device is gone. */
export function openMicrophone(audio: MediaTrackConstraints, open: OpenMedia = openWithBrowser): Promise<SwitchedMicrophone> {
  return openCaptureTrack('audio', audio, open);
}

/**
 * The whole switch: open the new microphone first (the call keeps sending the old one until
 * then), put it on the sender, stop the old one. `stillLive` is asked once the device opened: a
 * call that ended meanwhile gets nothing and the new track is stopped at once.
 * `releaseFirst`: stop the old track before opening. Needed for new processing on the same
 * device: Chromium hands a second request for an open device the source already running, with
 * its processing, so the old one must be closed first (measured: noiseSuppression stayed true).
 */
export async function switchMicrophone(
  connection: RTCPeerConnection,
  local: MediaStream,
  audio: MediaTrackConstraints,
  stillLive: () => boolean,
  { releaseFirst = false, open = openWithBrowser }: { releaseFirst?: boolean; open?: OpenMedia } = {},
): Promise<SwitchedMicrophone | null> {
  if (releaseFirst) for (const track of local.getAudioTracks()) track.stop();
  const opened = await openMicrophone(audio, open);
  if (!stillLive()) {
    opened.track.stop();
    return null;
  }
  try {
    await replaceSentAudio(connection, local, opened.track);
  } catch (error) {
    opened.track.stop();
    throw error;
  }
  return opened;
}
