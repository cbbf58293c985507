// What the UI (and the bench) may ask of the phone engine. The engine performs the SIP and
// WebRTC work and reports back only through events and fresh CallSession snapshots; nothing
// here returns live SIP.js objects.

import type { AccountSettings } from '../../shared/account-settings';
import type { CaptureDevices } from '../devices/capture-constraints';
import type { CallSession, CallSessionInit } from '../../shared/call-session';
import type { RegistrationSnapshot } from '../../shared/phone-status';
import type { CallTimelineJSON } from './call-timeline';
import type { OutgoingTransfer } from './outgoing-transfer-state';
import type { PhoneEventMap, PhoneEventName } from './phone-events';

export interface ConnectOptions {
  account: AccountSettings;
  password: string;
}

export interface CallOptions {
  video?: boolean;
  /** Answered by the auto-answer policy, not by a person: marked on the snapshot (`answeredBySystem`). */
  bySystem?: boolean;
}

export interface PhoneApi {
  readonly registration: RegistrationSnapshot;
  /** Open the socket and REGISTER; resolves with the resulting registration snapshot. */
  connect(options: ConnectOptions): Promise<RegistrationSnapshot>;
  /** Unregister, end every call and close the socket. */
  disconnect(): Promise<void>;
  /** Dial a target (a number, user, or SIP URI; normalised with the account's domain). */
  call(target: string, options?: CallOptions): Promise<CallSession>;
  answer(callId: string, options?: CallOptions): Promise<void>;
  /** Reject an incoming call with 603 Decline. */
  decline(callId: string): Promise<void>;
  /**
   * Blind transfer (REFER, RFC 3515) of an answered call to a number or SIP address. Progress
   * comes as onTransferProgress; on success the call ends, on failure it stays as it was.
   */
  transfer(callId: string, target: string): Promise<void>;
  /** Attended transfer, step 1: calls `target` (the call is held first, as for any new call). */
  consult(callId: string, target: string): Promise<CallSession>;
  /** Attended transfer, step 2: REFER with Replaces, so the far end takes over the consultation call. */
  completeTransfer(callId: string): Promise<void>;
  /** Attended transfer abandoned: the consultation call ends; the call stays held until resumed. */
  cancelTransfer(callId: string): Promise<void>;
  /** Forgets a failed transfer's state (the user read it). */
  dismissTransfer(callId: string): void;
  /** The transfer this phone makes of the call, if any. */
  transferState(callId: string): OutgoingTransfer | null;
  /** Whether a REFER from the far end is followed (the user's preference) or declined with 603. */
  acceptTransfers(accept: boolean): void;
  /** Simultaneous calls allowed (1-8); an INVITE beyond them gets 486 Busy Here and never rings. */
  setCallLimit(limit: number): void;
  /**
   * The microphone, camera and voice processing to capture with (resolved to today's ids). The
   * next capture uses them; a live call whose microphone or shown camera changes is switched at
   * once, without renegotiation. `fellBack` (microphone) and `cameraFellBack`: a chosen device
   * could not be opened and the default was taken.
   */
  setCaptureDevices(capture: CaptureDevices): Promise<{ fellBack: boolean; cameraFellBack: boolean }>;
  /** Refuse an incoming call with 486 Busy Here (do-not-disturb). */
  rejectBusy(callId: string): Promise<void>;
  /** Stop ringing locally without sending anything. */
  ignore(callId: string): void;
  /** BYE an established call, CANCEL an outgoing one, decline an incoming one. */
  hangup(callId: string): Promise<void>;
  hold(callId: string): Promise<void>;
  resume(callId: string): Promise<void>;
  mute(callId: string): void;
  unmute(callId: string): void;
  sendDtmf(callId: string, tones: string): Promise<void>;
  /**
   * Joins established calls into a conference mixed on this phone (held ones are resumed):
   * each party hears the others and us. Hold, resume and mute of one member apply to all.
   */
  mergeCalls(callIds: string[]): Promise<void>;
  /** Back to separate calls, each with its own microphone; one stays un-held, the others are held. */
  splitConference(): Promise<void>;
  /** Hangs up every call of the conference. */
  endConference(): Promise<void>;
  /**
   * Leaves the conference and connects the two others to each other: an attended transfer of
   * the first member to the second's call (REFER with Replaces); both our calls end once the
   * far end reports success, and stay (split, one held) if it fails.
   */
  leaveConference(): Promise<void>;
  /** Camera on: adds video to an audio call (re-INVITE). Failures are reported, the call goes on. */
  enableCamera(callId: string): Promise<void>;
  /** Camera off: video removed by re-INVITE; the far end sees it as a downgrade. */
  disableCamera(callId: string): Promise<void>;
  /** Pause/resume the camera without renegotiation (the camera light goes off). */
  muteVideo(callId: string): Promise<void>;
  unmuteVideo(callId: string): Promise<void>;
  /** Share a screen or window (getDisplayMedia; the desktop host shows its own picker). */
  startScreenSharing(callId: string): Promise<void>;
  stopScreenSharing(callId: string): Promise<void>;
  /**
   * News of a live call from a call-control server (Wazo's call events): merged through
   * `updateFrom` into a fresh snapshot, announced with onSessionChanged. Only the server's own
   * fields are taken (`call`, `callId`, `callerNumber`, `recording`, `recordingPaused`,
   * `answeredBySystem`, `conference`); the SIP side stays the engine's. False when the call is
   * unknown or over, or nothing changed.
   */
  applyServerUpdate(callId: string, update: Partial<CallSessionInit>): boolean;
  sessions(): CallSession[];
  session(callId: string): CallSession | undefined;
  remoteStream(callId: string): MediaStream | undefined;
  localStream(callId: string): MediaStream | undefined;
  /** The call's WebRTC statistics (getStats), or null when it has no media (yet, or any more). */
  callStats(callId: string): Promise<RTCStatsReport | null>;
  /**
   * Where the call's set-up time went (call-timeline.ts): a plain, serialisable record, for a
   * live call or one of the last that ended. Announced as it grows with onCallTimeline.
   */
  timeline(callId: string): CallTimelineJSON | undefined;
  /**
   * The user is about to dial (the dialpad is being used): gather ICE candidates now, in a
   * connection the next call adopts (RFC 5245 §12.1). Never opens the microphone; the
   * connection is closed when unused for 30 s, by coolDown(), or when the line stops.
   */
  warmUp(): void;
  /** The dialpad was cleared without a call: close the warm connection. */
  coolDown(): void;
  on<E extends PhoneEventName>(event: E, handler: PhoneEventMap[E]): () => void;
}
