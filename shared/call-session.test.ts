import { describe, expect, it } from 'vitest';
import { createCall } from './call';
import { CallSession, type CallSessionJSON, callSessionJsonSchema, INTERCEPTION_PREFIX, SIP_STATUSES } from './call-session';

const SIP_CALL_ID = '85112a0a-a768-482b-a76e-5e9b956ed554';
const CALL_ID = '1594062407.123';

/** Stands in for a SIP.js Invitation: a live object with a cycle and a function, unclonable. */
function fakeSipSession(): object {
  const session: Record<string, unknown> = { state: 'Established', bye: () => undefined };
  session.self = session;
  return session;
}

function fullSession(): CallSession {
  return new CallSession({
    answerTime: new Date('2024-05-01T10:00:05.000Z'),
    answeredBySystem: false,
    autoAnswer: true,
    call: createCall({
      id: CALL_ID,
      sipCallId: SIP_CALL_ID,
      status: 'Up',
      startingTime: new Date('2024-05-01T10:00:00.000Z'),
      talkingToIds: [{ '1594062407.124': '0e3e7153-873c-4c0f-8d46-b43426eae511' }],
    }),
    callId: CALL_ID,
    callerNumber: '1002',
    cameraEnabled: true,
    conference: false,
    creationTime: new Date('2024-05-01T09:59:59.000Z'),
    dialedExtension: '1001',
    displayName: 'Alice Martin',
    endTime: new Date('2024-05-01T10:05:00.000Z'),
    ignored: false,
    isCaller: true,
    muted: true,
    number: '1001',
    paused: false,
    recording: true,
    recordingPaused: false,
    remotelyHeld: true,
    ringing: false,
    screensharing: true,
    sipCallId: SIP_CALL_ID,
    sipSession: fakeSipSession(),
    sipStatus: 'Terminated',
    startTime: new Date('2024-05-01T10:00:00.000Z'),
    videoMuted: true,
    videoRemotelyDowngraded: false,
  });
}

describe('CallSession properties and their defaults', () => {
  it('starts from the seed defaults', () => {
    const before = Date.now();
    const session = new CallSession();
    const after = Date.now();
    expect(session.answerTime).toBeNull();
    expect(session.answered).toBe(false);
    expect(session.answeredBySystem).toBeUndefined();
    expect(session.autoAnswer).toBe(false);
    expect(session.call).toBeUndefined();
    expect(session.callId).toBeUndefined();
    expect(session.callerNumber).toBeUndefined();
    expect(session.cameraEnabled).toBe(false);
    expect(session.conference).toBe(false);
    expect(session.creationTime.getTime()).toBeGreaterThanOrEqual(before);
    expect(session.creationTime.getTime()).toBeLessThanOrEqual(after);
    expect(session.dialedExtension).toBe('');
    expect(session.displayName).toBe('');
    expect(session.endTime).toBeNull();
    expect(session.ignored).toBe(false);
    expect(session.isCaller).toBe(false);
    expect(session.muted).toBe(false);
    expect(session.number).toBe('');
    expect(session.paused).toBe(false);
    expect(session.recording).toBe(false);
    expect(session.recordingPaused).toBe(false);
    expect(session.remotelyHeld).toBeUndefined();
    expect(session.ringing).toBe(false);
    expect(session.screensharing).toBe(false);
    expect(session.sipCallId).toBe('');
    expect(session.sipSession).toBeUndefined();
    expect(session.sipStatus).toBe('Initial');
    expect(session.startTime.getTime()).toBe(session.creationTime.getTime());
    expect(session.startTime).not.toBe(session.creationTime);
    expect(session.type).toBe('CallSession');
    expect(session.videoMuted).toBe(false);
    expect(session.videoRemotelyDowngraded).toBeUndefined();
  });

  it('keeps every value it is given', () => {
    const sipSession = fakeSipSession();
    const session = new CallSession({ ...fullSession(), sipSession });
    expect(session.toJSON()).toEqual(fullSession().toJSON());
    expect(session.sipSession).toBe(sipSession);
  });

  it('falls back to the number for the display name', () => {
    expect(new CallSession({ number: '1001' }).displayName).toBe('1001');
    expect(new CallSession({ number: '1001', displayName: 'Alice' }).displayName).toBe('Alice');
  });

  it('copies the dates it is given, so snapshots never share a mutable Date', () => {
    const startTime = new Date('2024-05-01T10:00:00.000Z');
    const session = new CallSession({ startTime });
    startTime.setTime(0);
    expect(session.startTime.toISOString()).toBe('2024-05-01T10:00:00.000Z');
  });

  it('accepts answered: true as "answered now" when no answer time is given', () => {
    const before = Date.now();
    const session = new CallSession({ answered: true });
    expect(session.answerTime!.getTime()).toBeGreaterThanOrEqual(before);
    const timed = new CallSession({ answered: true, answerTime: new Date('2024-05-01T10:00:05.000Z') });
    expect(timed.answerTime!.toISOString()).toBe('2024-05-01T10:00:05.000Z');
  });

  it('keeps sipSession out of spreads, Object.keys and structured clones', () => {
    const session = new CallSession({ sipSession: { live: true } });
    expect(Object.keys(session)).not.toContain('sipSession');
    expect({ ...session }).not.toHaveProperty('sipSession');
    session.sipSession = fakeSipSession();
    expect(Object.keys(session)).not.toContain('sipSession');
    expect(session.sipSession).toHaveProperty('state', 'Established');
    // The fake holds a function, which structuredClone refuses: this only passes if it is skipped.
    const cloned = structuredClone(session);
    expect(cloned).not.toHaveProperty('sipSession');
    expect(cloned.sipCallId).toBe(session.sipCallId);
  });

  it('still reads and writes sipSession through a proxy (as a Vue reactive wrapper does)', () => {
    const session = new CallSession();
    const proxied = new Proxy(session, {});
    const sipSession = fakeSipSession();
    proxied.sipSession = sipSession;
    expect(session.sipSession).toBe(sipSession);
    expect(proxied.sipSession).toBe(sipSession);
    proxied.answer();
    expect(proxied.answered).toBe(true);
  });
});

