// A WebRTC step started on a connection that is then closed never settles: the spec's steps
// for createOffer, createAnswer and set*Description "abort" once the connection is closed,
// leaving their promise pending for ever (closed objects drop promises rather than reject
// them, as the WebRTC working group chose: w3c/webrtc-pc#1716), and an ICE gathering wait
// never sees 'complete'.
// Whoever awaits such a step (SIP.js's accept of a call the caller has just cancelled, and the
// phone's one-change-at-a-time focus behind it) would wait for ever: after one CANCEL crossing
// an Answer, no later call could be answered or placed. A handler's steps go through `guard`,
// which rejects them as soon as the handler is closed.

export class ClosedError extends Error {
  constructor() {
    super('The call ended while its media description was being made.');
    this.name = 'ClosedError';
  }
}

export class Closing {
  private closed = false;
  private readonly waiters = new Set<(error: ClosedError) => void>();

  get isClosed(): boolean {
    return this.closed;
  }

  /** Rejects every step under way, and any started later, with ClosedError. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const error = new ClosedError();
    for (const reject of this.waiters) reject(error);
    this.waiters.clear();
  }

  /** `work`'s outcome, or ClosedError once closed, whichever comes first. */
  guard<T>(work: Promise<T>): Promise<T> {
    if (this.closed) {
      work.catch(() => undefined);
      return Promise.reject(new ClosedError());
    }
    return new Promise<T>((resolve, reject) => {
      this.waiters.add(reject);
      work.then(
        (value) => {
          this.waiters.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.waiters.delete(reject);
          reject(error);
        },
      );
    });
  }
}
