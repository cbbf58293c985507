import { describe, expect, it } from 'vitest';
import {
  type Call,
  callFromJSON,
  callJsonSchema,
  callsEqual,
  callToJSON,
  copyCall,
  createCall,
  isoDateSchema,
} from './call';

function sampleCall(): Call {
  return createCall({
    id: '1700657161.93',
    sipCallId: '85112a0a-a768-482b-a76e-5e9b956ed554',
    callerName: 'Alice Martin',
    callerNumber: '1001',
    calleeName: 'Bob Durand',
    calleeNumber: '1002',
    dialedExtension: '1002',
    lineId: 1,
    isCaller: true,
    isVideo: true,
    onHold: false,
    muted: true,
    recording: true,
    status: 'Up',
    startingTime: new Date('2024-05-01T10:00:00.000Z'),
    talkingToIds: [{ '1700657161.94': '0e3e7153-873c-4c0f-8d46-b43426eae511' }],
  });
}

describe('createCall', () => {
  it('fills every field with a neutral value and type "CallSession" as the seed says', () => {
    const before = Date.now();
    const call = createCall();
    expect(call).toEqual({
      type: 'CallSession',
      id: '',
      sipCallId: '',
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
      status: '',
      startingTime: expect.any(Date),
      talkingToIds: [],
    });
    expect(call.startingTime.getTime()).toBeGreaterThanOrEqual(before);
    expect(call.startingTime.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('keeps the values it is given without sharing their dates or participant lists', () => {
    const startingTime = new Date('2024-05-01T10:00:00.000Z');
    const talkingToIds = [{ a: 'b' }];
    const call = createCall({ id: '42', lineId: 3, status: 'Ringing', startingTime, talkingToIds });
    expect(call).toMatchObject({ id: '42', lineId: 3, status: 'Ringing', talkingToIds: [{ a: 'b' }] });
    startingTime.setTime(0);
    talkingToIds[0]!.a = 'changed';
    expect(call.startingTime.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(call.talkingToIds).toEqual([{ a: 'b' }]);
  });
});

describe('copyCall', () => {
  it('returns an equal call whose date and participants are independent of the original', () => {
    const original = sampleCall();
    const copy = copyCall(original);
    expect(copy).toEqual(original);
    copy.startingTime.setTime(0);
    (copy.talkingToIds[0] as Record<string, string>)['1700657161.94'] = 'someone else';
    expect(original.startingTime.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    expect(original.talkingToIds[0]).toEqual({ '1700657161.94': '0e3e7153-873c-4c0f-8d46-b43426eae511' });
  });
});

describe('callToJSON / callFromJSON', () => {
  it('writes the starting time as an ISO string', () => {
    expect(callToJSON(sampleCall()).startingTime).toBe('2024-05-01T10:00:00.000Z');
  });

  it('survives structuredClone and schema validation unchanged', () => {
    const call = sampleCall();
    const json = structuredClone(callToJSON(call));
    const revived = callFromJSON(callJsonSchema.parse(json));
    expect(revived).toEqual(call);
    expect(revived.startingTime).toBeInstanceOf(Date);
  });

  it('also survives a JSON string round trip (persisted history)', () => {
    const call = sampleCall();
    const revived = callFromJSON(callJsonSchema.parse(JSON.parse(JSON.stringify(callToJSON(call)))));
    expect(revived).toEqual(call);
  });
});

describe('callJsonSchema', () => {
  const valid = () => callToJSON(sampleCall()) as Record<string, unknown>;

  it('accepts a serialised call', () => {
    expect(callJsonSchema.safeParse(valid()).success).toBe(true);
  });

  it.each([
    ['a wrong type', { lineId: '1' }, 'lineId'],
    ['the SDK type name instead of the seed one', { type: 'Call' }, 'type'],
    ['a date that is not ISO', { startingTime: 'yesterday' }, 'startingTime'],
    ['a participant whose user id is not a string', { talkingToIds: [{ a: 1 }] }, 'talkingToIds'],
  ])('rejects %s', (_label, patch, field) => {
    const result = callJsonSchema.safeParse({ ...valid(), ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it('rejects a missing field', () => {
    const json = valid();
    delete json.sipCallId;
    expect(callJsonSchema.safeParse(json).success).toBe(false);
  });
});

describe('isoDateSchema', () => {
  it('accepts UTC and offset timestamps and rejects impossible dates', () => {
    expect(isoDateSchema.safeParse('2024-01-01T00:00:00.000Z').success).toBe(true);
    expect(isoDateSchema.safeParse('2024-01-01T00:00:00+02:00').success).toBe(true);
    expect(isoDateSchema.safeParse('2024-02-31T00:00:00Z').success).toBe(false);
    expect(isoDateSchema.safeParse(0).success).toBe(false);
  });
});

describe('callsEqual', () => {
  it('compares by value, dates by time', () => {
    const a = sampleCall();
    expect(callsEqual(a, copyCall(a))).toBe(true);
    expect(callsEqual(a, { ...copyCall(a), status: 'Down' })).toBe(false);
    expect(callsEqual(a, { ...copyCall(a), startingTime: new Date(0) })).toBe(false);
  });

  it('notices a changed participant list', () => {
    const a = sampleCall();
    expect(callsEqual(a, { ...copyCall(a), talkingToIds: [] })).toBe(false);
    expect(callsEqual(a, { ...copyCall(a), talkingToIds: [{ '1700657161.94': 'other' }] })).toBe(false);
    expect(callsEqual(a, { ...copyCall(a), talkingToIds: [{ other: '0e3e7153-873c-4c0f-8d46-b43426eae511' }] })).toBe(
      false,
    );
  });

  it('treats undefined as equal only to undefined', () => {
    expect(callsEqual(undefined, undefined)).toBe(true);
    expect(callsEqual(sampleCall(), undefined)).toBe(false);
    expect(callsEqual(undefined, sampleCall())).toBe(false);
  });
});
