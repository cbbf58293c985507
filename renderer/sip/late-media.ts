// The INVITE (or the 200 OK) does not wait for the microphone: the description is made with an
// audio transceiver that has no track yet, and the track is put on its sender with
// replaceTrack() when getUserMedia resolves. replaceTrack never renegotiates, so the far end
// sees nothing but RTP starting. These helpers keep that bookkeeping out of the handler.

/** The first live transceiver of a kind (its m-line is the one SIP.js and we send on). */
export function transceiverOfKind(connection: RTCPeerConnection, kind: 'audio' | 'video'): RTCRtpTransceiver | undefined {
  return connection.getTransceivers().find((t) => t.direction !== 'stopped' && t.receiver.track.kind === kind);
}

/**
 * Gives the description an m-line per kind before any track exists. An offer gets new
 * transceivers; an answer uses those the remote offer created. Either way the sender is tied to
 * our local stream, so the far end sees one stream (msid) as it would with addTrack().
 */
export function prepareSendTransceivers(connection: RTCPeerConnection, kinds: readonly ('audio' | 'video')[], local: MediaStream): void {
  for (const kind of kinds) {
    let transceiver = transceiverOfKind(connection, kind);
    if (!transceiver && connection.signalingState === 'stable') {
      transceiver = connection.addTransceiver(kind, { direction: 'sendrecv', streams: [local] });
      continue;
    }
    if (transceiver && !transceiver.sender.track) {
      try {
        transceiver.sender.setStreams(local);
      } catch {
        // Older engines without setStreams: the track still flows, only its msid differs.
      }
    }
  }
}

/**
 * Tracks of `stream` whose kind has a track-less sender waiting for them: put on that sender
 * with replaceTrack() (no renegotiation). Returns the tracks that found no such sender, for
 * the usual addTrack/replace path. `beforeSend` runs once each track is in the local stream
 * and before it can send (mute, hold and "not answered yet" apply to it from the first frame).
 */
export async function attachToWaitingSenders(
  connection: RTCPeerConnection,
  stream: MediaStream,
  local: MediaStream,
  beforeSend: () => void,
): Promise<MediaStreamTrack[]> {
  const rest: MediaStreamTrack[] = [];
  const waiting: Array<[RTCRtpSender, MediaStreamTrack]> = [];
  for (const track of stream.getTracks()) {
    const kind = track.kind as 'audio' | 'video';
    const transceiver = transceiverOfKind(connection, kind);
    if (transceiver && !transceiver.sender.track && local.getTracks().every((t) => t.kind !== kind)) {
      local.addTrack(track);
      waiting.push([transceiver.sender, track]);
    } else {
      rest.push(track);
    }
  }
  if (waiting.length > 0) {
    beforeSend();
    await Promise.all(waiting.map(([sender, track]) => sender.replaceTrack(track)));
  }
  return rest;
}
