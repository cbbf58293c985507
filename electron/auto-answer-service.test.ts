import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AppPreferences, defaultAppPreferences } from '../shared/app-preferences';
import { detectAutoAnswerRequest } from '../shared/auto-answer-signals';
import type { CallSessionJSON } from '../shared/call-session';
import type { PhoneCommand } from '../shared/platform';
import { createAutoAnswerService } from './auto-answer-service';
import { answered, ended, incomingRinging } from './test-support/calls';

let preferences: AppPreferences;
let commands: PhoneCommand[];

beforeEach(() => {
  vi.useFakeTimers();
  preferences = defaultAppPreferences();
  commands = [];
});
afterEach(() => vi.useRealTimers());

/** What the renderer's detector reports for an INVITE carrying these headers. */
function requestFrom(headers: Record<string, string>) {
  return detectAutoAnswerRequest((name) => (headers[name] === undefined ? [] : [headers[name]]));
}

function service() {
  return createAutoAnswerService({ preferences: () => preferences, sendCommand: (command) => commands.push(command) });
}

describe('auto-answer service', () => {
  it('answers a requested call after the preference delay, marked auto', () => {
    preferences = { ...preferences, autoAnswer: 'when-requested', autoAnswerDelaySeconds: 2 };
    const call = incomingRinging('c1@pbx', { autoAnswer: true });
    expect(service().onCallChanged(call, [call])).toEqual({ action: 'answer', delayMs: 2000 });
    vi.advanceTimersByTime(1999);
    expect(commands).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(commands).toEqual([{ kind: 'answer', callId: 'c1@pbx', auto: true }]);
  });

  it('decides once per call, not on every snapshot', () => {
    preferences = { ...preferences, autoAnswer: 'always' };
    const auto = service();
    const call = incomingRinging('c1@pbx');
    auto.onCallChanged(call, [call]);
    expect(auto.onCallChanged({ ...call, muted: true }, [call])).toBeNull();
    vi.runAllTimers();
    expect(commands).toHaveLength(1);
  });

  it('cancels the pending answer when the call stops ringing first', () => {
    preferences = { ...preferences, autoAnswer: 'always', autoAnswerDelaySeconds: 5 };
    const auto = service();
    const first = incomingRinging('c1@pbx');
    auto.onCallChanged(first, [first]);
    auto.onCallChanged(ended(first), []);
    const second = incomingRinging('c2@pbx');
    auto.onCallChanged(second, [second]);
    auto.onCallChanged(answered(second), [answered(second)]);
    vi.runAllTimers();
    expect(commands).toEqual([]);
  });

  it('lets a call ring when another call is up, even if it asks', () => {
    preferences = { ...preferences, autoAnswer: 'when-requested' };
    const up = answered(incomingRinging('c1@pbx'));
    const paging = incomingRinging('c2@pbx', { autoAnswer: true });
    expect(service().onCallChanged(paging, [up, paging])).toEqual({ action: 'ring' });
    vi.runAllTimers();
    expect(commands).toEqual([]);
  });

  it('refuses new calls with reject-busy on do-not-disturb', () => {
    preferences = { ...preferences, autoAnswer: 'always', doNotDisturb: true };
    const call = incomingRinging('c1@pbx', { autoAnswer: true });
    service().onCallChanged(call, [call]);
    expect(commands).toEqual([{ kind: 'reject-busy', callId: 'c1@pbx' }]);
  });

  it('leaves outgoing calls and unrequested calls alone in when-requested mode', () => {
    preferences = { ...preferences, autoAnswer: 'when-requested' };
    const plain: CallSessionJSON = incomingRinging('c1@pbx');
    expect(service().onCallChanged(plain, [plain])).toEqual({ action: 'ring' });
    vi.runAllTimers();
    expect(commands).toEqual([]);
  });

  it("waits the INVITE's own answer-after delay rather than the preference", () => {
    preferences = { ...preferences, autoAnswer: 'when-requested', autoAnswerDelaySeconds: 0 };
    const call = incomingRinging('page@pbx', { autoAnswer: true });
    const request = requestFrom({ 'Call-Info': '<sip:pbx.example.com>;answer-after=30' });
    expect(service().onCallChanged(call, [call], request)).toEqual({ action: 'answer', delayMs: 30_000 });
    vi.advanceTimersByTime(29_999);
    expect(commands).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(commands).toEqual([{ kind: 'answer', callId: 'page@pbx', auto: true }]);
  });

  it('uses the preference delay for Answer-Mode, which carries none', () => {
    preferences = { ...preferences, autoAnswer: 'when-requested', autoAnswerDelaySeconds: 5 };
    const call = incomingRinging('intercom@pbx', { autoAnswer: true });
    const request = requestFrom({ 'Answer-Mode': 'Auto' });
    expect(service().onCallChanged(call, [call], request)).toEqual({ action: 'answer', delayMs: 5000 });
    vi.advanceTimersByTime(4999);
    expect(commands).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(commands).toEqual([{ kind: 'answer', callId: 'intercom@pbx', auto: true }]);
  });

  it('keeps the request of a call until it ends, not beyond', () => {
    preferences = { ...preferences, autoAnswer: 'always', autoAnswerDelaySeconds: 2 };
    const auto = service();
    const call = incomingRinging('c1@pbx', { autoAnswer: true });
    auto.onCallChanged({ ...call, ringing: false }, [call], requestFrom({ 'Call-Info': 'answer-after=9' }));
    // The snapshot that starts the ringing comes without the details: the kept request counts.
    expect(auto.onCallChanged(call, [call])).toEqual({ action: 'answer', delayMs: 9000 });
    auto.onCallChanged(ended(call), []);
    // A later call reusing the id (a retried INVITE) does not inherit the old delay.
    expect(auto.onCallChanged(incomingRinging('c1@pbx'), [incomingRinging('c1@pbx')])).toEqual({ action: 'answer', delayMs: 2000 });
  });

  it('forgets every call and pending answer on reset, as when the page reloads', () => {
    preferences = { ...preferences, autoAnswer: 'always', autoAnswerDelaySeconds: 3 };
    const auto = service();
    const call = incomingRinging('c1@pbx');
    auto.onCallChanged(call, [call], requestFrom({ 'Call-Info': 'answer-after=1' }));
    auto.reset();
    vi.runAllTimers();
    expect(commands).toEqual([]);
    // The same id published by the reloaded page is a new call, decided again without the old request.
    expect(auto.onCallChanged(call, [call])).toEqual({ action: 'answer', delayMs: 3000 });
  });

  it('drops pending answers on dispose', () => {
    preferences = { ...preferences, autoAnswer: 'always', autoAnswerDelaySeconds: 1 };
    const auto = service();
    const call = incomingRinging('c1@pbx');
    auto.onCallChanged(call, [call]);
    auto.dispose();
    vi.runAllTimers();
    expect(commands).toEqual([]);
  });
});
