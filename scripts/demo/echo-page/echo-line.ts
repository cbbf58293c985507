// The demo's echo test line: a real SIP user agent (SIP.js, over WebSocket to the demo's
// Kamailio) in a headless Chromium page with no microphone or camera of its own. It answers
// every call, plays a short announcement, then sends back what it receives: the caller's audio
// (and video) tracks are put on its own senders with replaceTrack, so the caller hears and sees
// themselves through a real WebRTC round trip. Node (scripts/demo/echo-line.mjs) starts it through
// `window.echoLine` and hears about calls through `window.reportEchoLine`.

import { Invitation, Registerer, RegistererState, SessionState, UserAgent, Web } from 'sip.js';
import type { Session, SessionDescriptionHandlerFactory } from 'sip.js';
import { announcementSeconds, scheduleAnnouncement } from './announcement';

export interface EchoLineConfig {
  wsUrl: string;
  domain: string;
  user: string;
  password: string;
  displayName: string;
  /** Calls answered at once; more get 486 Busy Here. */
  maxCalls: number;
}

export type EchoLineEvent =
  | { type: 'call'; caller: string; video: boolean }
  | { type: 'echoing'; caller: string }
  | { type: 'ended'; caller: string }
  | { type: 'busy'; caller: string }
  | { type: 'disconnected' }
  | { type: 'problem'; message: string };

declare global {
  interface Window {
    echoLine: { start(config: EchoLineConfig): Promise<void> };
    /** Exposed by Node (page.exposeFunction); absent when the page is opened by hand. */
    reportEchoLine?: (event: EchoLineEvent) => Promise<void>;
  }
}

/** What one call sends: the announcement first, then the caller's own audio. */
interface CallMedia {
  caller: string;
  announcement: MediaStreamAudioDestinationNode;
  nodes: AudioNode[];
  /** The sender that carries our audio, and the caller's audio once it arrives. */
  audioSender: RTCRtpSender | null;
  receivedAudio: MediaStreamTrack | null;
  announcementStarted: boolean;
  announcementOver: boolean;
  timers: number[];
  players: HTMLAudioElement[];
}

let audioContext: AudioContext | null = null;
const calls = new Map<Session, CallMedia>();

function report(event: EchoLineEvent): void {
  void window.reportEchoLine?.(event).catch(() => undefined);
}

function context(): AudioContext {
  audioContext ??= new AudioContext();
  return audioContext;
}

function newCallMedia(caller: string): CallMedia {
  return {
    caller,
    announcement: context().createMediaStreamDestination(),
    nodes: [],
    audioSender: null,
    receivedAudio: null,
    announcementStarted: false,
    announcementOver: false,
    timers: [],
    players: [],
  };
}

function echoAudioIfReady(media: CallMedia): void {
  if (!media.announcementOver || !media.audioSender || !media.receivedAudio) return;
  if (media.audioSender.track === media.receivedAudio) return;
  media.audioSender.replaceTrack(media.receivedAudio).then(
    () => report({ type: 'echoing', caller: media.caller }),
    (error: unknown) => report({ type: 'problem', message: `could not echo the audio: ${String(error)}` }),
  );
}

function onTrack(media: CallMedia, event: RTCTrackEvent): void {
  const { track, transceiver } = event;
  if (track.kind === 'video') {
    // Video has no announcement: the caller sees themselves as soon as frames arrive.
    transceiver.sender.replaceTrack(track).catch((error: unknown) => report({ type: 'problem', message: `could not echo the video: ${String(error)}` }));
    return;
  }
  // Chromium decodes a remote audio track only while something plays it; the browser runs with
  // its audio output muted, so this element is heard by nobody but keeps the samples flowing.
  const player = document.createElement('audio');
  player.autoplay = true;
  player.srcObject = new MediaStream([track]);
  document.body.append(player);
  media.players.push(player);
  media.audioSender = transceiver.sender;
  media.receivedAudio = track;
  echoAudioIfReady(media);
}

