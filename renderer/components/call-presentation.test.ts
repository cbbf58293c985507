import { describe, expect, test } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { callPhase, formatDuration, partyLabel, transferLine } from './call-presentation';

describe('formatDuration', () => {
  test.each([
    [0, '00:00'],
    [5.9, '00:05'],
    [65, '01:05'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [-3, '00:00'],
    [Number.NaN, '00:00'],
  ])('%d s is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

describe('partyLabel', () => {
  test('joins a name and a different number, and never repeats one', () => {
    expect(partyLabel('Alice', '1001')).toBe('Alice (1001)');
    expect(partyLabel('1001', '1001')).toBe('1001');
    expect(partyLabel('', '1001')).toBe('1001');
    expect(partyLabel('Alice', '')).toBe('Alice');
  });
});

describe('callPhase', () => {
  test('follows the call from dialling to hold', () => {
    const call = new CallSession({ sipCallId: 'c', isCaller: true });
    expect(callPhase(call)).toBe('calling');
    call.ringing = true;
    expect(callPhase(call)).toBe('ringing');
    call.answer();
    expect(callPhase(call)).toBe('connected');
    call.hold();
    expect(callPhase(call)).toBe('on-hold');
  });
});

describe('transferLine', () => {
  const held = () => new CallSession({ sipCallId: 'c', displayName: '\u202EBob', number: '1002', paused: true, answerTime: new Date() });

  test('says where the call goes while the transfer runs', () => {
    expect(transferLine({ status: 'transferring', target: 'Carol' }, held())).toBe('Transferring to Carol…');
  });

  test('a failed transfer is news only while the user is still held with the transferor, whose name is made safe', () => {
    const failed = { status: 'failed', target: 'Carol', outcome: { reason: 'not-found', sipCode: 404 } } as const;
    expect(transferLine(failed, held())).toBe('The transfer to Carol failed: Not found (404). You are still on hold with Bob — Resume to talk.');
    const resumed = held();
    resumed.resume();
    expect(transferLine(failed, resumed)).toBeNull();
    expect(transferLine(null, held())).toBeNull();
  });
});
