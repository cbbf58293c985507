// Measurements shared by both page agents, so ours and the baseline are timed identically.
import { probeRegistry } from './probe-registry';

/** How often getStats() is polled for the first inbound audio packet. */
const AUDIO_POLL_MS = 5;
/** Long enough for a softphone that waits out an unreachable STUN server (Chromium gives up after ~40 s). */
export const STEP_TIMEOUT_MS = 90_000;

/** Polls `check` until it returns a value (resolves with it) or throws (rejects). */
export function waitUntil<T>(what: string, check: () => T | undefined, pollMs = 5, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const tick = (): void => {
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        return reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (value !== undefined) return resolve(value);
      if (performance.now() > deadline) return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      setTimeout(tick, pollMs);
    };
    tick();
  });
}

/** When the INVITE of this call reached the page's WebSocket (the first one, not re-INVITEs). */
export function inviteArrival(callId: string): Promise<number> {
  return waitUntil(`the INVITE of ${callId}`, () => probeRegistry().inviteArrivals.find((a) => a.callId === callId)?.at);
}

/**
 * performance.now() at the first getStats() poll, from now on, that shows an inbound audio
 * packet on an open peer connection. Connections without a remote description are skipped
 * without calling getStats(): no media can flow before the answer is applied, and polling
 * during set-up would only load the page being measured. (Connections made before the call
 * count: ours makes them ahead of the call — warmed up while the number is typed, or prepared
 * while an incoming call rings; the previous call's are closed before the next one starts.)
 */
export function firstInboundAudio(): Promise<number> {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + STEP_TIMEOUT_MS;
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      if (performance.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`no inbound audio within ${STEP_TIMEOUT_MS} ms`));
        return;
      }
      const candidates = probeRegistry()
        .peerConnections.filter((t) => t.pc.signalingState !== 'closed' && t.pc.remoteDescription !== null)
        .map((t) => t.pc);
      if (candidates.length === 0) return;
      polling = true;
      void Promise.all(candidates.map((pc) => pc.getStats()))
        .then((reports) => {
          const at = performance.now();
          if (reports.some(hasInboundAudio)) {
            clearInterval(timer);
            resolve(at);
          }
        })
        .catch((error: unknown) => {
          clearInterval(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        })
        .finally(() => {
          polling = false;
        });
    }, AUDIO_POLL_MS);
  });
}

function hasInboundAudio(report: RTCStatsReport): boolean {
  for (const stats of report.values()) {
    const s = stats as { type?: string; kind?: string; packetsReceived?: number };
    if (s.type === 'inbound-rtp' && s.kind === 'audio' && (s.packetsReceived ?? 0) > 0) return true;
  }
  return false;
}

/** When this page sent the 200 OK to the INVITE of this Call-ID (waits for it). */
export function okSent(callId: string): Promise<number> {
  return waitUntil(`the 200 OK of ${callId}`, () => probeRegistry().sent.find((m) => m.kind === 'invite-ok' && m.callId === callId)?.at);
}

/** Resolves after `ms` (the time a person takes to type a number). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
