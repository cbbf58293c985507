import { SessionState, URI } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { failureStatus, referRefusal, sipfrag, targetLabel, type ReferCheck } from './transfer';

const follow: ReferCheck = {
  state: SessionState.Established,
  acceptTransfers: true,
  busy: false,
  target: { scheme: 'sip', method: undefined },
};

describe('REFER from the far end', () => {
  it('is followed inside an established dialog when the user accepts transfers', () => {
    expect(referRefusal(follow)).toBeNull();
    expect(referRefusal({ ...follow, target: { scheme: 'sips', method: 'INVITE' } })).toBeNull();
  });

  it('gets 603 when the preference refuses transfers, whatever the target', () => {
    expect(referRefusal({ ...follow, acceptTransfers: false })).toEqual({ statusCode: 603, reasonPhrase: 'Decline' });
  });

  it('is refused outside an established dialog: 603 while the call is set up, 481 once it is ending', () => {
    expect(referRefusal({ ...follow, state: SessionState.Initial })?.statusCode).toBe(603);
    expect(referRefusal({ ...follow, state: SessionState.Establishing })?.statusCode).toBe(603);
    expect(referRefusal({ ...follow, state: SessionState.Terminating })?.statusCode).toBe(481);
    expect(referRefusal({ ...follow, state: SessionState.Terminated })?.statusCode).toBe(481);
  });

  it('declines what it cannot do as asked: another method, a non-SIP target', () => {
    expect(referRefusal({ ...follow, target: { scheme: 'sip', method: 'BYE' } })?.statusCode).toBe(603);
    expect(referRefusal({ ...follow, target: { scheme: 'tel', method: undefined } })?.statusCode).toBe(603);
  });

  it('answers 400 to an unreadable Refer-To and 491 while a transfer of the call already runs', () => {
    expect(referRefusal({ ...follow, target: null })?.statusCode).toBe(400);
    expect(referRefusal({ ...follow, busy: true })?.statusCode).toBe(491);
  });
});

describe('NOTIFY sipfrags', () => {
  it('carry the status line of the new call, with no line break a far end could inject', () => {
    expect(sipfrag(100, 'Trying')).toBe('SIP/2.0 100 Trying');
    expect(sipfrag(486, 'Busy\r\nEvil: 1')).toBe('SIP/2.0 486 Busy Evil: 1');
  });

  it('report a failed new call by its own answer, a cancel as 487, anything else as 503', () => {
    expect(failureStatus({ reason: 'not-found', sipCode: 404, sipReason: 'Not Found' })).toEqual({ statusCode: 404, reasonPhrase: 'Not Found' });
    expect(failureStatus({ reason: 'canceled-locally' })).toEqual({ statusCode: 487, reasonPhrase: 'Request Terminated' });
    expect(failureStatus({ reason: 'failed' })).toEqual({ statusCode: 503, reasonPhrase: 'Service Unavailable' });
  });
});

describe('the transfer target on screen', () => {
  it('is the Refer-To display name, else its user part, else its host', () => {
    expect(targetLabel('Carol', new URI('sip', '1003', 'pbx.test'))).toBe('Carol');
    expect(targetLabel(undefined, new URI('sip', '1003', 'pbx.test'))).toBe('1003');
    expect(targetLabel('  ', new URI('sip', '%2B331', 'pbx.test'))).toBe('+331');
    expect(targetLabel(undefined, new URI('sip', '', 'pbx.test'))).toBe('pbx.test');
  });

  it('comes from the network, so it is cleaned like a caller name (shared/display-name)', () => {
    expect(targetLabel('\u202Elive \\"boss\\"', new URI('sip', '1003', 'pbx.test'))).toBe('live "boss"');
    expect(targetLabel('\u200B\u2066', new URI('sip', '10\u202E03', 'pbx.test'))).toBe('1003');
    expect(Array.from(targetLabel('x'.repeat(6000), new URI('sip', '1003', 'pbx.test')))).toHaveLength(128);
  });
});
