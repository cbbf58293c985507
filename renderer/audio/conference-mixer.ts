// The Web Audio graph of a conference held on this phone. Each leg (one call) sends what its
// party must hear: our microphone plus every *other* party, never the party's own voice back.
// One AudioContext for the whole conference; each leg gets a MediaStreamAudioDestinationNode
// whose track goes on that call's sender (replaceTrack, no renegotiation). close() stops every
// mixed track and closes the context, so nothing of the conference outlives it.

export interface MixerLeg {
  id: string;
  /** Our microphone as this call opened it (late-media.ts): muting the call disables it. */
  microphone: MediaStreamTrack;
  /** What the party of this call sends us. */
  remote: MediaStreamTrack;
}

/** For each leg, the inputs its mixed track is made of: its own microphone and the other remotes. */
export function mixPlan(legIds: readonly string[]): Map<string, { microphone: string; remotes: string[] }> {
  return new Map(legIds.map((id) => [id, { microphone: id, remotes: legIds.filter((other) => other !== id) }]));
}

/** What the mixer needs of Web Audio (an AudioContext; a fake one in unit tests). */
export interface MixerContext {
  createMediaStreamSource(stream: MediaStream): AudioNode;
  createMediaStreamDestination(): { stream: MediaStream } & AudioNode;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export class ConferenceMixer {
  private readonly outputs = new Map<string, MediaStreamTrack>();
  private readonly sources: AudioNode[] = [];
  private closed = false;

  constructor(
    legs: readonly MixerLeg[],
    private readonly context: MixerContext = new AudioContext() as unknown as MixerContext,
    makeStream: (tracks: MediaStreamTrack[]) => MediaStream = (tracks) => new MediaStream(tracks),
  ) {
    const byId = new Map(legs.map((leg) => [leg.id, leg]));
    const sourceOf = (track: MediaStreamTrack) => {
      const source = context.createMediaStreamSource(makeStream([track]));
      this.sources.push(source);
      return source;
    };
    // One source per input track, shared by every destination that needs it.
    const microphones = new Map(legs.map((leg) => [leg.id, sourceOf(leg.microphone)]));
    const remotes = new Map(legs.map((leg) => [leg.id, sourceOf(leg.remote)]));
    for (const [id, plan] of mixPlan(legs.map((leg) => leg.id))) {
      const destination = context.createMediaStreamDestination();
      microphones.get(plan.microphone)!.connect(destination);
      for (const other of plan.remotes) remotes.get(other)!.connect(destination);
      const track = destination.stream.getAudioTracks()[0];
      if (!track || !byId.has(id)) throw new Error('The conference mixer could not make its audio track.');
      this.outputs.set(id, track);
    }
    // A suspended context (no user gesture yet) would send silence: ask it to run.
    void context.resume().catch(() => undefined);
  }

  /** The mixed track to send on this leg's call. */
  output(legId: string): MediaStreamTrack {
    const track = this.outputs.get(legId);
    if (!track) throw new Error(`No mixed track for ${legId}.`);
    return track;
  }

  /** Stops every mixed track and closes the context; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const track of this.outputs.values()) track.stop();
    for (const source of this.sources) source.disconnect();
    await this.context.close().catch(() => undefined);
  }
}
