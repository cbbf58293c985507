import { describe, expect, it } from 'vitest';
import { nextTransfer, readSipfrag, subscriptionTerminated, transferRunning, type OutgoingTransfer, type TransferEvent } from './outgoing-transfer-state';

const blind: OutgoingTransfer = { kind: 'blind', status: 'requested', target: 'Carol' };

function run(start: OutgoingTransfer, events: TransferEvent[]): OutgoingTransfer[] {
  const states: OutgoingTransfer[] = [];
  let state = start;
  for (const event of events) {
    state = nextTransfer(state, event);
    states.push(state);
  }
  return states;
}

describe('NOTIFY sipfrag bodies', () => {
  it('give the status line of the far end\'s new call', () => {
    expect(readSipfrag('SIP/2.0 100 Trying\r\n')).toEqual({ statusCode: 100, reasonPhrase: 'Trying' });
    expect(readSipfrag('SIP/2.0 486 Busy Here\r\nContent-Length: 0\r\n')).toEqual({ statusCode: 486, reasonPhrase: 'Busy Here' });
    expect(readSipfrag('  SIP/2.0 200')).toEqual({ statusCode: 200, reasonPhrase: '' });
  });

  it('are not trusted when they are not one', () => {
    expect(readSipfrag(undefined)).toBeNull();
    expect(readSipfrag('')).toBeNull();
    expect(readSipfrag('HTTP/1.1 200 OK')).toBeNull();
    expect(readSipfrag('SIP/2.0 999 Nope')).toBeNull();
    expect(readSipfrag(`SIP/2.0 180 ${'x'.repeat(500)}`)?.reasonPhrase).toHaveLength(120);
  });

  it('end the subscription only with Subscription-State terminated', () => {
    expect(subscriptionTerminated('terminated;reason=noresource')).toBe(true);
    expect(subscriptionTerminated('active;expires=60')).toBe(false);
    expect(subscriptionTerminated(undefined)).toBe(false);
  });
});

describe('a transfer we make', () => {
  it('goes requested -> accepted -> trying -> ringing -> succeeded as the far end reports', () => {
    const states = run(blind, [
      { type: 'refer-accepted' },
      { type: 'notify', statusCode: 100, terminated: false },
      { type: 'notify', statusCode: 180, terminated: false },
      { type: 'notify', statusCode: 200, reasonPhrase: 'OK', terminated: true },
    ]);
    expect(states.map((s) => s.status)).toEqual(['accepted', 'trying', 'ringing', 'succeeded']);
    expect(transferRunning(states[2])).toBe(true);
    expect(transferRunning(states[3])).toBe(false);
  });

  it('fails with the target\'s answer in words (busy, not found), or the refusal of the REFER', () => {
    const [busy] = run({ ...blind, status: 'ringing' }, [{ type: 'notify', statusCode: 486, reasonPhrase: 'Busy Here', terminated: true }]);
    expect(busy).toMatchObject({ status: 'failed', failure: { reason: 'busy', sipCode: 486 } });
    const [refused] = run(blind, [{ type: 'refer-rejected', statusCode: 603, reasonPhrase: 'Decline' }]);
    expect(refused).toMatchObject({ status: 'failed', failure: { reason: 'declined', sipCode: 603 } });
    const [unknown] = run(blind, [{ type: 'notify', statusCode: 404, terminated: true }]);
    expect(unknown?.failure?.reason).toBe('not-found');
  });

  it('fails when the far end ends the subscription without a final answer, or says nothing in time', () => {
    expect(run(blind, [{ type: 'notify', statusCode: 100, terminated: true }])[0]).toMatchObject({ status: 'failed', failure: { reason: 'no-answer' } });
    expect(run(blind, [{ type: 'no-result' }])[0]).toMatchObject({ status: 'failed', failure: { reason: 'no-answer' } });
  });

  it('never moves after its result: a late NOTIFY or a timer cannot undo a success or revive a failure', () => {
    const done = { ...blind, status: 'succeeded' as const };
    expect(nextTransfer(done, { type: 'notify', statusCode: 486, terminated: true })).toBe(done);
    expect(nextTransfer(done, { type: 'no-result' })).toBe(done);
    const failed = run(blind, [{ type: 'refer-rejected', statusCode: 488 }])[0]!;
    expect(nextTransfer(failed, { type: 'notify', statusCode: 200, terminated: true })).toBe(failed);
  });

  it('attended: consulting, then a REFER; a failed one can be tried again with the same consultation', () => {
    const consulting: OutgoingTransfer = { kind: 'attended', status: 'consulting', target: 'Carol', consultCallId: 'c1' };
    expect(transferRunning(consulting)).toBe(false);
    const [sent, failed, again] = run(consulting, [
      { type: 'refer-sent' },
      { type: 'notify', statusCode: 481, terminated: true },
      { type: 'refer-sent' },
    ]);
    expect(sent).toEqual({ kind: 'attended', status: 'requested', target: 'Carol', consultCallId: 'c1' });
    expect(failed).toMatchObject({ status: 'failed', consultCallId: 'c1' });
    expect(again).toEqual({ kind: 'attended', status: 'requested', target: 'Carol', consultCallId: 'c1' });
  });

  it('a 202 counts only while the REFER awaits its answer (a NOTIFY may overtake it)', () => {
    const [trying, stillTrying] = run(blind, [{ type: 'notify', statusCode: 100, terminated: false }, { type: 'refer-accepted' }]);
    expect(trying?.status).toBe('trying');
    expect(stillTrying?.status).toBe('trying');
  });
});
