// Counts the capture tracks (microphone, camera, screen) a page opened and how many are still
// live, without the application exposing anything: getUserMedia and getDisplayMedia are
// wrapped by an init script. A live capture track with no call on screen is a privacy bug.

import type { BrowserContext, Page } from '@playwright/test';

declare global {
  interface Window {
    __captureTracks?: MediaStreamTrack[];
  }
}

export interface CaptureOptions {
  /**
   * Extra time every getUserMedia takes before it resolves, as a slow device would: widens the
   * window in which a call can end while its microphone is still opening.
   */
  getUserMediaDelayMs?: number;
}

export async function instrumentCaptureTracks(context: BrowserContext, options: CaptureOptions = {}): Promise<void> {
  await context.addInitScript((delayMs: number) => {
    const tracks: MediaStreamTrack[] = [];
    window.__captureTracks = tracks;
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const record = (stream: MediaStream) => {
      tracks.push(...stream.getTracks());
      return stream;
    };
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints?: MediaStreamConstraints) => {
      const stream = record(await getUserMedia(constraints));
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return stream;
    };
    const getDisplayMedia = devices.getDisplayMedia?.bind(devices);
    if (getDisplayMedia) devices.getDisplayMedia = async (constraints?: DisplayMediaStreamOptions) => record(await getDisplayMedia(constraints));
  }, options.getUserMediaDelayMs ?? 0);
}

/** Capture tracks the page opened that are still live (readyState 'live'). */
export function liveCaptureTracks(page: Page): Promise<{ live: number; opened: number; kinds: string[] }> {
  return page.evaluate(() => {
    const tracks = window.__captureTracks ?? [];
    const live = tracks.filter((track) => track.readyState === 'live');
    return { live: live.length, opened: tracks.length, kinds: live.map((track) => `${track.kind}:${track.label}`) };
  });
}