describe('answered accessor', () => {
  it('is true exactly when answerTime is set', () => {
    const session = new CallSession();
    expect(session.answered).toBe(false);
    session.answerTime = new Date();
    expect(session.answered).toBe(true);
  });

  it('stamps now when set to true and clears answerTime when set to false', () => {
    const session = new CallSession();
    const before = Date.now();
    session.answered = true;
    expect(session.answerTime!.getTime()).toBeGreaterThanOrEqual(before);
    expect(session.answerTime!.getTime()).toBeLessThanOrEqual(Date.now());
    session.answered = false;
    expect(session.answerTime).toBeNull();
  });

  it('keeps the first answer time when set to true again', () => {
    const first = new Date('2024-05-01T10:00:05.000Z');
    const session = new CallSession({ answerTime: first });
    session.answered = true;
    expect(session.answerTime!.toISOString()).toBe(first.toISOString());
  });
});

describe('state setters', () => {
  it('answer() stamps answerTime, keeping an earlier one', () => {
    const session = new CallSession();
    const before = Date.now();
    session.answer();
    expect(session.isAnswered()).toBe(true);
    expect(session.answerTime!.getTime()).toBeGreaterThanOrEqual(before);

    const earlier = new CallSession({ answerTime: new Date('2024-05-01T10:00:05.000Z') });
    earlier.answer();
    expect(earlier.answerTime!.toISOString()).toBe('2024-05-01T10:00:05.000Z');
  });

  it('systemAnswer() marks the call as picked up by a machine', () => {
    const session = new CallSession();
    session.systemAnswer();
    expect(session.answeredBySystem).toBe(true);
  });

  it.each([
    ['hold', 'resume', 'paused'],
    ['mute', 'unmute', 'muted'],
    ['muteVideo', 'unmuteVideo', 'videoMuted'],
    ['enableCamera', 'disableCamera', 'cameraEnabled'],
    ['startScreenSharing', 'stopScreenSharing', 'screensharing'],
  ] as const)('%s() / %s() set %s to true / false', (on, off, property) => {
    const session = new CallSession();
    session[on]();
    expect(session[property]).toBe(true);
    session[off]();
    expect(session[property]).toBe(false);
  });

  it('ignore() marks the call as ignored', () => {
    const session = new CallSession();
    session.ignore();
    expect(session.ignored).toBe(true);
  });

  it('setIsConference(value) sets conference', () => {
    const session = new CallSession();
    session.setIsConference(true);
    expect(session.conference).toBe(true);
    session.setIsConference(false);
    expect(session.conference).toBe(false);
  });

  it('setRemotelyHeld(value) sets remotelyHeld, apart from our own hold', () => {
    const session = new CallSession();
    session.setRemotelyHeld(true);
    expect(session.remotelyHeld).toBe(true);
    expect(session.paused).toBe(false);
    session.setRemotelyHeld(false);
    expect(session.remotelyHeld).toBe(false);
  });

  it('setVideoRemotelyDowngraded(value) sets videoRemotelyDowngraded', () => {
    const session = new CallSession();
    session.setVideoRemotelyDowngraded(true);
    expect(session.videoRemotelyDowngraded).toBe(true);
    session.setVideoRemotelyDowngraded(false);
    expect(session.videoRemotelyDowngraded).toBe(false);
  });
});

