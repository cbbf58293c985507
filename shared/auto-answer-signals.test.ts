import { describe, expect, it } from 'vitest';
import {
  AUTO_ANSWER_HEADER_NAMES,
  MAX_AUTO_ANSWER_DELAY_SECONDS,
  detectAutoAnswerRequest,
  type AutoAnswerRequest,
} from './auto-answer-signals';

type Headers = Record<string, string[]>;

// Looks names up without case, as SIP.js does, so the tests exercise the contract the caller keeps.
function detect(headers: Headers): AutoAnswerRequest {
  const lower = new Map(Object.entries(headers).map(([name, values]) => [name.toLowerCase(), values]));
  return detectAutoAnswerRequest((name) => lower.get(name.toLowerCase()) ?? []);
}

const notRequested: AutoAnswerRequest = { requested: false, delaySeconds: 0, source: null };
const requested = (source: AutoAnswerRequest['source'], delaySeconds = 0): AutoAnswerRequest => ({ requested: true, delaySeconds, source });

describe('detectAutoAnswerRequest: Answer-Mode (RFC 5373)', () => {
  it.each<[string, Headers, AutoAnswerRequest]>([
    ['Auto', { 'Answer-Mode': ['Auto'] }, requested('answer-mode')],
    ['lower case', { 'answer-mode': ['auto'] }, requested('answer-mode')],
    ['with require', { 'Answer-Mode': ['Auto;require'] }, requested('answer-mode')],
    ['with spaces', { 'Answer-Mode': ['  Auto ; require '] }, requested('answer-mode')],
    ['quoted', { 'Answer-Mode': ['"Auto"'] }, requested('answer-mode')],
    ['Priv-Answer-Mode', { 'Priv-Answer-Mode': ['Auto'] }, requested('answer-mode')],
    ['Priv-Answer-Mode over Manual', { 'Answer-Mode': ['Manual'], 'Priv-Answer-Mode': ['Auto'] }, requested('answer-mode')],
    ['Manual', { 'Answer-Mode': ['Manual'] }, notRequested],
    ['Manual;require', { 'Answer-Mode': ['Manual;require'] }, notRequested],
    ['unknown mode', { 'Answer-Mode': ['Automatic'] }, notRequested],
    ['empty', { 'Answer-Mode': [''] }, notRequested],
    ['auto only as a parameter', { 'Answer-Mode': ['Manual;auto'] }, notRequested],
  ])('%s', (_label, headers, expected) => {
    expect(detect(headers)).toEqual(expected);
  });
});

describe('detectAutoAnswerRequest: Call-Info answer-after', () => {
  it.each<[string, Headers, AutoAnswerRequest]>([
    ['Cisco/Snom form, immediate', { 'Call-Info': ['<sip:pbx.example.com>;answer-after=0'] }, requested('call-info', 0)],
    ['with a delay', { 'Call-Info': ['<sip:pbx.example.com>;answer-after=5'] }, requested('call-info', 5)],
    ['spaces around parts', { 'Call-Info': [' <sip:pbx.example.com> ; answer-after = 3 '] }, requested('call-info', 3)],
    ['parameter name in capitals', { 'Call-Info': ['<sip:pbx.example.com>;Answer-After=2'] }, requested('call-info', 2)],
    ['quoted value', { 'Call-Info': ['<sip:pbx.example.com>;answer-after="7"'] }, requested('call-info', 7)],
    ['empty URI', { 'Call-Info': ['<>;answer-after=0'] }, requested('call-info', 0)],
    ['no URI at all', { 'Call-Info': [';answer-after=0'] }, requested('call-info', 0)],
    ['bare parameter', { 'Call-Info': ['answer-after=1'] }, requested('call-info', 1)],
    ['after a purpose parameter', { 'Call-Info': ['<http://example.com/x>;purpose=info;answer-after=4'] }, requested('call-info', 4)],
    [
      'second of several comma-separated values',
      { 'Call-Info': ['<http://example.com/alice.jpg>;purpose=icon, <sip:pbx.example.com>;answer-after=6'] },
      requested('call-info', 6),
    ],
    [
      'second of several header lines',
      { 'Call-Info': ['<http://example.com/alice.jpg>;purpose=icon', '<sip:pbx.example.com>;answer-after=8'] },
      requested('call-info', 8),
    ],
    ['comma and semicolon inside the URI', { 'Call-Info': ['<sip:pbx.example.com;x=a,b>;answer-after=9'] }, requested('call-info', 9)],
    ['capped delay', { 'Call-Info': ['<sip:x>;answer-after=86400'] }, requested('call-info', MAX_AUTO_ANSWER_DELAY_SECONDS)],
    ['huge delay', { 'Call-Info': [`<sip:x>;answer-after=${'9'.repeat(400)}`] }, requested('call-info', MAX_AUTO_ANSWER_DELAY_SECONDS)],
    ['leading zeros', { 'Call-Info': ['<sip:x>;answer-after=007'] }, requested('call-info', 7)],
    ['negative delay ignored', { 'Call-Info': ['<sip:x>;answer-after=-1'] }, notRequested],
    ['fractional delay ignored', { 'Call-Info': ['<sip:x>;answer-after=1.5'] }, notRequested],
    ['NaN ignored', { 'Call-Info': ['<sip:x>;answer-after=NaN'] }, notRequested],
    ['empty value ignored', { 'Call-Info': ['<sip:x>;answer-after='] }, notRequested],
    ['no value ignored', { 'Call-Info': ['<sip:x>;answer-after'] }, notRequested],
    ['hex ignored', { 'Call-Info': ['<sip:x>;answer-after=0x10'] }, notRequested],
    ['bad value then a good one', { 'Call-Info': ['<sip:x>;answer-after=soon, <sip:y>;answer-after=2'] }, requested('call-info', 2)],
    ['only inside the URI', { 'Call-Info': ['<sip:pbx.example.com;answer-after=0>'] }, notRequested],
    ['only inside a quoted string', { 'Call-Info': ['<sip:x>;note=";answer-after=0"'] }, notRequested],
    ['similar parameter name', { 'Call-Info': ['<sip:x>;answer-afterwards=0'] }, notRequested],
    ['plain photo', { 'Call-Info': ['<http://example.com/alice.jpg>;purpose=icon'] }, notRequested],
  ])('%s', (_label, headers, expected) => {
    expect(detect(headers)).toEqual(expected);
  });
});

