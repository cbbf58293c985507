// Plays a MediaStream in an <audio> or <video> element and lets go of it when the element goes
// away. A media element that still has a stream as its source counts as busy for the browser
// (Chromium: a "pending activity"), so removing it from the page is not enough: the detached
// element, its stream and the whole detached panel around it stay in memory for as long as the
// page lives (measured: +315 DOM nodes and +6 listeners per audio call, e2e/soak/).

import { onScopeDispose, watch, type Ref } from 'vue';

export interface MediaSourceOptions {
  /** Never heard (a video tile whose sound another element plays, a self-view). */
  muted?: boolean;
}

/** Stops playback and drops the source, so the browser can free the element and the stream. */
export function releaseMediaElement(element: HTMLMediaElement): void {
  try {
    element.pause();
  } catch {
    // An element that cannot pause is not playing.
  }
  element.srcObject = null;
  if (element.hasAttribute('src')) element.removeAttribute('src');
  try {
    // With no source, load() takes the element back to NETWORK_EMPTY and releases its player.
    element.load();
  } catch {
    // Nothing loaded, nothing to release.
  }
}

/**
 * Keeps `element.srcObject` on `stream()` (re-attached whenever either changes); an element
 * that is replaced (v-if) or unmounted with its component is released first.
 */
export function useMediaSource(
  element: Readonly<Ref<HTMLMediaElement | null>>,
  stream: () => MediaStream | null | undefined,
  options: MediaSourceOptions = {},
): void {
  let attached: HTMLMediaElement | null = null;
  watch(
    [element, stream],
    ([current, source]) => {
      if (attached && attached !== current) releaseMediaElement(attached);
      attached = current;
      if (!current) return;
      if (options.muted) current.muted = true;
      if (current.srcObject !== (source ?? null)) current.srcObject = source ?? null;
    },
    { immediate: true, flush: 'post' },
  );
  onScopeDispose(() => {
    if (attached) releaseMediaElement(attached);
    attached = null;
  });
}

type SinkElement = HTMLMediaElement & { setSinkId?: (id: string) => Promise<void>; sinkId?: string };

/**
 * Sends the element's sound to the output `sinkId()` (undefined: the default), following its
 * changes. An output that cannot be used (unplugged meanwhile) leaves the sound on the default.
 * Where setSinkId does not exist (Safari, older Firefox) the sound stays on the default output.
 */
export function useSinkId(element: Readonly<Ref<HTMLMediaElement | null>>, sinkId: () => string | undefined): void {
  watch(
    [element, sinkId],
    ([current, id]) => {
      const target = current as SinkElement | null;
      if (!target?.setSinkId) return;
      const wanted = id ?? '';
      if (target.sinkId === wanted) return;
      void target.setSinkId(wanted).catch(() => target.setSinkId?.('').catch(() => undefined));
    },
    { immediate: true, flush: 'post' },
  );
}
