// An incoming call made ready while it rings, so that Answer costs what the browser needs and
// nothing more:
// 1. at the INVITE, the far end's offer is applied (setRemoteDescription): no microphone;
// 2. then an audio answer is made (createAnswer) for the directions an audio answer has;
// 3. at the Answer press that answer is set (setLocalDescription) at once: before SIP.js's own
//    chain of promises gets there, and before the page repaints the answered call. Vue renders
//    in a microtask, which runs before any later step of that chain, so setting the answer
//    later would leave the browser idle while the page paints; set first, both go on together.
// SIP.js then finds each step done (the offer applied, the answer set) and sends the 200 OK.
// Video answers take SIP.js's usual path: the camera decides the answer's video m-line.

export class PreparedAnswer {
  private offer: string | undefined;
  private offerApplied = false;
  private made: { answer: RTCSessionDescriptionInit; directions: string } | undefined;
  private work: Promise<void> = Promise.resolve();
  private applying: Promise<boolean> | undefined;

  /**
   * @param shapeAudioAnswer sets the transceivers as an audio answer wants them (the handler's
   *   own updateDirection logic), so the answer made now is the one SIP.js would make later.
   */
  constructor(
    private readonly connection: RTCPeerConnection,
    private readonly shapeAudioAnswer: () => void,
  ) {}

  /** The INVITE's offer: applied now, then the audio answer made. Returns when both are done. */
  prepare(offer: string): Promise<void> {
    const pc = this.connection;
    if (pc.signalingState !== 'stable' || this.offer !== undefined) return this.work;
    this.offer = offer;
    this.work = pc.setRemoteDescription({ type: 'offer', sdp: offer }).then(
      () => {
        this.offerApplied = true;
        return this.makeAnswer();
      },
      async () => {
        // SIP.js applies the offer again on Answer and reports the failure there.
        this.offer = undefined;
        if ((pc.signalingState as RTCSignalingState) === 'have-remote-offer') await pc.setRemoteDescription({ type: 'rollback' }).catch(() => undefined);
      },
    );
    return this.work;
  }

  /**
   * Answer pressed (audio): set the prepared answer as soon as it is made. Idempotent. Returns
   * whether it will be tried: false when no offer was prepared.
   */
  apply(): boolean {
    if (this.applying) return true;
    if (this.offer === undefined) return false;
    const pc = this.connection;
    this.applying = this.work.then(async () => {
      const made = this.made;
      this.made = undefined;
      if (!made || pc.signalingState !== 'have-remote-offer' || made.directions !== directionsOf(pc)) return false;
      await pc.setLocalDescription(made.answer);
      return true;
    });
    // A failure (the call cancelled meanwhile closes the connection) is SIP.js's to report:
    // it awaits this promise in answerAlreadySet().
    this.applying.catch(() => undefined);
    return true;
  }

  /** SIP.js applies `description` as the remote one: whether it is the offer applied here. Once. */
  async offerAlreadyApplied(description: RTCSessionDescriptionInit): Promise<boolean> {
    const offer = this.offer;
    if (offer === undefined || description.type !== 'offer' || description.sdp !== offer) return false;
    this.offer = undefined;
    await this.work;
    return this.offerApplied;
  }

  /** SIP.js is about to make its answer: whether the prepared one was set instead. Once. */
  async answerAlreadySet(): Promise<boolean> {
    const applying = this.applying;
    if (!applying) return false;
    this.applying = undefined;
    return applying;
  }

  /** Whether Answer was pressed and the prepared answer is (being) set. */
  get answering(): boolean {
    return this.applying !== undefined;
  }

  private async makeAnswer(): Promise<void> {
    const pc = this.connection;
    try {
      this.shapeAudioAnswer();
      const directions = directionsOf(pc);
      const answer = await pc.createAnswer();
      if (pc.signalingState === 'have-remote-offer' && directions === directionsOf(pc)) this.made = { answer, directions };
    } catch {
      // Nothing made: SIP.js makes the answer on Answer, as it would have anyway.
    }
  }
}

/** What an answer depends on that can change after it was made: each m-line's direction. */
function directionsOf(pc: RTCPeerConnection): string {
  return pc
    .getTransceivers()
    .map((t) => `${t.mid}:${t.direction}`)
    .join(' ');
}
