import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MEDIA_FAILED_GRACE_MS, MEDIA_RECOVERY_MS, watchMedia, type WatchedConnection } from './media-watchdog';

/** A connection whose state the test moves, with Node's own EventTarget for its events. */
class Connection extends EventTarget {
  connectionState: RTCPeerConnectionState = 'connected';
  moveTo(state: RTCPeerConnectionState): void {
    this.connectionState = state;
    this.dispatchEvent(new Event('connectionstatechange'));
  }
}

function watch(restartSucceeds = true) {
  const connection = new Connection();
  const restartIce = vi.fn(() => Promise.resolve(restartSucceeds));
  const giveUp = vi.fn();
  const stop = watchMedia(connection as unknown as WatchedConnection, { restartIce, giveUp });
  return { connection, restartIce, giveUp, stop };
}

describe('watchMedia', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does nothing while the connection is merely disconnected (it may come back by itself)', async () => {
    const { connection, restartIce, giveUp } = watch();
    connection.moveTo('disconnected');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(restartIce).not.toHaveBeenCalled();
    expect(giveUp).not.toHaveBeenCalled();
  });

  it('ignores a failure that recovers within the grace period', async () => {
    const { connection, restartIce } = watch();
    connection.moveTo('failed');
    await vi.advanceTimersByTimeAsync(MEDIA_FAILED_GRACE_MS - 1);
    connection.moveTo('connected');
    await vi.advanceTimersByTimeAsync(MEDIA_FAILED_GRACE_MS * 2);
    expect(restartIce).not.toHaveBeenCalled();
  });

  it('tries an ICE restart once failure lasts, and keeps the call when media comes back', async () => {
    const { connection, restartIce, giveUp } = watch();
    connection.moveTo('failed');
    await vi.advanceTimersByTimeAsync(MEDIA_FAILED_GRACE_MS);
    expect(restartIce).toHaveBeenCalledTimes(1);
    connection.moveTo('connecting');
    connection.moveTo('connected');
    await vi.advanceTimersByTimeAsync(MEDIA_RECOVERY_MS * 2);
    expect(giveUp).not.toHaveBeenCalled();
  });

  it('gives up when the restart does not bring the media back in time', async () => {
    const { connection, giveUp } = watch();
    connection.moveTo('failed');
    await vi.advanceTimersByTimeAsync(MEDIA_FAILED_GRACE_MS);
    await vi.advanceTimersByTimeAsync(MEDIA_RECOVERY_MS - 1);
    expect(giveUp).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(giveUp).toHaveBeenCalledTimes(1);
  });

  it('gives up at once when the restart cannot even be sent (the far end is unreachable)', async () => {
    const { connection, giveUp } = watch(false);
    connection.moveTo('failed');
    await vi.advanceTimersByTimeAsync(MEDIA_FAILED_GRACE_MS);
    expect(giveUp).toHaveBeenCalledTimes(1);
  });

  it('stops watching when stopped, or once the connection is closed', async () => {
    const stopped = watch();
    stopped.connection.moveTo('failed');
    stopped.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stopped.restartIce).not.toHaveBeenCalled();

    const closed = watch();
    closed.connection.moveTo('closed');
    closed.connection.moveTo('failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(closed.restartIce).not.toHaveBeenCalled();
  });
});
