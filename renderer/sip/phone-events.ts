// The phone engine's events, named as in the CallSession spec ("Phone events"). Every
// handler receives a fresh CallSession snapshot; `onSessionChanged` fires for every snapshot
// whatever caused it, so a store can follow the calls with one subscription.

import type { AutoAnswerRequest } from '../../shared/auto-answer-signals';
import type { CallSession } from '../../shared/call-session';
import type { CallOutcome, PhoneError, RegistrationSnapshot } from '../../shared/phone-status';
import type { CallTimelineJSON } from './call-timeline';
import type { OutgoingTransfer } from './outgoing-transfer-state';
import type { ConferenceEnd } from './conference';
import type { TransferState } from './transfer';

export interface PhoneEventMap {
  onSessionChanged: (session: CallSession) => void;
  /** `autoAnswer`: what the INVITE asked (Answer-Mode, Call-Info answer-after, Alert-Info); policy is the host's. */
  onCallIncoming: (session: CallSession, wantsVideo: boolean, autoAnswer: AutoAnswerRequest) => void;
  onCallOutgoing: (session: CallSession) => void;
  onProgress: (session: CallSession) => void;
  /** An incoming call was accepted here (the user, or the auto-answer policy): the answer is on its way. */
  onCallAnswered: (session: CallSession) => void;
  /** The call is up, either way (our 200 OK sent, or the far end's received); `cameraEnabled`: video was negotiated. */
  onCallAccepted: (session: CallSession, cameraEnabled: boolean) => void;
  onCallHeld: (session: CallSession) => void;
  onCallResumed: (session: CallSession) => void;
  onCallMuted: (session: CallSession) => void;
  onCallUnmuted: (session: CallSession) => void;
  onCameraDisabled: (session: CallSession) => void;
  onCameraResumed: (session: CallSession) => void;
  onScreenShareStarted: (session: CallSession) => void;
  onScreenShareEnded: (session: CallSession) => void;
  onCallEnded: (session: CallSession, outcome: CallOutcome) => void;
  onCallCanceled: (session: CallSession, elsewhere: boolean) => void;
  onCallRejected: (session: CallSession, outcome: CallOutcome) => void;
  onCallFailed: (session: CallSession, reason: CallOutcome) => void;
  /** The far end asked to transfer this call (REFER): in progress, failed, or null once over. */
  onCallTransfer: (session: CallSession, transfer: TransferState | null) => void;
  /**
   * A transfer this phone makes of the call (our REFER, blind or attended): each step of it
   * (consulting, requested, accepted, trying, ringing, succeeded, failed), null once over.
   */
  onTransferProgress: (session: CallSession, transfer: OutgoingTransfer | null) => void;
  /** Calls were merged into a conference on this phone (each snapshot says `conference`). */
  onConferenceStarted: (members: CallSession[]) => void;
  /** The conference is over: ended by the user, split into separate calls, or down to one party. */
  onConferenceEnded: (members: CallSession[], how: ConferenceEnd) => void;
  /** The far end sent a keypad tone as SIP INFO (application/dtmf-relay). */
  onDtmfReceived: (session: CallSession, tone: string) => void;
  /** A remote media stream appeared or changed for a call (attach it to <audio>/<video>). */
  onRemoteMedia: (session: CallSession, stream: MediaStream) => void;
  /** The call's timeline gained marks (batched); the last one follows the call's end. */
  onCallTimeline: (session: CallSession, timeline: CallTimelineJSON) => void;
  onRegistrationChanged: (snapshot: RegistrationSnapshot) => void;
  onRegistered: (snapshot: RegistrationSnapshot) => void;
  onUnregistered: (snapshot: RegistrationSnapshot) => void;
  onRegistrationFailed: (snapshot: RegistrationSnapshot) => void;
  onReconnecting: (attempt: number, delayMs: number) => void;
  onConnected: () => void;
  /** A mid-call action failed and was rolled back; the call goes on. */
  onActionFailed: (session: CallSession | null, error: PhoneError) => void;
}

export type PhoneEventName = keyof PhoneEventMap;

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;

/** An event announced with a new snapshot: its name and the arguments after the snapshot. */
export type SnapshotEvent<E extends PhoneEventName> = [E, ...DropFirst<Parameters<PhoneEventMap[E]>>];
