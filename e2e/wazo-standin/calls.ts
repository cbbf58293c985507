// TEST EQUIPMENT. The calls the stand-in knows of, and the wazo-calld events it publishes for
// them: payloads in calld's `Call` shape (wazo_calld/plugins/calls/schemas.py, wazo-bus
// CallDict), in the order calld sends them (bus_consume.py): a new channel is `call_created`;
// answering is `call_updated` then `call_answered` (status Up, not bridged yet), entering the
// bridge with the other party is `call_updated` with `talking_to`; hold and resume are
// `call_held`/`call_resumed` with the call id only; MixMonitor start/stop is `call_updated`
// with the new `record_state`; hang-up is `call_ended`.

import type { StandinLine, StandinUser } from './standin';

export interface CallRecord {
  callId: string;
  sipCallId: string;
  userUuid: string;
  lineId: number;
  isCaller: boolean;
  status: 'Ring' | 'Ringing' | 'Up' | 'Down';
  callerName: string;
  callerNumber: string;
  peerName: string;
  peerNumber: string;
  dialedExtension: string;
  isVideo: boolean;
  onHold: boolean;
  recordState: 'active' | 'inactive' | 'paused';
  talkingTo: Record<string, string | null>;
  /** The other party's call id (its channel), once bridged; and its user when it is one of ours. */
  peerCallId: string;
  peerUserUuid: string | null;
  creationTime: string;
  answerTime: string | null;
  hangupTime: string | null;
  ended: boolean;
}

export interface LineOwner {
  user: StandinUser;
  line: StandinLine;
}

export type Publish = (userUuid: string, name: string, payload: unknown) => void;

export class CallRegistry {
  private readonly calls: CallRecord[] = [];
  private sequence = 0;
  private readonly epoch = Math.floor(Date.now() / 1000);

  constructor(
    private readonly users: readonly StandinUser[],
    private readonly publish: Publish,
  ) {}

  /** Asterisk's channel ids look like `1700657161.93`. */
  private nextChannelId(): string {
    this.sequence += 1;
    return `${this.epoch}.${this.sequence}`;
  }

  lineOf(sipUser: string | null): LineOwner | undefined {
    if (!sipUser) return undefined;
    for (const user of this.users) {
      const line = user.lines.find((candidate) => candidate.sip?.username === sipUser);
      if (line) return { user, line };
    }
    return undefined;
  }

  all(): CallRecord[] {
    return this.calls.map((call) => ({ ...call, talkingTo: { ...call.talkingTo } }));
  }

  live(sipCallId: string): CallRecord | undefined {
    return this.calls.find((call) => call.sipCallId === sipCallId && !call.ended);
  }

  owns(userUuid: string, callId: string): boolean {
    return this.calls.some((call) => call.callId === callId && call.userUuid === userUuid && !call.ended);
  }

  created(
    owner: LineOwner,
    sipCallId: string,
    fields: Pick<CallRecord, 'isCaller' | 'callerName' | 'callerNumber' | 'peerName' | 'peerNumber' | 'dialedExtension' | 'isVideo'> & { peerSipUser: string | null },
  ): CallRecord {
    const call: CallRecord = {
      callId: this.nextChannelId(),
      sipCallId,
      userUuid: owner.user.uuid,
      lineId: owner.line.id,
      status: fields.isCaller ? 'Ring' : 'Ringing',
      callerName: fields.callerName,
      callerNumber: fields.callerNumber,
      peerName: fields.peerName,
      peerNumber: fields.peerNumber,
      dialedExtension: fields.dialedExtension,
      isCaller: fields.isCaller,
      isVideo: fields.isVideo,
      onHold: false,
      recordState: 'inactive',
      talkingTo: {},
      peerCallId: this.nextChannelId(),
      peerUserUuid: this.lineOf(fields.peerSipUser)?.user.uuid ?? null,
      creationTime: new Date().toISOString(),
      answerTime: null,
      hangupTime: null,
      ended: false,
    };
    this.calls.push(call);
    this.emit(call, 'call_created');
    return call;
  }

  answered(call: CallRecord): void {
    if (call.ended || call.status === 'Up') return;
    call.status = 'Up';
    call.answerTime = new Date().toISOString();
    this.emit(call, 'call_updated');
    this.emit(call, 'call_answered');
    call.talkingTo = { [call.peerCallId]: call.peerUserUuid };
    this.emit(call, 'call_updated');
  }

  held(call: CallRecord, onHold: boolean): void {
    if (call.ended || call.onHold === onHold) return;
    call.onHold = onHold;
    this.publish(call.userUuid, onHold ? 'call_held' : 'call_resumed', { call_id: call.callId, user_uuid: call.userUuid });
  }

  record(callId: string, action: 'start' | 'stop' | 'pause' | 'resume'): void {
    const call = this.calls.find((candidate) => candidate.callId === callId && !candidate.ended);
    if (!call) return;
    const next = action === 'start' || action === 'resume' ? 'active' : action === 'pause' ? 'paused' : 'inactive';
    if (call.recordState === next) return;
    call.recordState = next;
    this.emit(call, 'call_updated');
  }

  ended(call: CallRecord): void {
    if (call.ended) return;
    call.ended = true;
    call.hangupTime = new Date().toISOString();
    call.talkingTo = {};
    this.emit(call, 'call_ended');
  }

  private emit(call: CallRecord, name: string): void {
    this.publish(call.userUuid, name, payloadOf(call));
  }
}

/** calld's Call schema. */
export function payloadOf(call: CallRecord): Record<string, unknown> {
  return {
    bridges: call.status === 'Up' ? [`bridge-${call.callId}`] : [],
    call_id: call.callId,
    conversation_id: call.callId,
    caller_id_name: call.callerName,
    caller_id_number: call.callerNumber,
    peer_caller_id_name: call.peerName,
    peer_caller_id_number: call.peerNumber || call.dialedExtension,
    creation_time: call.creationTime,
    answer_time: call.answerTime,
    hangup_time: call.hangupTime,
    status: call.ended ? 'Down' : call.status,
    on_hold: call.onHold,
    muted: false,
    record_state: call.recordState,
    talking_to: { ...call.talkingTo },
    user_uuid: call.userUuid,
    is_caller: call.isCaller,
    is_video: call.isVideo,
    dialed_extension: call.dialedExtension,
    line_id: call.lineId,
    direction: 'internal',
    parked: false,
    sip_call_id: call.sipCallId,
  };
}