describe('detectAutoAnswerRequest: Alert-Info', () => {
  it.each<[string, Headers, AutoAnswerRequest]>([
    ['Asterisk/Snom form', { 'Alert-Info': ['<http://www.notused.com>;info=alert-autoanswer;delay=0'] }, requested('alert-info', 0)],
    ['with a delay', { 'Alert-Info': ['<http://x>;info=alert-autoanswer;delay=3'] }, requested('alert-info', 3)],
    ['without a delay', { 'Alert-Info': ['<http://127.0.0.1>;info=alert-autoanswer'] }, requested('alert-info', 0)],
    ['without a URI', { 'Alert-Info': [';info=alert-autoanswer'] }, requested('alert-info', 0)],
    ['bare info parameter', { 'Alert-Info': ['info=alert-autoanswer'] }, requested('alert-info', 0)],
    ['info value in capitals', { 'Alert-Info': ['<http://x>;Info=Alert-AutoAnswer'] }, requested('alert-info', 0)],
    ['quoted info value', { 'Alert-Info': ['<http://x>;info="alert-autoanswer"'] }, requested('alert-info', 0)],
    ['info=intercom', { 'Alert-Info': ['<http://x>;info=intercom'] }, requested('alert-info', 0)],
    ['ringtone URI then intercom', { 'Alert-Info': ['<http://x/ring.wav>;info=intercom;delay=2'] }, requested('alert-info', 2)],
    ['bare Intercom token', { 'Alert-Info': ['Intercom'] }, requested('alert-info', 0)],
    ['bare intercom in lower case', { 'Alert-Info': [' intercom '] }, requested('alert-info', 0)],
    ['Polycom Ring Answer', { 'Alert-Info': ['Ring Answer'] }, requested('alert-info', 0)],
    ['Auto Answer', { 'Alert-Info': ['Auto Answer'] }, requested('alert-info', 0)],
    ['bare token with a delay', { 'Alert-Info': ['Intercom;delay=4'] }, requested('alert-info', 4)],
    ['second comma-separated value', { 'Alert-Info': ['<http://x/bell.wav>, <http://x>;info=alert-autoanswer'] }, requested('alert-info', 0)],
    ['second header line', { 'Alert-Info': ['<http://x/bell.wav>', 'Intercom'] }, requested('alert-info', 0)],
    ['unreadable delay answers at once', { 'Alert-Info': ['<http://x>;info=alert-autoanswer;delay=-3'] }, requested('alert-info', 0)],
    ['capped delay', { 'Alert-Info': ['<http://x>;info=alert-autoanswer;delay=99999'] }, requested('alert-info', MAX_AUTO_ANSWER_DELAY_SECONDS)],
    ['distinctive ring only', { 'Alert-Info': ['<http://127.0.0.1/Bellcore-dr2>'] }, notRequested],
    ['ringtone name only', { 'Alert-Info': ['info=external'] }, notRequested],
    ['intercom only inside the URI', { 'Alert-Info': ['<http://x/intercom.wav>'] }, notRequested],
    ['intercom only inside a quoted value', { 'Alert-Info': ['<http://x>;note="info=intercom"'] }, notRequested],
    ['similar word', { 'Alert-Info': ['Intercom2'] }, notRequested],
    ['bare URL without brackets', { 'Alert-Info': ['http://x/intercom'] }, notRequested],
  ])('%s', (_label, headers, expected) => {
    expect(detect(headers)).toEqual(expected);
  });
});

