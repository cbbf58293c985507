// An outgoing audio call's offer, made while the number is typed (RFC 5245 §12.1 asks to
// gather before the INVITE; this goes one step further): the warm connection gets its audio
// m-line and its local offer at once, so by the time Call is pressed the offer is made, set and
// carries its candidates, and the INVITE only has to be written. The m-line has no track: the
// microphone opens only for the call (late-media.ts), never while the user types.

export interface OfferAhead {
  /** The stream the offer's audio m-line announces (msid): the call's local stream. */
  stream: MediaStream;
  /** Resolves true once the offer is set; false if it could not be (the call makes its own). */
  ready: Promise<boolean>;
  /** performance.now() when the offer was set: ICE gathering for it is timed from there. */
  setAt?: number;
}

export function makeOfferAhead(connection: RTCPeerConnection): OfferAhead {
  const stream = new MediaStream();
  connection.addTransceiver('audio', { direction: 'sendrecv', streams: [stream] });
  const ahead: OfferAhead = { stream, ready: Promise.resolve(false) };
  ahead.ready = connection
    .createOffer()
    .then((offer) => connection.setLocalDescription(offer))
    .then(
      () => {
        ahead.setAt = performance.now();
        return true;
      },
      () => false,
    );
  return ahead;
}
