import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AppPreferences, defaultAppPreferences } from '../shared/app-preferences';
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
