import { describe, expect, it } from 'vitest';
import { attendedReferTo, blindReferTo, decodeReplacesParam, judgeReplaces, parseReplaces, replacesHeader, replacesValue } from './replaces';

// A's consultation dialog with C, as A sees it (A placed the call: its tag is the From tag).
const atA = { callId: 'abc123@host.invalid', localTag: 'tagA', remoteTag: 'tagC' };
// The same dialog as C sees it.
const atC = { callId: 'abc123@host.invalid', localTag: 'tagC', remoteTag: 'tagA' };

describe('Refer-To of a transfer we make', () => {
  it('blind: the target address in angle brackets, with no URI headers a far end would follow', () => {
    expect(blindReferTo('sip:1003@pbx.test')).toBe('<sip:1003@pbx.test>');
    expect(blindReferTo('sip:1003@pbx.test;user=phone?Subject=x')).toBe('<sip:1003@pbx.test;user=phone>');
  });

  it('attended: the target AOR with the consultation dialog in an escaped Replaces header, the target\'s tag as to-tag', () => {
    const referTo = attendedReferTo('sip:1003@pbx.test', atA);
    expect(referTo).toBe('<sip:1003@pbx.test?Replaces=abc123%40host.invalid%3Bto-tag%3DtagC%3Bfrom-tag%3DtagA>');
    expect(replacesValue(atA)).toBe('abc123@host.invalid;to-tag=tagC;from-tag=tagA');
  });

  it('attended: no display name, no brackets or old headers from the address can break the header', () => {
    expect(attendedReferTo('<sip:1003@pbx.test?X=1>', atA)).toMatch(/^<sip:1003@pbx\.test\?Replaces=[^<>"]+>$/);
  });
});

describe('Replaces header', () => {
  it('is read whatever the order and case of its parameters, escaped or not', () => {
    expect(parseReplaces('abc123@host.invalid;From-Tag=tagA;to-tag=tagC;early-only')).toEqual({
      callId: 'abc123@host.invalid',
      toTag: 'tagC',
      fromTag: 'tagA',
      earlyOnly: true,
    });
    expect(parseReplaces(decodeReplacesParam('abc123%40host.invalid%3Bto-tag%3DtagC%3Bfrom-tag%3DtagA'))).toMatchObject({ callId: 'abc123@host.invalid', toTag: 'tagC' });
    expect(decodeReplacesParam('100%')).toBe('100%');
  });

  it('is unreadable without a call id or either tag', () => {
    expect(parseReplaces('')).toBeNull();
    expect(parseReplaces(';to-tag=a;from-tag=b')).toBeNull();
    expect(parseReplaces('abc;to-tag=a')).toBeNull();
    expect(parseReplaces('abc;from-tag=b;to-tag=')).toBeNull();
    expect(parseReplaces('a b;to-tag=a;from-tag=b')).toBeNull();
  });

  it('round-trips through what we write back on the INVITE (unknown parameters dropped)', () => {
    const parsed = parseReplaces('abc;to-tag=a;from-tag=b;evil=1')!;
    expect(replacesHeader(parsed)).toBe('abc;to-tag=a;from-tag=b');
  });
});

describe('an incoming INVITE with Replaces', () => {
  const consult = { name: 'consult with A', dialog: atC, confirmed: true };
  const other = { name: 'another call', dialog: { callId: 'zzz', localTag: 'x', remoteTag: 'y' }, confirmed: true };

  it('replaces the answered call whose dialog it names, as written by the transferor', () => {
    const verdict = judgeReplaces(replacesValue(atA), [other, consult]);
    expect(verdict).toEqual({ action: 'replace', call: consult });
  });

  it('gets 481 when it names no call of ours, or names it with the tags swapped', () => {
    expect(judgeReplaces('nope;to-tag=tagC;from-tag=tagA', [consult])).toMatchObject({ action: 'reject', statusCode: 481 });
    expect(judgeReplaces(replacesValue(atC), [consult])).toMatchObject({ action: 'reject', statusCode: 481 });
  });

  it('gets 481 for a call still ringing, 486 for early-only on an answered call, 400 when unreadable', () => {
    expect(judgeReplaces(replacesValue(atA), [{ ...consult, confirmed: false }])).toMatchObject({ statusCode: 481 });
    expect(judgeReplaces(`${replacesValue(atA)};early-only`, [consult])).toMatchObject({ statusCode: 486 });
    expect(judgeReplaces('garbage', [consult])).toMatchObject({ statusCode: 400 });
  });
});
