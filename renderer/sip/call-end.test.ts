import { describe, expect, it } from 'vitest';
import { byeOutcome } from './call-end';

describe('byeOutcome', () => {
  it('is nothing to report when the far end confirmed the BYE, or no longer knew the call', () => {
    expect(byeOutcome(200, 'OK')).toBeUndefined();
    expect(byeOutcome(202, undefined)).toBeUndefined();
    expect(byeOutcome(481, 'Call/Transaction Does Not Exist')).toBeUndefined();
  });

  it('says the far end may not have been told when the BYE was refused', () => {
    expect(byeOutcome(500, 'No error (2/SL)')).toEqual({ reason: 'ended-unconfirmed', sipCode: 500, sipReason: 'No error (2/SL)' });
    expect(byeOutcome(408, 'Request Timeout')).toMatchObject({ reason: 'ended-unconfirmed', sipCode: 408 });
  });

  it('says so too when the BYE got no answer or could not be sent, with no made-up code', () => {
    expect(byeOutcome(undefined, 'not sent')).toEqual({ reason: 'ended-unconfirmed', sipReason: 'not sent' });
    expect(byeOutcome(undefined, undefined)).toEqual({ reason: 'ended-unconfirmed' });
  });

  it('keeps a long reason phrase short', () => {
    expect(byeOutcome(503, 'x'.repeat(500))?.sipReason).toHaveLength(120);
  });
});
