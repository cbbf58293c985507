// Whether the far end's video is worth drawing. A remote video track outlives the pictures it
// carries: when the far end stops its camera, the track stays but goes muted (or ends), and a
// <video> left on it shows the last frame for ever. The tile follows the track's own events
// instead, so the avatar replaces a frozen frame.

import { onScopeDispose, readonly, ref, watch, type Ref } from 'vue';

const TRACK_EVENTS = ['mute', 'unmute', 'ended'] as const;
const STREAM_EVENTS = ['addtrack', 'removetrack'] as const;

/** A live, unmuted video track: frames are arriving. */
export function showsVideo(stream: MediaStream | null | undefined): boolean {
  return !!stream?.getVideoTracks().some((track) => track.readyState === 'live' && !track.muted);
}

/** Up to two letters for an avatar: first and last word ("Alice Martin" → "AM"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => word !== '');
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  return [first, last]
    .filter((word): word is string => word !== undefined)
    .map((word) => (Array.from(word)[0] ?? '').toLocaleUpperCase())
    .join('');
}

/**
 * Follows `stream()` and says whether it shows video. Whenever `lookAgain()` changes (a new
 * remote media revision, a new snapshot) the tracks are read again: the engine adds tracks to
 * the same stream object from script, which fires no `addtrack`, so only a re-read finds them.
 */
export function useLiveVideo(
  stream: () => MediaStream | null | undefined,
  lookAgain: () => unknown,
): Readonly<Ref<boolean>> {
  const live = ref(false);
  let detach = (): void => undefined;

  function follow(current: MediaStream | null | undefined): void {
    detach();
    const update = (): void => {
      live.value = showsVideo(current);
    };
    if (!current) {
      detach = () => undefined;
      update();
      return;
    }
    const tracks = current.getVideoTracks();
    const refollow = (): void => follow(current);
    for (const track of tracks) for (const name of TRACK_EVENTS) track.addEventListener(name, update);
    for (const name of STREAM_EVENTS) current.addEventListener(name, refollow);
    detach = () => {
      for (const track of tracks) for (const name of TRACK_EVENTS) track.removeEventListener(name, update);
      for (const name of STREAM_EVENTS) current.removeEventListener(name, refollow);
    };
    update();
  }

  watch([stream, lookAgain], ([current]) => follow(current), { immediate: true });
  onScopeDispose(() => detach());
  return readonly(live);
}
