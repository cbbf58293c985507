// Notices when the far end's media is gone for good. A far end whose BYE never reached us (the
// server restarted and lost the route, its side crashed, its network vanished) stops answering
// ICE consent checks: Chromium then moves the connection to 'failed' (about 20 s on loopback).
// The call is not ended on the spot: the controller first tries an ICE restart, since a
// changed network recovers that way, and only ends the call if media does not come back.

/** How long 'failed' must last before anything is done (Chromium may flap through it). */
export const MEDIA_FAILED_GRACE_MS = 2_000;
/** After an ICE restart, how long the connection has to come back before the call is ended. */
export const MEDIA_RECOVERY_MS = 10_000;

export interface MediaWatchdogActions {
  /** Try to bring the media back (ICE restart); resolves true when the re-INVITE went through. */
  restartIce(): Promise<boolean>;
  /** Media is not coming back: end the call. */
  giveUp(): void;
}

/** What the watchdog reads of a peer connection. */
export type WatchedConnection = Pick<RTCPeerConnection, 'connectionState' | 'addEventListener' | 'removeEventListener'>;

/** Starts watching; returns the function that stops it (the call's end). */
export function watchMedia(connection: WatchedConnection, actions: MediaWatchdogActions): () => void {
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let recoveryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const clear = () => {
    if (graceTimer !== undefined) clearTimeout(graceTimer);
    if (recoveryTimer !== undefined) clearTimeout(recoveryTimer);
    graceTimer = recoveryTimer = undefined;
  };
  const healthy = () => connection.connectionState === 'connected' || connection.connectionState === 'connecting';
  const onChange = () => {
    if (stopped) return;
    if (connection.connectionState === 'closed') return stop();
    if (healthy()) return clear();
    if (connection.connectionState !== 'failed' || graceTimer !== undefined || recoveryTimer !== undefined) return;
    graceTimer = setTimeout(() => {
      graceTimer = undefined;
      if (stopped || connection.connectionState !== 'failed') return;
      void actions.restartIce().then((sent) => {
        if (stopped) return;
        if (!sent) return actions.giveUp();
        recoveryTimer = setTimeout(() => {
          recoveryTimer = undefined;
          if (!stopped && !healthy()) actions.giveUp();
        }, MEDIA_RECOVERY_MS);
      });
    }, MEDIA_FAILED_GRACE_MS);
  };
  const stop = () => {
    stopped = true;
    clear();
    connection.removeEventListener('connectionstatechange', onChange);
  };
  connection.addEventListener('connectionstatechange', onChange);
  return stop;
}