/** Starts the announcement once media can flow (so its first note is not lost), then the echo. */
function onConnectionState(media: CallMedia, connection: RTCPeerConnection): void {
  if (connection.connectionState !== 'connected' || media.announcementStarted) return;
  media.announcementStarted = true;
  const audio = context();
  media.nodes = scheduleAnnouncement(audio, media.announcement, audio.currentTime + 0.05);
  media.timers.push(
    window.setTimeout(() => {
      media.announcementOver = true;
      echoAudioIfReady(media);
    }, (announcementSeconds() + 0.05) * 1000),
  );
}

function endCall(session: Session): void {
  const media = calls.get(session);
  if (!media) return;
  calls.delete(session);
  media.timers.forEach((timer) => window.clearTimeout(timer));
  media.nodes.forEach((node) => node.disconnect());
  media.announcement.stream.getTracks().forEach((track) => track.stop());
  media.players.forEach((player) => {
    player.srcObject = null;
    player.remove();
  });
  report({ type: 'ended', caller: media.caller });
}

/** SIP.js's own handler, with the announcement as our "microphone" and our track listener. */
const sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory = (session, options) => {
  const media = calls.get(session) ?? newCallMedia('unknown');
  calls.set(session, media);
  const create = Web.defaultSessionDescriptionHandlerFactory(async () => new MediaStream(media.announcement.stream.getAudioTracks()));
  const handler = create(session, options) as Web.SessionDescriptionHandler;
  handler.peerConnectionDelegate = {
    // SIP.js types the event as a plain Event; the peer connection fires RTCTrackEvents.
    ontrack: (event) => onTrack(media, event as RTCTrackEvent),
    onconnectionstatechange: () => {
      const connection = handler.peerConnection;
      if (connection) onConnectionState(media, connection);
    },
  };
  return handler;
};

function callerOf(invitation: Invitation): string {
  const identity = invitation.remoteIdentity;
  const user = identity.uri.user ?? identity.uri.host;
  return identity.displayName ? `${identity.displayName} (${user})` : user;
}

function onInvite(invitation: Invitation, maxCalls: number): void {
  const caller = callerOf(invitation);
  if (calls.size >= maxCalls) {
    report({ type: 'busy', caller });
    void invitation.reject({ statusCode: 486 }).catch(() => undefined);
    return;
  }
  // An m=video line with a port other than 0 is a video offer.
  const video = /(^|\n)m=video [1-9]/.test(invitation.request.body ?? '');
  calls.set(invitation, newCallMedia(caller));
  report({ type: 'call', caller, video });
  invitation.stateChange.addListener((state) => {
    if (state === SessionState.Terminated) endCall(invitation);
  });
  // Our "microphone" is the announcement whatever the constraints say; video is sent back on
  // the transceiver the offer creates, so no camera is asked for.
  invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }).catch((error: unknown) => {
    report({ type: 'problem', message: `could not answer ${caller}: ${String(error)}` });
    endCall(invitation);
  });
}

async function start(config: EchoLineConfig): Promise<void> {
  await context().resume();
  const uri = UserAgent.makeURI(`sip:${config.user}@${config.domain}`);
  if (!uri) throw new Error(`not a SIP address: sip:${config.user}@${config.domain}`);
  const userAgent = new UserAgent({
    uri,
    displayName: config.displayName,
    authorizationUsername: config.user,
    authorizationPassword: config.password,
    transportOptions: { server: config.wsUrl },
    logLevel: 'error',
    sessionDescriptionHandlerFactory,
    // No STUN server: everything is on this machine, and an unreachable one would hold every
    // answer until ICE gathering times out.
    sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 500 },
    delegate: {
      onInvite: (invitation) => onInvite(invitation, config.maxCalls),
      onDisconnect: () => report({ type: 'disconnected' }),
    },
  });
  await userAgent.start();
  const registerer = new Registerer(userAgent);
  await new Promise<void>((resolve, reject) => {
    registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) resolve();
    });
    registerer
      .register({
        requestDelegate: {
          onReject: (response) => reject(new Error(`the SIP server refused to register ${config.user}: ${response.message.statusCode} ${response.message.reasonPhrase}`)),
        },
      })
      .catch(reject);
  });
}

window.echoLine = { start };
