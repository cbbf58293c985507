// A three-way (or more) conference held on this phone: the calls stay separate SIP dialogs and
// each far end hears the others through our mixer (conference-mixer.ts). The microphone each
// call opened late (late-media.ts) stays that call's own: the mix replaces it on the sender
// with replaceTrack() (no renegotiation) and gives it back when the conference is over, so a
// call left alone talks exactly as it did before the merge. The members count as one call for
// the "one call un-held" rule (call-focus.ts): they are held, resumed and muted together.

import type { CallSession } from '../../shared/call-session';
import type { PhoneError } from '../../shared/phone-status';
import type { MixerLeg } from '../audio/conference-mixer';

/** What the conference needs of a call (CallController, or a fake in unit tests). */
export interface ConferenceCall {
  readonly id: string;
  readonly snapshot: CallSession;
  isLive(): boolean;
  setHold(hold: boolean): Promise<void>;
  /** Our microphone on this call, once it is in place; undefined when the call has none. */
  microphone(): Promise<MediaStreamTrack | undefined>;
  /** The far end's audio track. */
  remoteAudio(): MediaStreamTrack | undefined;
  /** Puts `track` on the call's audio sender (replaceTrack). */
  sendAudio(track: MediaStreamTrack): Promise<void>;
  markConference(conference: boolean): void;
}

export interface Mixer {
  output(legId: string): MediaStreamTrack;
  close(): Promise<void>;
}

export type ConferenceEnd = 'ended' | 'split' | 'collapsed';

export interface ConferenceDeps {
  createMixer(legs: MixerLeg[]): Mixer;
  started(members: CallSession[]): void;
  ended(members: CallSession[], how: ConferenceEnd): void;
}

/** The merge could not be made; the calls are as they were. */
export class ConferenceRefused extends Error {
  constructor(readonly error: PhoneError) {
    super(error.message);
  }
}

function refused(message: string): ConferenceRefused {
  return new ConferenceRefused({ code: 'conference-failed', message });
}

export class Conference<C extends ConferenceCall> {
  private members: C[] = [];
  private microphones = new Map<string, MediaStreamTrack>();
  private mixer: Mixer | null = null;
  /** Bumped whenever the conference is taken apart: a merge still running then stops. */
  private generation = 0;
  /** The merge went through (and was announced): its end is announced too. */
  private running = false;

  constructor(private readonly deps: ConferenceDeps) {}

  get active(): boolean {
    return this.members.length > 0;
  }

  has(callId: string): boolean {
    return this.members.some((member) => member.id === callId);
  }

  /** The calls that go with `callId` (held, resumed, muted together); [] outside a conference. */
  companionsOf(callId: string): string[] {
    return this.has(callId) ? this.members.filter((member) => member.id !== callId).map((member) => member.id) : [];
  }

  memberIds(): string[] {
    return this.members.map((member) => member.id);
  }

  /**
   * Joins established calls: the held ones are resumed, each gets the mix on its sender, and
   * each snapshot says `conference`. On failure the calls are left separate, one un-held.
   */
  async merge(calls: C[]): Promise<void> {
    if (this.active) throw refused('A conference is already in progress: end it or split it first.');
    if (calls.length < 2) throw refused('A conference needs two calls in progress.');
    if (calls.some((call) => call.snapshot.sipStatus !== 'Established')) throw refused('Only calls that are answered can be merged.');
    const generation = ++this.generation;
    this.members = [...calls];
    const resumed: C[] = [];
    try {
      for (const call of calls) {
        if (call.isLive()) continue;
        await call.setHold(false);
        this.checkStillMerging(generation);
        if (!call.isLive()) throw refused(`The call with ${who(call)} could not be resumed, so the calls were not merged.`);
        resumed.push(call);
      }
      const legs: MixerLeg[] = [];
      for (const call of calls) {
        const microphone = await call.microphone();
        this.checkStillMerging(generation);
        const remote = call.remoteAudio();
        if (!microphone || !remote) throw refused(`The call with ${who(call)} has no audio to mix yet: try again in a moment.`);
        legs.push({ id: call.id, microphone, remote });
        this.microphones.set(call.id, microphone);
      }
      this.mixer = this.deps.createMixer(legs);
      for (const call of calls) await call.sendAudio(this.mixer.output(call.id));
      this.checkStillMerging(generation);
    } catch (error) {
      if (this.generation === generation) {
        await this.takeApart();
        // Back to one un-held call: the ones this merge resumed are held again.
        for (const call of resumed) if (call.isLive() && calls.some((other) => other !== call && other.isLive())) await call.setHold(true).catch(() => undefined);
      }
      throw error instanceof ConferenceRefused ? error : refused(`The calls could not be merged: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.running = true;
    for (const call of calls) call.markConference(true);
    this.deps.started(calls.map((call) => call.snapshot));
  }

  /** Back to separate calls, each with its own microphone again; returns the members. */
  async split(): Promise<C[]> {
    const members = [...this.members];
    await this.dissolve('split');
    return members;
  }

  /** Taken apart before the members are hung up; returns them. */
  async end(): Promise<C[]> {
    const members = [...this.members];
    await this.dissolve('ended');
    return members;
  }

  /** A member's call ended: with one party left, the conference becomes an ordinary call. */
  async callEnded(callId: string): Promise<void> {
    if (!this.has(callId)) return;
    this.members = this.members.filter((member) => member.id !== callId);
    this.microphones.delete(callId);
    if (this.members.length < 2) await this.dissolve('collapsed');
  }

  private checkStillMerging(generation: number): void {
    if (this.generation !== generation || this.members.length < 2) throw refused('A call ended while the calls were being merged.');
  }

  private async dissolve(how: ConferenceEnd): Promise<void> {
    if (!this.active) return;
    const announce = this.running;
    this.running = false;
    const members = await this.takeApart();
    if (!announce) return;
    for (const member of members) member.markConference(false);
    this.deps.ended(members.map((member) => member.snapshot), how);
  }

  /** Each remaining call sends its own microphone again, then the mixer goes. */
  private async takeApart(): Promise<C[]> {
    this.generation += 1;
    const members = this.members;
    const microphones = this.microphones;
    const mixer = this.mixer;
    this.members = [];
    this.microphones = new Map();
    this.mixer = null;
    await Promise.all(
      members.map(async (member) => {
        const microphone = microphones.get(member.id);
        if (microphone && member.snapshot.sipStatus !== 'Terminated') await member.sendAudio(microphone).catch(() => undefined);
      }),
    );
    await mixer?.close();
    return members;
  }
}

function who(call: ConferenceCall): string {
  return call.snapshot.displayName || call.snapshot.number;
}
