import { describe, expect, it } from 'vitest';
import { CallTimeline, formatTimelineText, isCallTimelineJSON, timelineRows, type TimelineClock } from './call-timeline';

function clock(start = 1000, wallStart = Date.UTC(2026, 11, 4, 12, 0, 0)): TimelineClock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    wall: () => wallStart + (now - start),
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('CallTimeline', () => {
  it('counts every mark from the first one, and keeps the first time a step happened', () => {
    const c = clock();
    const timeline = new CallTimeline('abc@host', 'outgoing', 'dial', undefined, c);
    c.advance(12.34);
    timeline.mark('inviteSent');
    c.advance(30);
    timeline.mark('ok200Received');
    c.advance(5);
    timeline.mark('inviteSent'); // a re-INVITE later: ignored
    expect(timeline.toJSON().marks).toEqual({ dial: 0, inviteSent: 12.3, ok200Received: 42.3 });
    expect(timeline.elapsed('ok200Received')).toBeCloseTo(42.34);
    expect(timeline.has('ackSent')).toBe(false);
  });

  it('starts at a time taken before the call existed (the dial click, the INVITE on the socket)', () => {
    const c = clock(5000);
    const timeline = new CallTimeline('x', 'incoming', 'inviteReceived', 4990, c);
    timeline.mark('ringing');
    const json = timeline.toJSON();
    expect(json.marks).toEqual({ inviteReceived: 0, ringing: 10 });
    expect(json.startedAt).toBe(new Date(Date.UTC(2026, 11, 4, 12, 0, 0) - 10).toISOString());
  });

  it('accepts a mark stamped earlier than now (the socket saw it first)', () => {
    const c = clock();
    const timeline = new CallTimeline('x', 'outgoing', 'dial', undefined, c);
    c.advance(50);
    timeline.mark('firstAudioIn', 1040);
    expect(timeline.toJSON().marks.firstAudioIn).toBe(40);
  });

  it('tells a listener about each new mark only', () => {
    const c = clock();
    const timeline = new CallTimeline('x', 'outgoing', 'dial', undefined, c);
    const seen: string[] = [];
    timeline.onMark((mark) => seen.push(mark));
    timeline.mark('inviteSent');
    timeline.mark('inviteSent');
    timeline.mark('ended');
    expect(seen).toEqual(['inviteSent', 'ended']);
  });

  it('is plain data: JSON and structured clones keep it whole, and the guard accepts it back', () => {
    const c = clock();
    const timeline = new CallTimeline('x', 'incoming', 'inviteReceived', undefined, c);
    c.advance(3);
    timeline.mark('answerRequested');
    timeline.note('ICE gathering ended for the answer: host');
    const json = timeline.toJSON();
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(structuredClone(json)).toEqual(json);
    expect(isCallTimelineJSON(JSON.parse(JSON.stringify(json)))).toBe(true);
    expect(isCallTimelineJSON({ ...json, marks: { bogus: 1 } })).toBe(false);
    expect(isCallTimelineJSON({ ...json, direction: 'sideways' })).toBe(false);
    expect(isCallTimelineJSON(null)).toBe(false);
  });
});

describe('timelineRows and the text export', () => {
  const json = {
    sipCallId: 'abc',
    direction: 'outgoing' as const,
    startedAt: '2026-12-04T12:00:00.000Z',
    marks: { dial: 0, ok200Received: 40, inviteSent: 8, microphoneReady: 8, established: 41.5 },
    notes: ['ICE gathering ended for the offer: host'],
  };

  it('lists the reached steps in time order, ties in the documented order, with the gap to the previous one', () => {
    expect(timelineRows(json).map((r) => [r.mark, r.at, r.delta])).toEqual([
      ['dial', 0, 0],
      ['microphoneReady', 8, 8],
      ['inviteSent', 8, 0],
      ['ok200Received', 40, 32],
      ['established', 41.5, 1.5],
    ]);
  });

  it('writes one line per step with its label, then the notes', () => {
    const text = formatTimelineText(json);
    expect(text.split('\n')[0]).toBe('Outgoing call abc, started 2026-12-04T12:00:00.000Z');
    expect(text).toContain('40.0 ms  (+32.0)  200 OK received');
    expect(text.split('\n').at(-1)).toBe('note: ICE gathering ended for the offer: host');
  });
});