describe('detectAutoAnswerRequest: several signals and none', () => {
  it('reports no request for an ordinary INVITE', () => {
    expect(detect({})).toEqual(notRequested);
    expect(detect({ 'Alert-Info': ['<http://x/ring.wav>'], 'Call-Info': ['<http://x/a.jpg>;purpose=icon'], 'Answer-Mode': ['Manual'] })).toEqual(
      notRequested,
    );
  });

  it('prefers Answer-Mode, then Call-Info, then Alert-Info', () => {
    const all = {
      'Answer-Mode': ['Auto'],
      'Call-Info': ['<sip:x>;answer-after=5'],
      'Alert-Info': ['<http://x>;info=alert-autoanswer;delay=9'],
    };
    expect(detect(all)).toEqual(requested('answer-mode', 0));
    expect(detect({ ...all, 'Answer-Mode': ['Manual'] })).toEqual(requested('call-info', 5));
    expect(detect({ ...all, 'Answer-Mode': [], 'Call-Info': [] })).toEqual(requested('alert-info', 9));
  });

  it('asks only for the documented header names', () => {
    const asked: string[] = [];
    detectAutoAnswerRequest((name) => {
      asked.push(name);
      return [];
    });
    expect([...new Set(asked)].sort()).toEqual([...AUTO_ANSWER_HEADER_NAMES].sort());
  });

  it('returns a fresh object each time', () => {
    const first = detect({});
    first.requested = true;
    expect(detect({}).requested).toBe(false);
  });
});

describe('detectAutoAnswerRequest: hostile values', () => {
  const garbage = [
    '',
    ';',
    ',,,;;;',
    '<',
    '>',
    '"',
    '"unterminated;answer-after=0',
    '<unterminated;answer-after=0',
    '\\";answer-after=\\',
    '=;==;=',
    '\u0000\r\n\t',
    '<sip:x>;answer-after=0'.repeat(300),
    ';'.repeat(10_000),
    '<'.repeat(10_000),
  ];

  it.each(garbage.map((value) => [value.slice(0, 40), value]))('does not throw or auto-answer on %j', (_label, value) => {
    const headers = { 'Answer-Mode': [value], 'Priv-Answer-Mode': [value], 'Call-Info': [value], 'Alert-Info': [value] };
    const result = detect(headers);
    expect(result.delaySeconds).toBeGreaterThanOrEqual(0);
    expect(result.delaySeconds).toBeLessThanOrEqual(MAX_AUTO_ANSWER_DELAY_SECONDS);
    expect(result).toEqual(notRequested);
  });

  it('ignores values that are not strings or lists that are not arrays, from untyped callers', () => {
    const sloppy = (name: string): string[] =>
      (({ 'Answer-Mode': [42, null, undefined, { toString: () => 'Auto' }], 'Call-Info': 'answer-after=0', 'Alert-Info': undefined }) as Record<string, unknown>)[
        name
      ] as string[];
    expect(detectAutoAnswerRequest(sloppy)).toEqual(notRequested);
  });

  it('reads no further than the first values of a flooded header', () => {
    const flood = Array.from({ length: 100 }, () => '<http://x/ring.wav>');
    expect(detect({ 'Alert-Info': [...flood, 'Intercom'] })).toEqual(notRequested);
    expect(detect({ 'Alert-Info': [...flood.slice(0, 3), 'Intercom'] })).toEqual(requested('alert-info', 0));
  });

  it('stays fast on a long hostile value', () => {
    const value = `${'<a>;x="\\"";'.repeat(300)}answer-after=1`;
    const started = Date.now();
    for (let round = 0; round < 50; round += 1) detect({ 'Call-Info': [value], 'Alert-Info': [value] });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
