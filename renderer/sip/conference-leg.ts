// A call as the conference sees it (conference.ts): its microphone, the far end's audio track
// and its audio sender, read from the call's session description handler.

import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web/session-description-handler/index.js';
import type { CallController } from './call-controller';
import type { ConferenceCall } from './conference';
import { transceiverOfKind } from './late-media';

export function conferenceLeg(controller: CallController): ConferenceCall {
  const connection = () => (controller.session.sessionDescriptionHandler as SessionDescriptionHandler | undefined)?.peerConnection;
  return {
    get id() {
      return controller.id;
    },
    get snapshot() {
      return controller.snapshot;
    },
    isLive: () => controller.isLive(),
    setHold: (hold) => controller.setHold(hold),
    microphone: () => controller.microphone(),
    remoteAudio: () => {
      const pc = connection();
      return pc ? transceiverOfKind(pc, 'audio')?.receiver.track : undefined;
    },
    async sendAudio(track) {
      const pc = connection();
      const sender = pc ? transceiverOfKind(pc, 'audio')?.sender : undefined;
      if (!sender) throw new Error('The call has no audio sender.');
      if (sender.track !== track) await sender.replaceTrack(track);
    },
    markConference: (conference) => controller.markConference(conference),
  };
}
