// The media side of a call's timeline: ICE connected, DTLS connected (the connection's state,
// which is "connected" once every ICE and DTLS transport is), and the first audio packet in
// and out, read from getStats() the way the bench reads it for every softphone it measures.

import type { TimelineMark } from './call-timeline';

/** Poll period for the first packets: the same 5 ms the bench's own probe uses. */
const FIRST_AUDIO_POLL_MS = 5;
/** Past this, a call with no audio yet is not waited for here (the media watchdog owns that). */
const FIRST_AUDIO_WAIT_MS = 15_000;

type Mark = (name: TimelineMark, at?: number) => void;

/** Watches `connection` for its milestones; returns a function that stops watching. */
export function watchConnectionMilestones(connection: RTCPeerConnection, mark: Mark): () => void {
  let stopped = false;
  let poll: ReturnType<typeof setTimeout> | undefined;
  let pollingSince: number | undefined;
  let audioIn = false;
  let audioOut = false;

  const pollFirstAudio = () => {
    poll = undefined;
    if (stopped || connection.connectionState === 'closed') return;
    if (pollingSince !== undefined && performance.now() - pollingSince > FIRST_AUDIO_WAIT_MS) return;
    void connection
      .getStats()
      .then((report) => {
        const at = performance.now();
        report.forEach((stats: { type?: string; kind?: string; packetsReceived?: number; packetsSent?: number }) => {
          if (stats.kind !== 'audio') return;
          if (!audioIn && stats.type === 'inbound-rtp' && (stats.packetsReceived ?? 0) > 0) {
            audioIn = true;
            mark('firstAudioIn', at);
          }
          if (!audioOut && stats.type === 'outbound-rtp' && (stats.packetsSent ?? 0) > 0) {
            audioOut = true;
            mark('firstAudioOut', at);
          }
        });
      })
      .catch(() => undefined)
      .finally(() => {
        if (!stopped && !(audioIn && audioOut)) poll = setTimeout(pollFirstAudio, FIRST_AUDIO_POLL_MS);
      });
  };
  const startPolling = () => {
    if (pollingSince !== undefined || stopped) return;
    pollingSince = performance.now();
    pollFirstAudio();
  };

  const onIce = () => {
    const state = connection.iceConnectionState;
    // No polling yet: no media flows before DTLS has keyed it, and ICE connects while the
    // caller still applies the answer, with its ACK to send (getStats every 5 ms would compete).
    if (state === 'connected' || state === 'completed') mark('iceConnected');
  };
  const onConnection = () => {
    if (connection.connectionState === 'connected') {
      mark('dtlsConnected');
      startPolling();
    }
    if (connection.connectionState === 'closed') stop();
  };
  connection.addEventListener('iceconnectionstatechange', onIce);
  connection.addEventListener('connectionstatechange', onConnection);

  function stop(): void {
    stopped = true;
    if (poll !== undefined) clearTimeout(poll);
    connection.removeEventListener('iceconnectionstatechange', onIce);
    connection.removeEventListener('connectionstatechange', onConnection);
  }
  return stop;
}
