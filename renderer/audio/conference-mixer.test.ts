import { describe, expect, test } from 'vitest';
import { ConferenceMixer, mixPlan, type MixerContext, type MixerLeg } from './conference-mixer';

// A Web Audio stand-in that records the graph: which input track reaches which output track.

class FakeTrack {
  readyState: 'live' | 'ended' = 'live';
  constructor(readonly label: string) {}
  stop() {
    this.readyState = 'ended';
  }
}

class FakeNode {
  readonly targets = new Set<FakeNode>();
  constructor(readonly label: string) {}
  connect(target: FakeNode) {
    this.targets.add(target);
    return target;
  }
  disconnect() {
    this.targets.clear();
  }
}

class FakeContext {
  state = 'running';
  readonly sources: FakeNode[] = [];
  readonly destinations: Array<FakeNode & { stream: { getAudioTracks(): FakeTrack[] }; track: FakeTrack }> = [];
  createMediaStreamSource(stream: { tracks: FakeTrack[] }) {
    const node = new FakeNode(stream.tracks[0]!.label);
    this.sources.push(node);
    return node;
  }
  createMediaStreamDestination() {
    const track = new FakeTrack(`mix-${this.destinations.length}`);
    const node = Object.assign(new FakeNode(track.label), { track, stream: { getAudioTracks: () => [track] } });
    this.destinations.push(node);
    return node;
  }
  async resume() {}
  async close() {
    this.state = 'closed';
  }
}

function legs(): MixerLeg[] {
  return ['b', 'c'].map((id) => ({ id, microphone: new FakeTrack(`mic-${id}`), remote: new FakeTrack(`remote-${id}`) }) as unknown as MixerLeg);
}

function mixer(context: FakeContext) {
  return new ConferenceMixer(legs(), context as unknown as MixerContext, (tracks) => ({ tracks }) as unknown as MediaStream);
}

/** The labels of the inputs connected to the destination whose track is `track`. */
function inputsOf(context: FakeContext, track: MediaStreamTrack): string[] {
  const destination = context.destinations.find((d) => d.track === (track as unknown as FakeTrack))!;
  return context.sources.filter((source) => source.targets.has(destination)).map((source) => source.label).sort();
}

describe('mixPlan', () => {
  test('each leg gets its own microphone and every other party, never its own party', () => {
    expect(mixPlan(['b', 'c', 'd'])).toEqual(
      new Map([
        ['b', { microphone: 'b', remotes: ['c', 'd'] }],
        ['c', { microphone: 'c', remotes: ['b', 'd'] }],
        ['d', { microphone: 'd', remotes: ['b', 'c'] }],
      ]),
    );
  });
});

describe('ConferenceMixer', () => {
  test("B's track carries our voice and C's, C's track ours and B's", () => {
    const context = new FakeContext();
    const mix = mixer(context);
    expect(inputsOf(context, mix.output('b'))).toEqual(['mic-b', 'remote-c']);
    expect(inputsOf(context, mix.output('c'))).toEqual(['mic-c', 'remote-b']);
    expect(mix.output('b')).not.toBe(mix.output('c'));
  });

  test('close stops every mixed track, disconnects the inputs and closes the context, once', async () => {
    const context = new FakeContext();
    const mix = mixer(context);
    const outputs = [mix.output('b'), mix.output('c')] as unknown as FakeTrack[];
    await mix.close();
    await mix.close();
    expect(outputs.map((t) => t.readyState)).toEqual(['ended', 'ended']);
    expect(context.sources.every((source) => source.targets.size === 0)).toBe(true);
    expect(context.state).toBe('closed');
  });

  test('an unknown leg has no output', () => {
    expect(() => mixer(new FakeContext()).output('x')).toThrow(/No mixed track/);
  });
});
