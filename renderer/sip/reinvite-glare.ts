// RFC 3261 §14.1: after a 491 Request Pending, the side that generated the Call-ID (the
// caller) waits 2.1-4 s and the other side 0-2 s, in 10 ms steps, so that the two retries do
// not collide again.

export function reinviteGlareDelayMs(ownsCallId: boolean, random: () => number = Math.random): number {
  const [min, max] = ownsCallId ? [2100, 4000] : [0, 2000];
  const steps = (max - min) / 10;
  return min + Math.floor(random() * (steps + 1)) * 10;
}
