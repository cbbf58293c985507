import { afterEach, describe, expect, test } from 'vitest';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import { setLanguage, t } from '../i18n';
import { pageTitle, titleHasClock } from './page-title';

const NOW = Date.parse('2024-05-01T10:01:23.500Z');
const ANSWERED = new Date('2024-05-01T10:00:00.000Z');
const REGISTERED = { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null } as const;

function call(init: Partial<CallSessionInit>) {
  return new CallSession({ sipCallId: 'c1', displayName: 'Bob', number: '1002', ...init }).toJSON();
}

describe('pageTitle', () => {
  afterEach(() => setLanguage('en'));

  test('idle, offline', () => {
    expect(pageTitle([], REGISTERED, NOW, t)).toBe('Softphone');
    expect(pageTitle([], { status: 'reconnecting', aor: null, error: null }, NOW, t)).toBe('Softphone (offline)');
    expect(pageTitle([], null, NOW, t)).toBe('Softphone');
  });

  test('ringing, calling, in call with the running duration, on hold', () => {
    expect(pageTitle([call({ ringing: true })], REGISTERED, NOW, t)).toBe('Ringing: Bob — Softphone');
    expect(pageTitle([call({ isCaller: true })], REGISTERED, NOW, t)).toBe('Calling Bob… — Softphone');
    expect(pageTitle([call({ answerTime: ANSWERED })], REGISTERED, NOW, t)).toBe('In call with Bob (01:23)');
    expect(pageTitle([call({ answerTime: ANSWERED, paused: true })], REGISTERED, NOW, t)).toBe('On hold: Bob (01:23)');
  });

  test('a ringing call comes first, then the call the user talks on', () => {
    const held = call({ sipCallId: 'a', displayName: 'Alice', answerTime: ANSWERED, paused: true });
    const talking = call({ sipCallId: 'b', displayName: 'Carol', answerTime: ANSWERED });
    const ringing = call({ sipCallId: 'c', displayName: 'Dan', ringing: true });
    expect(pageTitle([held, talking], REGISTERED, NOW, t)).toBe('In call with Carol (01:23)');
    expect(pageTitle([held, talking, ringing], REGISTERED, NOW, t)).toBe('Ringing: Dan — Softphone');
  });

  test('an ended, ignored or answered call never reads as ringing', () => {
    expect(pageTitle([call({ ringing: true, endTime: new Date(NOW) })], REGISTERED, NOW, t)).toBe('Softphone');
    expect(pageTitle([call({ ringing: true, ignored: true })], REGISTERED, NOW, t)).toBe('Softphone');
  });

  test('the name is decoded by the engine and made safe and short here: no bidi override, no 6 KB title', () => {
    const hostile = call({ ringing: true, displayName: `\u202Elive "boss" ${'x'.repeat(6000)}` });
    const title = pageTitle([hostile], REGISTERED, NOW, t);
    expect(title).toMatch(/^Ringing: live "boss" x+… — Softphone$/);
    expect(title).not.toMatch(/[\u202A-\u202E\\]/);
    expect(title.length).toBeLessThan(70);
    expect(pageTitle([call({ ringing: true, displayName: '' })], REGISTERED, NOW, t)).toBe('Ringing: 1002 — Softphone');
  });

  test('speaks French', () => {
    setLanguage('fr');
    expect(pageTitle([call({ ringing: true })], REGISTERED, NOW, t)).toBe('Appel entrant : Bob — Softphone');
    expect(pageTitle([call({ answerTime: ANSWERED })], REGISTERED, NOW, t)).toBe('En communication avec Bob (01:23)');
  });
});

describe('titleHasClock', () => {
  test('runs only while an answered call is up', () => {
    expect(titleHasClock([])).toBe(false);
    expect(titleHasClock([call({ ringing: true })])).toBe(false);
    expect(titleHasClock([call({ answerTime: ANSWERED })])).toBe(true);
    expect(titleHasClock([call({ answerTime: ANSWERED, endTime: new Date(NOW) })])).toBe(false);
  });
});
