// A phone engine and a host that do nothing but record and emit, for store tests: the stores
// are driven by the same events the real engine sends.

import { vi } from 'vitest';
import { defaultAppPreferences } from '../../../shared/app-preferences';
import { CallSession } from '../../../shared/call-session';
import type { PhoneCommand, PlatformAdapter } from '../../../shared/platform';
import { setAppContext } from '../../app-context';
import type { PhoneApi } from '../../sip/phone-api';
import type { PhoneEventMap } from '../../sip/phone-events';
import { TypedEmitter } from '../../sip/typed-emitter';

export function fakeContext() {
  const events = new TypedEmitter<PhoneEventMap>();
  const commandListeners = new Set<(command: PhoneCommand) => void>();
  let nextCall = 0;
  const phone = {
    registration: { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null },
    on: (event, handler) => events.on(event, handler),
    connect: vi.fn(),
    disconnect: vi.fn(async () => undefined),
    call: vi.fn(async (target: string) => {
      nextCall += 1;
      return new CallSession({ sipCallId: `out-${nextCall}`, isCaller: true, number: target, sipStatus: 'Establishing' });
    }),
    answer: vi.fn(async () => undefined),
    decline: vi.fn(async () => undefined),
    acceptTransfers: vi.fn(),
    transfer: vi.fn(async () => undefined),
    consult: vi.fn(async (_callId: string, target: string) => new CallSession({ sipCallId: `consult-${target}`, isCaller: true, number: target, sipStatus: 'Establishing' })),
    completeTransfer: vi.fn(async () => undefined),
    cancelTransfer: vi.fn(async () => undefined),
    dismissTransfer: vi.fn(),
    transferState: () => null,
    setCallLimit: vi.fn(),
    setCaptureDevices: vi.fn(async () => ({ fellBack: false, cameraFellBack: false })),
    rejectBusy: vi.fn(async () => undefined),
    ignore: vi.fn(),
    hangup: vi.fn(async () => undefined),
    hold: vi.fn(async () => undefined),
    resume: vi.fn(async () => undefined),
    mute: vi.fn(),
    unmute: vi.fn(),
    sendDtmf: vi.fn(async () => undefined),
    enableCamera: vi.fn(async () => undefined),
    disableCamera: vi.fn(async () => undefined),
    muteVideo: vi.fn(async () => undefined),
    unmuteVideo: vi.fn(async () => undefined),
    startScreenSharing: vi.fn(async () => undefined),
    stopScreenSharing: vi.fn(async () => undefined),
    mergeCalls: vi.fn(async () => undefined),
    splitConference: vi.fn(async () => undefined),
    endConference: vi.fn(async () => undefined),
    leaveConference: vi.fn(async () => undefined),
    sessions: () => [],
    session: () => undefined,
    remoteStream: () => undefined,
    localStream: () => undefined,
    callStats: vi.fn(async () => null),
    applyServerUpdate: vi.fn(() => false),
    timeline: () => undefined,
    warmUp: vi.fn(),
    coolDown: vi.fn(),
  } satisfies PhoneApi;
  const platform = {
    kind: 'web',
    loadAccount: vi.fn(async () => ({ settings: null, password: null, notices: [] })),
    saveAccount: vi.fn(async () => ({ ok: true, passwordSaved: false })),
    publishCall: vi.fn(),
    publishRegistration: vi.fn(),
    callEnded: vi.fn(),
    onCommand: (listener: (command: PhoneCommand) => void) => {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
    loadPreferences: vi.fn(async () => defaultAppPreferences()),
    savePreferences: vi.fn(async (p) => p),
    onPreferencesChanged: () => () => undefined,
  } satisfies PlatformAdapter;
  setAppContext({ phone, platform });
  return { phone, platform, events, command: (command: PhoneCommand) => commandListeners.forEach((l) => l(command)) };
}
