import { describe, expect, test } from 'vitest';
import { CallSession } from '../../shared/call-session';
import { Conference, ConferenceRefused, type ConferenceCall, type ConferenceEnd, type Mixer } from './conference';

// Calls that keep score of their hold state, their sender's track and their conference flag.

class FakeCall implements ConferenceCall {
  held = false;
  sending: string | undefined;
  conference = false;
  ended = false;
  resumeFails = false;
  constructor(
    readonly id: string,
    private readonly mic: string | null = `mic-${id}`,
  ) {
    this.sending = mic ?? undefined;
  }
  get snapshot(): CallSession {
    return new CallSession({ sipCallId: this.id, number: this.id, sipStatus: this.ended ? 'Terminated' : 'Established', conference: this.conference });
  }
  isLive() {
    return !this.held && !this.ended;
  }
  async setHold(hold: boolean) {
    if (!hold && this.resumeFails) return;
    this.held = hold;
  }
  async microphone() {
    return (this.mic ?? undefined) as unknown as MediaStreamTrack | undefined;
  }
  remoteAudio() {
    return `remote-${this.id}` as unknown as MediaStreamTrack;
  }
  async sendAudio(track: MediaStreamTrack) {
    this.sending = track as unknown as string;
  }
  markConference(conference: boolean) {
    this.conference = conference;
  }
}

function setUp() {
  const log: string[] = [];
  const mixers: Array<{ closed: boolean }> = [];
  const conference = new Conference<FakeCall>({
    createMixer: (legs) => {
      const mixer = { closed: false };
      mixers.push(mixer);
      return {
        output: (id: string) => `mix-for-${id}(${legs.map((l) => l.id).join(',')})` as unknown as MediaStreamTrack,
        close: async () => {
          mixer.closed = true;
        },
      } satisfies Mixer;
    },
    started: (members) => log.push(`started ${members.map((m) => `${m.number}:${m.conference}`).join(' ')}`),
    ended: (members, how: ConferenceEnd) => log.push(`${how} ${members.map((m) => `${m.number}:${m.conference}`).join(' ')}`),
  });
  const b = new FakeCall('b');
  const c = new FakeCall('c');
  b.held = true;
  return { conference, log, mixers, b, c };
}

describe('Conference', () => {
  test('merging resumes the held call, sends each the mix and marks both', async () => {
    const { conference, log, b, c } = setUp();
    await conference.merge([b, c]);
    expect([b.isLive(), c.isLive()]).toEqual([true, true]);
    expect([b.sending, c.sending]).toEqual(['mix-for-b(b,c)', 'mix-for-c(b,c)']);
    expect(log).toEqual(['started b:true c:true']);
    expect(conference.companionsOf('b')).toEqual(['c']);
    expect(conference.companionsOf('x')).toEqual([]);
  });

  test('when one party hangs up, the other gets its own microphone back and the mixer closes', async () => {
    const { conference, log, mixers, b, c } = setUp();
    await conference.merge([b, c]);
    c.ended = true;
    await conference.callEnded('c');
    expect(b.sending).toBe('mic-b');
    expect(b.conference).toBe(false);
    expect(mixers[0]!.closed).toBe(true);
    expect(conference.active).toBe(false);
    expect(log.at(-1)).toBe('collapsed b:false');
  });

  test('split gives each call its microphone back and returns the members', async () => {
    const { conference, log, mixers, b, c } = setUp();
    await conference.merge([b, c]);
    const members = await conference.split();
    expect(members.map((m) => m.id)).toEqual(['b', 'c']);
    expect([b.sending, c.sending]).toEqual(['mic-b', 'mic-c']);
    expect([b.conference, c.conference]).toEqual([false, false]);
    expect(mixers[0]!.closed).toBe(true);
    expect(log.at(-1)).toBe('split b:false c:false');
  });

  test('a call that cannot be resumed leaves the calls separate, nothing mixed', async () => {
    const { conference, log, mixers, b, c } = setUp();
    b.resumeFails = true;
    await expect(conference.merge([b, c])).rejects.toBeInstanceOf(ConferenceRefused);
    expect([b.held, c.held]).toEqual([true, false]);
    expect(mixers).toEqual([]);
    expect(conference.active).toBe(false);
    expect(log).toEqual([]);
  });

  test('a call without its microphone yet is refused, and the resumed call is held again', async () => {
    const { conference, b } = setUp();
    const c = new FakeCall('c', null);
    await expect(conference.merge([b, c])).rejects.toThrow(/no audio to mix/);
    expect([b.held, c.held]).toEqual([true, false]);
    expect(conference.active).toBe(false);
  });

  test('a second merge while one runs is refused; fewer than two calls too', async () => {
    const { conference, b, c } = setUp();
    await expect(conference.merge([b])).rejects.toThrow(/two calls/);
    await conference.merge([b, c]);
    await expect(conference.merge([b, c])).rejects.toThrow(/already/);
  });
});