describe('predicates', () => {
  it('isAnswered() follows answerTime', () => {
    expect(new CallSession().isAnswered()).toBe(false);
    expect(new CallSession({ answerTime: new Date() }).isAnswered()).toBe(true);
  });

  it('isAnsweredBySystem() is a boolean even when unknown', () => {
    expect(new CallSession().isAnsweredBySystem()).toBe(false);
    expect(new CallSession({ answeredBySystem: true }).isAnsweredBySystem()).toBe(true);
  });

  it('isIncoming() / isOutgoing() / isActive() follow direction and answer, not sipStatus', () => {
    const incoming = new CallSession({ isCaller: false, sipStatus: 'Established' });
    expect([incoming.isIncoming(), incoming.isOutgoing(), incoming.isActive()]).toEqual([true, false, false]);

    const outgoing = new CallSession({ isCaller: true });
    expect([outgoing.isIncoming(), outgoing.isOutgoing(), outgoing.isActive()]).toEqual([false, true, true]);

    const answeredIncoming = new CallSession({ isCaller: false, answerTime: new Date() });
    expect([answeredIncoming.isIncoming(), answeredIncoming.isOutgoing(), answeredIncoming.isActive()]).toEqual([
      false,
      false,
      true,
    ]);

    const answeredOutgoing = new CallSession({ isCaller: true, answerTime: new Date(), sipStatus: 'Terminated' });
    expect([answeredOutgoing.isIncoming(), answeredOutgoing.isOutgoing(), answeredOutgoing.isActive()]).toEqual([
      false,
      false,
      true,
    ]);
  });

  it.each(SIP_STATUSES)('isEstablished() / isTerminating() / isTerminated() when sipStatus is %s', (sipStatus) => {
    const session = new CallSession({ sipStatus });
    expect(session.isEstablished()).toBe(sipStatus === 'Established');
    expect(session.isTerminating()).toBe(sipStatus === 'Terminating');
    expect(session.isTerminated()).toBe(sipStatus === 'Terminated');
  });

  it.each([
    ['isRinging', 'ringing'],
    ['isOnHold', 'paused'],
    ['isMuted', 'muted'],
    ['isVideoMuted', 'videoMuted'],
    ['isCameraEnabled', 'cameraEnabled'],
    ['isIgnored', 'ignored'],
    ['isScreenSharing', 'screensharing'],
    ['isRecording', 'recording'],
    ['isConference', 'conference'],
    ['isVideoRemotelyDowngraded', 'videoRemotelyDowngraded'],
    ['isRemotelyHeld', 'remotelyHeld'],
    ['recordingIsPaused', 'recordingPaused'],
    ['isRecordingPaused', 'recordingPaused'],
  ] as const)('%s() reports %s', (predicate, property) => {
    expect(new CallSession()[predicate]()).toBe(false);
    expect(new CallSession({ [property]: true })[predicate]()).toBe(true);
  });
});

