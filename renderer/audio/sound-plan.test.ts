import { describe, expect, test } from 'vitest';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import type { CallEndReason } from '../../shared/phone-status';
import { endToneFor, isAlerting, loopingSoundFor, type SoundSituation } from './sound-plan';

let next = 0;
function call(init: Partial<CallSessionInit>): CallSession {
  next += 1;
  return new CallSession({ sipCallId: `call-${next}`, number: '1001', ...init });
}

/** Ringing in, as the engine makes it: not answered, ringing, SIP state Initial. */
const incoming = (init: Partial<CallSessionInit> = {}) => call({ isCaller: false, ringing: true, sipStatus: 'Initial', ...init });
/** Outgoing, the far end ringing (180/183 received). */
const ringingOut = (init: Partial<CallSessionInit> = {}) => call({ isCaller: true, ringing: true, sipStatus: 'Establishing', ...init });
const talking = (init: Partial<CallSessionInit> = {}) => call({ isCaller: true, answered: true, sipStatus: 'Established', ...init });

function plan(calls: CallSession[], overrides: Partial<SoundSituation> = {}) {
  return loopingSoundFor({
    calls,
    earlyMedia: new Set(),
    quiet: new Set(),
    preferences: { ringtoneVolume: 100, ringtoneMuted: false },
    ...overrides,
  });
}

describe('what loops, from the calls', () => {
  test('nothing without calls', () => {
    expect(plan([])).toBeNull();
  });

  test('an incoming call rings at the ringtone volume', () => {
    expect(plan([incoming()])).toEqual({ sound: 'ringtone', volume: 1 });
    expect(plan([incoming()], { preferences: { ringtoneVolume: 50, ringtoneMuted: false } })).toEqual({ sound: 'ringtone', volume: 0.25 });
  });

  test('the ringtone stops the moment the call is answered (Establishing), declined or cancelled, answered elsewhere or ignored', () => {
    expect(plan([incoming({ sipStatus: 'Establishing' })])).toBeNull();
    expect(plan([incoming({ sipStatus: 'Established', answered: true, ringing: false })])).toBeNull();
    // Declined: SIP.js is Terminated before the snapshot drops `ringing`.
    expect(plan([incoming({ sipStatus: 'Terminated' })])).toBeNull();
    // CANCEL (missed, or answered elsewhere): the engine clears `ringing` at once.
    expect(plan([incoming({ ringing: false })])).toBeNull();
    expect(plan([incoming({ endTime: new Date() })])).toBeNull();
    expect(plan([incoming({ ignored: true })])).toBeNull();
  });

  test('a muted ringtone, or volume 0, is silence (the call still rings on screen)', () => {
    expect(plan([incoming()], { preferences: { ringtoneVolume: 80, ringtoneMuted: true } })).toBeNull();
    expect(plan([incoming()], { preferences: { ringtoneVolume: 0, ringtoneMuted: false } })).toBeNull();
    expect(isAlerting(incoming())).toBe(true);
  });

  test('a call the policy refuses (do-not-disturb) or answers at once never rings; another one still does', () => {
    const refused = incoming();
    expect(plan([refused], { quiet: new Set([refused.getId()!]) })).toBeNull();
    expect(plan([refused, incoming()], { quiet: new Set([refused.getId()!]) })).toEqual({ sound: 'ringtone', volume: 1 });
  });

  test('two calls ringing in with no other call: the ringtone, once', () => {
    expect(plan([incoming(), incoming()])).toEqual({ sound: 'ringtone', volume: 1 });
  });

  test('a call arriving during another call beeps (call waiting), never the ringtone', () => {
    expect(plan([talking(), incoming()])).toEqual({ sound: 'call-waiting', volume: 1 });
    expect(plan([talking({ paused: true }), incoming()])).toEqual({ sound: 'call-waiting', volume: 1 });
    // Dialling out, or answering the first call (the microphone still opening), counts too.
    expect(plan([ringingOut(), incoming()])).toEqual({ sound: 'call-waiting', volume: 1 });
    expect(plan([incoming({ sipStatus: 'Establishing' }), incoming()])).toEqual({ sound: 'call-waiting', volume: 1 });
    // The ringtone preference is about the ringtone: the beep goes on with it muted.
    expect(plan([talking(), incoming()], { preferences: { ringtoneVolume: 0, ringtoneMuted: true } })).toEqual({ sound: 'call-waiting', volume: 1 });
  });

  test('once the other call is over, a call still ringing gets the full ringtone', () => {
    expect(plan([talking({ sipStatus: 'Terminated', endTime: new Date() }), incoming()])).toEqual({ sound: 'ringtone', volume: 1 });
    expect(plan([incoming({ ignored: true, ringing: false }), incoming()])).toEqual({ sound: 'ringtone', volume: 1 });
  });

  test('an outgoing call rings back once the far end rings, and stops at the answer', () => {
    expect(plan([call({ isCaller: true, sipStatus: 'Establishing' })])).toBeNull();
    expect(plan([ringingOut()])).toEqual({ sound: 'ringback', volume: 1 });
    expect(plan([ringingOut({ sipStatus: 'Established', answered: true, ringing: false })])).toBeNull();
  });

  test('no ringback while the far end sends its own audio (early media)', () => {
    const early = ringingOut();
    expect(plan([early], { earlyMedia: new Set([early.getId()!]) })).toBeNull();
  });

  test('no ringback once the caller hangs up (CANCEL on its way) or the call failed', () => {
    expect(plan([ringingOut({ sipStatus: 'Terminating' })])).toBeNull();
    expect(plan([ringingOut({ sipStatus: 'Terminated' })])).toBeNull();
  });

  test('no ringback over a conversation, but over a held call', () => {
    expect(plan([talking(), ringingOut()])).toBeNull();
    expect(plan([talking({ paused: true }), ringingOut()])).toEqual({ sound: 'ringback', volume: 1 });
  });
});

describe('how an ended call sounds', () => {
  const outgoing = () => call({ isCaller: true, sipStatus: 'Terminated' });
  const answeredCall = () => talking({ sipStatus: 'Terminated' });

  test.each<[CallEndReason, string | null]>([
    ['busy', 'busy'],
    ['declined', 'busy'],
    ['not-found', 'failed'],
    ['unavailable', 'failed'],
    ['no-answer', 'failed'],
    ['rejected', 'failed'],
    ['failed', 'failed'],
    ['connection-lost', 'failed'],
    ['canceled-locally', null],
  ])('an outgoing call that ended %s before the answer: %s', (reason, tone) => {
    expect(endToneFor(outgoing(), { reason })).toBe(tone);
  });

  test.each<[CallEndReason, string | null]>([
    ['hung-up-remotely', 'hang-up'],
    ['media-lost', 'hang-up'],
    ['no-ack', 'hang-up'],
    ['connection-lost', 'hang-up'],
    ['hung-up-locally', null],
    ['ended-unconfirmed', null],
    ['transferred', null],
    ['transferred-away', null],
  ])('an answered call that ended %s: %s', (reason, tone) => {
    expect(endToneFor(answeredCall(), { reason })).toBe(tone);
  });

  test.each<CallEndReason>(['missed', 'answered-elsewhere', 'declined-locally', 'unsupported-offer', 'connection-lost'])(
    'an incoming call that never was answered (%s) ends without a tone',
    (reason) => {
      expect(endToneFor(call({ isCaller: false, sipStatus: 'Terminated' }), { reason })).toBeNull();
    },
  );
});
