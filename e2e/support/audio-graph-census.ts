// Counts what Web Audio a page made and still holds: AudioContexts not closed, and the tracks
// of MediaStreamAudioDestinationNodes (a conference's mixed tracks) still live. An init script
// wraps the constructor and the factory; the application exposes nothing for it.

import type { BrowserContext, Page } from '@playwright/test';

declare global {
  interface Window {
    __audioCensus?: { contexts: BaseAudioContext[]; mixedTracks: MediaStreamTrack[] };
  }
}

export async function instrumentAudioGraph(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const census = { contexts: [] as BaseAudioContext[], mixedTracks: [] as MediaStreamTrack[] };
    window.__audioCensus = census;
    const Native = window.AudioContext;
    window.AudioContext = new Proxy(Native, {
      construct(target, args: unknown[], newTarget: new (...rest: unknown[]) => object) {
        const made = Reflect.construct(target, args, newTarget) as AudioContext;
        census.contexts.push(made);
        return made;
      },
    });
    const createDestination = Native.prototype.createMediaStreamDestination;
    Native.prototype.createMediaStreamDestination = function (this: AudioContext) {
      const node = createDestination.call(this);
      census.mixedTracks.push(...node.stream.getTracks());
      return node;
    };
  });
}

export function audioGraphCensus(page: Page): Promise<{ openContexts: number; liveMixedTracks: number }> {
  return page.evaluate(() => {
    const census = window.__audioCensus ?? { contexts: [], mixedTracks: [] };
    return {
      openContexts: census.contexts.filter((context) => context.state !== 'closed').length,
      liveMixedTracks: census.mixedTracks.filter((track) => track.readyState === 'live').length,
    };
  });
}