describe('identity: getId / isId / is', () => {
  it('getId() prefers the SIP Call-ID and falls back to the server call id', () => {
    expect(new CallSession({ sipCallId: SIP_CALL_ID, callId: CALL_ID }).getId()).toBe(SIP_CALL_ID);
    expect(new CallSession({ callId: CALL_ID }).getId()).toBe(CALL_ID);
    expect(new CallSession().getId()).toBeUndefined();
  });

  it('isId() matches either id', () => {
    const session = new CallSession({ sipCallId: SIP_CALL_ID, callId: CALL_ID });
    expect(session.isId(SIP_CALL_ID)).toBe(true);
    expect(session.isId(CALL_ID)).toBe(true);
    expect(session.isId('another')).toBe(false);
  });

  it('isId() matches the server call id alone when the SIP Call-ID is unknown', () => {
    const session = new CallSession({ callId: CALL_ID });
    expect(session.isId(CALL_ID)).toBe(true);
  });

  it('isId() never matches an empty or missing id, even on a session without ids', () => {
    const blank = new CallSession({ sipCallId: '', callId: '' });
    expect(blank.isId('')).toBe(false);
    expect(blank.isId(undefined)).toBe(false);
    expect(blank.isId(null)).toBe(false);
    expect(new CallSession().isId(undefined)).toBe(false);
  });

  it('is() is false for null and undefined', () => {
    const session = new CallSession({ sipCallId: SIP_CALL_ID });
    expect(session.is(null)).toBe(false);
    expect(session.is(undefined)).toBe(false);
  });

  it('is() recognises another snapshot of the same call', () => {
    const session = new CallSession({ sipCallId: SIP_CALL_ID, callId: CALL_ID });
    expect(session.is(session.clone())).toBe(true);
    expect(session.is(new CallSession({ sipCallId: SIP_CALL_ID }))).toBe(true);
    expect(session.is(session.toJSON())).toBe(true);
  });

  it('is() matches across ids: a call event (callId only) and the SIP session (both ids)', () => {
    const fromSip = new CallSession({ sipCallId: SIP_CALL_ID, callId: CALL_ID });
    const fromEvent = new CallSession({ callId: CALL_ID });
    expect(fromSip.is(fromEvent)).toBe(true);
    expect(fromEvent.is(fromSip)).toBe(true);
  });

  it('is() tells different calls apart, including two sessions that know no id yet', () => {
    expect(new CallSession({ sipCallId: 'a' }).is(new CallSession({ sipCallId: 'b' }))).toBe(false);
    expect(new CallSession({ sipCallId: 'a', callId: '1' }).is(new CallSession({ sipCallId: 'b', callId: '2' }))).toBe(
      false,
    );
    expect(new CallSession().is(new CallSession())).toBe(false);
  });
});

describe('getElapsedTimeInSeconds', () => {
  const startTime = new Date('2024-05-01T10:00:00.000Z');

  it('counts seconds since startTime, with a Date or an epoch for now', () => {
    const session = new CallSession({ startTime });
    expect(session.getElapsedTimeInSeconds(new Date('2024-05-01T10:01:30.500Z'))).toBe(90.5);
    expect(session.getElapsedTimeInSeconds(startTime.getTime() + 2000)).toBe(2);
  });

  it('uses the current time by default', () => {
    const session = new CallSession({ startTime: new Date(Date.now() - 5000) });
    const elapsed = session.getElapsedTimeInSeconds();
    expect(elapsed).toBeGreaterThanOrEqual(5);
    expect(elapsed).toBeLessThan(6);
  });

  it('is 0 without a usable startTime', () => {
    const session = new CallSession();
    session.startTime = new Date(Number.NaN);
    expect(session.getElapsedTimeInSeconds()).toBe(0);
  });
});

describe('getTalkingToIds', () => {
  it('returns the server call ids of the remote participants', () => {
    const session = new CallSession({
      call: createCall({ talkingToIds: [{ '1700657161.93': 'user-a' }, { '1700657161.95': 'user-b' }] }),
    });
    expect(session.getTalkingToIds()).toEqual(['1700657161.93', '1700657161.95']);
  });

  it('returns [] without call data', () => {
    expect(new CallSession().getTalkingToIds()).toEqual([]);
  });
});

describe('interception (call pickup)', () => {
  it('uses *8 as the default prefix', () => {
    expect(INTERCEPTION_PREFIX).toBe('*8');
  });

  it('hasAnInitialInterceptionNumber() looks at the number', () => {
    expect(new CallSession({ number: '*81001' }).hasAnInitialInterceptionNumber()).toBe(true);
    expect(new CallSession({ number: '1001' }).hasAnInitialInterceptionNumber()).toBe(false);
    expect(new CallSession({ number: '#81001' }).hasAnInitialInterceptionNumber('#8')).toBe(true);
    expect(new CallSession({ number: '*81001' }).hasAnInitialInterceptionNumber('#8')).toBe(false);
  });

  it('isAnInterception() looks at the dialled extension', () => {
    expect(new CallSession({ dialedExtension: '*81001' }).isAnInterception()).toBe(true);
    expect(new CallSession({ dialedExtension: '1001', number: '*81001' }).isAnInterception()).toBe(false);
    expect(new CallSession({ dialedExtension: '**1001' }).isAnInterception('**')).toBe(true);
  });

  it('never throws on a missing number or extension, and an empty prefix matches nothing', () => {
    const session = new CallSession();
    (session as { number: unknown }).number = null;
    (session as { dialedExtension: unknown }).dialedExtension = undefined;
    expect(session.hasAnInitialInterceptionNumber()).toBe(false);
    expect(session.isAnInterception()).toBe(false);
    expect(new CallSession({ number: '1001' }).hasAnInitialInterceptionNumber('')).toBe(false);
    expect(new CallSession({ dialedExtension: '1001' }).isAnInterception('')).toBe(false);
  });
});

describe('separateDisplayName', () => {
  it('splits the first word from the rest', () => {
    expect(new CallSession({ displayName: 'Jean Pierre  de la Fontaine ' }).separateDisplayName()).toEqual({
      firstName: 'Jean',
      lastName: 'Pierre de la Fontaine',
    });
    expect(new CallSession({ displayName: 'Alice' }).separateDisplayName()).toEqual({
      firstName: 'Alice',
      lastName: '',
    });
  });

  it('never throws on an empty or missing name', () => {
    expect(new CallSession().separateDisplayName()).toEqual({ firstName: '', lastName: '' });
    const session = new CallSession();
    (session as { displayName: unknown }).displayName = null;
    expect(session.separateDisplayName()).toEqual({ firstName: '', lastName: '' });
  });
});

describe('updateFrom', () => {
  it('copies every defined property that differs and reports the change', () => {
    const target = new CallSession({ sipCallId: SIP_CALL_ID });
    const source = fullSession();
    expect(target.updateFrom(source)).toBe(true);
    expect(target.toJSON()).toEqual(source.toJSON());
    expect(target.sipSession).toBe(source.sipSession);
  });

  it('overwrites with false, empty strings and null', () => {
    const target = fullSession();
    target.updateFrom({ muted: false, displayName: '', answerTime: null, endTime: null, autoAnswer: false });
    expect(target.muted).toBe(false);
    expect(target.displayName).toBe('');
    expect(target.answerTime).toBeNull();
    expect(target.answered).toBe(false);
    expect(target.endTime).toBeNull();
    expect(target.autoAnswer).toBe(false);
  });

  it('never overwrites with undefined', () => {
    const target = fullSession();
    const before = target.toJSON();
    const sipSession = target.sipSession;
    const changed = target.updateFrom({
      callId: undefined,
      callerNumber: undefined,
      call: undefined,
      answeredBySystem: undefined,
      videoRemotelyDowngraded: undefined,
      remotelyHeld: undefined,
      sipSession: undefined,
    });
    expect(changed).toBe(false);
    expect(target.toJSON()).toEqual(before);
    expect(target.sipSession).toBe(sipSession);
  });

  it('reports no change for an identical snapshot, comparing dates by time and call by value', () => {
    const target = fullSession();
    const twin = new CallSession({ ...fullSession(), sipSession: target.sipSession });
    expect(twin.startTime).not.toBe(target.startTime);
    expect(twin.call).not.toBe(target.call);
    expect(target.updateFrom(twin)).toBe(false);
  });

  it('takes a later date and new call data', () => {
    const target = fullSession();
    const endTime = new Date('2024-05-01T11:00:00.000Z');
    const call = createCall({ id: CALL_ID, status: 'Down', talkingToIds: [] });
    expect(target.updateFrom({ endTime, call })).toBe(true);
    expect(target.endTime!.toISOString()).toBe(endTime.toISOString());
    expect(target.call).toMatchObject({ status: 'Down', talkingToIds: [] });
    expect(target.getTalkingToIds()).toEqual([]);
  });

  it('does not alias the source dates or call data', () => {
    const target = new CallSession();
    const source = fullSession();
    target.updateFrom(source);
    source.startTime.setTime(0);
    source.call!.status = 'Down';
    expect(target.startTime.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(target.call!.status).toBe('Up');
  });

  it('accepts answered from a plain partial that has no answerTime', () => {
    const target = new CallSession();
    expect(target.updateFrom({ answered: true })).toBe(true);
    expect(target.answered).toBe(true);
    expect(target.updateFrom({ answered: true })).toBe(false);
    expect(target.updateFrom({ answered: false })).toBe(true);
    expect(target.answerTime).toBeNull();
  });

  it('lets answerTime win over a contradicting answered', () => {
    const target = new CallSession();
    target.updateFrom({ answered: false, answerTime: new Date('2024-05-01T10:00:05.000Z') });
    expect(target.answered).toBe(true);
  });
});

describe('clone', () => {
  it('returns an equal, independent snapshot that shares the live sipSession', () => {
    const original = fullSession();
    const copy = original.clone();
    expect(copy).not.toBe(original);
    expect(copy).toBeInstanceOf(CallSession);
    expect(copy.toJSON()).toEqual(original.toJSON());
    expect(copy.sipSession).toBe(original.sipSession);
    copy.hold();
    copy.startTime.setTime(0);
    copy.call!.talkingToIds.push({ x: 'y' });
    expect(original.paused).toBe(false);
    expect(original.startTime.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(original.getTalkingToIds()).toEqual(['1594062407.124']);
  });
});

describe('toJSON', () => {
  it('writes every property except sipSession, plus answered, with ISO dates', () => {
    const json = fullSession().toJSON();
    expect(json).toEqual({
      type: 'CallSession',
      answerTime: '2024-05-01T10:00:05.000Z',
      answered: true,
      answeredBySystem: false,
      autoAnswer: true,
      autoAnswered: false,
      call: {
        type: 'CallSession',
        id: CALL_ID,
        sipCallId: SIP_CALL_ID,
        callerName: '',
        callerNumber: '',
        calleeName: '',
        calleeNumber: '',
        dialedExtension: '',
        lineId: 0,
        isCaller: false,
        isVideo: false,
        onHold: false,
        muted: false,
        recording: false,
        status: 'Up',
        startingTime: '2024-05-01T10:00:00.000Z',
        talkingToIds: [{ '1594062407.124': '0e3e7153-873c-4c0f-8d46-b43426eae511' }],
      },
      callId: CALL_ID,
      callerNumber: '1002',
      cameraEnabled: true,
      conference: false,
      creationTime: '2024-05-01T09:59:59.000Z',
      dialedExtension: '1001',
      displayName: 'Alice Martin',
      endTime: '2024-05-01T10:05:00.000Z',
      ignored: false,
      isCaller: true,
      muted: true,
      number: '1001',
      paused: false,
      recording: true,
      recordingPaused: false,
      remotelyHeld: true,
      ringing: false,
      screensharing: true,
      sipCallId: SIP_CALL_ID,
      sipStatus: 'Terminated',
      startTime: '2024-05-01T10:00:00.000Z',
      videoMuted: true,
      videoRemotelyDowngraded: false,
    });
  });

  it('never contains sipSession, so it survives structuredClone even while a live session is set', () => {
    const session = fullSession();
    expect(session.sipSession).toBeDefined();
    const json = session.toJSON();
    expect(Object.keys(json)).not.toContain('sipSession');
    expect(() => structuredClone(json)).not.toThrow();
    expect(JSON.stringify(session)).not.toContain('sipSession');
  });

  it('writes null dates as null', () => {
    const json = new CallSession().toJSON();
    expect(json.answerTime).toBeNull();
    expect(json.endTime).toBeNull();
    expect(json.answered).toBe(false);
  });
});

describe('CallSession.parse', () => {
  it('round-trips toJSON → structuredClone → parse', () => {
    const original = fullSession();
    const revived = CallSession.parse(structuredClone(original.toJSON()));
    expect(revived).toBeInstanceOf(CallSession);
    expect(revived.toJSON()).toEqual(original.toJSON());
    expect(revived.startTime).toBeInstanceOf(Date);
    expect(revived.call!.startingTime).toBeInstanceOf(Date);
    expect(revived.sipSession).toBeUndefined();
    expect(revived.is(original)).toBe(true);
  });

  it('round-trips a fresh session through a JSON string (optional fields dropped)', () => {
    const original = new CallSession({ number: '1001', isCaller: true });
    const revived = CallSession.parse(JSON.parse(JSON.stringify(original)));
    expect(revived.toJSON()).toEqual(original.toJSON());
  });

  it('keeps remotelyHeld through toJSON, structuredClone, parse and clone, and reads a snapshot without it as unknown', () => {
    const held = new CallSession({ sipCallId: SIP_CALL_ID, remotelyHeld: true });
    expect(held.toJSON().remotelyHeld).toBe(true);
    expect(CallSession.parse(structuredClone(held.toJSON())).isRemotelyHeld()).toBe(true);
    expect(CallSession.parse(JSON.parse(JSON.stringify(held))).remotelyHeld).toBe(true);
    expect(held.clone().remotelyHeld).toBe(true);
    const released = held.clone();
    released.setRemotelyHeld(false);
    expect(CallSession.parse(released.toJSON()).remotelyHeld).toBe(false);
    // A snapshot written before the field existed (stored history, an older page) still parses.
    const { remotelyHeld: _dropped, ...older } = held.toJSON();
    expect(CallSession.parse(older).remotelyHeld).toBeUndefined();
    expect(() => CallSession.parse({ ...held.toJSON(), remotelyHeld: 'yes' })).toThrow(/remotelyHeld/);
  });

  it('drops a smuggled sipSession and unknown keys', () => {
    const revived = CallSession.parse({ ...new CallSession().toJSON(), sipSession: { evil: true }, extra: 1 });
    expect(revived.sipSession).toBeUndefined();
    expect(revived).not.toHaveProperty('extra');
  });

  const valid = (): Record<string, unknown> => fullSession().toJSON();

  it.each([
    ['a non-object', 'not a session'],
    ['null', null],
    ['an array', []],
  ])('rejects %s', (_label, input) => {
    expect(() => CallSession.parse(input)).toThrow(/^Invalid CallSession/);
  });

  it.each([
    ['a wrong boolean', { muted: 'yes' }, 'muted'],
    ['a number where a string is expected', { sipCallId: 42 }, 'sipCallId'],
    ['an unknown sipStatus', { sipStatus: 'Ringing' }, 'sipStatus'],
    ['another type', { type: 'Call' }, 'type'],
    ['a date that is not ISO', { startTime: 'yesterday' }, 'startTime'],
    ['a Date object instead of a string', { creationTime: new Date() }, 'creationTime'],
    ['malformed call data', { call: { id: 1 } }, 'call'],
    ['answered contradicting answerTime', { answered: false }, 'answered'],
  ])('rejects %s and names the field', (_label, patch, field) => {
    expect(() => CallSession.parse({ ...valid(), ...patch })).toThrow(new RegExp(`Invalid CallSession[\\s\\S]*${field}`));
  });

  it.each(['sipCallId', 'startTime', 'answerTime', 'sipStatus', 'type'])('rejects a missing %s', (field) => {
    const json = valid();
    delete json[field];
    expect(() => CallSession.parse(json)).toThrow(new RegExp(`Invalid CallSession[\\s\\S]*${field}`));
  });

  it('exports the schema for the IPC contract', () => {
    const json: CallSessionJSON = fullSession().toJSON();
    expect(callSessionJsonSchema.safeParse(json).success).toBe(true);
    expect(callSessionJsonSchema.safeParse({ ...json, ringing: 1 }).success).toBe(false);
  });
});

// What code ported from the reference SDK (wazo-js-sdk) passes and expects.
describe('porting from the reference SDK', () => {
  it('updateFrom(a session made from a call event) adds what it knows and loses nothing', () => {
    const live = new CallSession({
      sipCallId: SIP_CALL_ID,
      isCaller: true,
      number: '1001',
      displayName: 'Alice Martin',
      sipStatus: 'Established',
      answerTime: new Date('2024-05-01T10:00:05.000Z'),
      startTime: new Date('2024-05-01T10:00:00.000Z'),
      paused: true,
    });
    const before = live.toJSON();
    const changed = live.updateFrom(new CallSession({ callId: CALL_ID }));
    expect(changed).toBe(true);
    expect(live.toJSON()).toEqual({ ...before, callId: CALL_ID });
    expect(live.getId()).toBe(SIP_CALL_ID);
  });

  it('updates from another session without data loss (the SDK\'s own case)', () => {
    const session = new CallSession({ callId: null, sipCallId: 123, paused: false, number: '8001', isCaller: true, dialedExtension: null } as never);
    const other = new CallSession({ callId: 345, callerNumber: '8008', number: '8008', isCaller: false, dialedExtension: undefined } as never);
    session.updateFrom(other);
    expect(session.callId).toBe('345');
    expect(session.sipCallId).toBe('123');
    expect(session.paused).toBe(false);
    expect(session.ringing).toBe(false);
    expect(session.callerNumber).toBe('8008');
    expect(session.number).toBe('8008');
    expect(session.isCaller).toBe(false);
    expect(session.dialedExtension).toBe('');
  });

  it('copies what a session set through its setters, even back to a default', () => {
    const live = new CallSession({ sipCallId: SIP_CALL_ID, paused: true, muted: true });
    const update = new CallSession({ sipCallId: SIP_CALL_ID });
    update.resume();
    update.unmute();
    live.updateFrom(update);
    expect(live.paused).toBe(false);
    expect(live.muted).toBe(false);
  });

  it('keeps what was a default a default in clones, so a cloned update loses nothing either', () => {
    const live = new CallSession({ sipCallId: SIP_CALL_ID, number: '1001', isCaller: true });
    live.updateFrom(new CallSession({ callId: CALL_ID }).clone());
    expect(live.number).toBe('1001');
    expect(live.isCaller).toBe(true);
  });

  it('updateFrom({ call: null }) drops the call data instead of throwing', () => {
    const live = new CallSession({ call: createCall({ id: CALL_ID }) });
    expect(() => live.updateFrom({ call: null })).not.toThrow();
    expect(live.call).toBeUndefined();
    expect(() => live.toJSON()).not.toThrow();
    expect(new CallSession().updateFrom({ call: null })).toBe(false);
    expect(new CallSession().updateFrom(null)).toBe(false);
  });

  it('never takes a null creation or start time, so toJSON keeps working', () => {
    const live = new CallSession({ creationTime: new Date('2024-05-01T09:59:59.000Z') });
    live.updateFrom({ creationTime: null, startTime: null } as never);
    expect(live.creationTime.toISOString()).toBe('2024-05-01T09:59:59.000Z');
    expect(() => live.toJSON()).not.toThrow();
    const made = new CallSession({ creationTime: null, startTime: null } as never);
    expect(() => CallSession.parse(made.toJSON())).not.toThrow();
  });

  it('reads { answered: true, answerTime: null } as answered, as the SDK passes it', () => {
    const before = Date.now();
    const session = new CallSession({ answered: true, answerTime: null });
    expect(session.answered).toBe(true);
    expect(session.answerTime!.getTime()).toBeGreaterThanOrEqual(before);
    expect(new CallSession({ answered: false, answerTime: null }).answered).toBe(false);
  });

  it('takes a numeric startTime (the SDK\'s declared type) and works with it', () => {
    const session = new CallSession({ startTime: Date.parse('2024-05-01T10:00:00.000Z') });
    expect(session.startTime.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(session.getElapsedTimeInSeconds(Date.parse('2024-05-01T10:00:30.000Z'))).toBe(30);
    session.updateFrom({ startTime: Date.parse('2024-05-01T10:01:00.000Z') });
    expect(session.startTime.toISOString()).toBe('2024-05-01T10:01:00.000Z');
  });

  it('accepts talkingToIds as bare call ids (calld\'s shape) beside the seed\'s records', () => {
    const session = new CallSession({ call: createCall({ talkingToIds: ['1700657161.93', { '1700657161.95': 'user-b' }] }) });
    expect(session.getTalkingToIds()).toEqual(['1700657161.93', '1700657161.95']);
    const revived = CallSession.parse(structuredClone(session.toJSON()));
    expect(revived.getTalkingToIds()).toEqual(['1700657161.93', '1700657161.95']);
  });

  it('takes a call without startingTime without throwing', () => {
    const call = { id: CALL_ID, status: 'Up', talkingToIds: [] } as never;
    expect(() => new CallSession({ call })).not.toThrow();
    const session = new CallSession();
    expect(() => session.updateFrom({ call })).not.toThrow();
    expect(session.call!.id).toBe(CALL_ID);
    expect(() => CallSession.parse(session.toJSON())).not.toThrow();
  });

  it('keeps answeredBySystem for the far end (a machine answered) and our own auto-answer apart', () => {
    const session = new CallSession();
    expect(session.autoAnswered).toBe(false);
    session.systemAnswer();
    expect(session.isAnsweredBySystem()).toBe(true);
    expect(session.autoAnswered).toBe(false);
    const ours = new CallSession({ autoAnswered: true });
    expect(ours.isAnsweredBySystem()).toBe(false);
    expect(CallSession.parse(ours.toJSON()).autoAnswered).toBe(true);
  });

  it('isAnswering(): accepted here, answer on its way; not ringing, not established yet', () => {
    const ringing = new CallSession({ isCaller: false, ringing: true });
    expect(ringing.isAnswering()).toBe(false);
    const answering = new CallSession({ isCaller: false, answered: true, sipStatus: 'Establishing' });
    expect(answering.isAnswering()).toBe(true);
    expect(answering.isIncoming()).toBe(false);
    expect(new CallSession({ isCaller: false, answered: true, sipStatus: 'Initial' }).isAnswering()).toBe(true);
    expect(new CallSession({ isCaller: false, answered: true, sipStatus: 'Established' }).isAnswering()).toBe(false);
    expect(new CallSession({ isCaller: true, answered: true, sipStatus: 'Establishing' }).isAnswering()).toBe(false);
  });
});
