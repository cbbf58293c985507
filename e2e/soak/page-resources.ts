// What a page holds on to, read the way Chrome's own DevTools would: DOM nodes, event listeners,
// JS heap and documents from the DevTools Protocol after a forced garbage collection, plus the
// capture tracks still live and the peer connections not yet closed. The instrumentation keeps
// only what is still open, so the soak does not itself retain 200 calls' worth of objects.

import { writeFile } from 'node:fs/promises';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import '../support/browser';

declare global {
  interface Window {
    /** Capture tracks (getUserMedia, getDisplayMedia) not yet seen ended. */
    __soakCaptureTracks?: MediaStreamTrack[];
  }
}

export interface PageResources {
  nodes: number;
  listeners: number;
  heapBytes: number;
  documents: number;
  liveTracks: number;
  openPeerConnections: number;
}

/**
 * Wraps getUserMedia/getDisplayMedia and RTCPeerConnection in every page of `context`. It also
 * fills `window.__peerConnections`, which support/media-stats.ts reads for getStats(); ended
 * tracks and closed connections are dropped whenever a new one is made.
 */
export async function instrumentPageResources(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    let tracks: MediaStreamTrack[] = [];
    let connections: RTCPeerConnection[] = [];
    Object.defineProperty(window, '__soakCaptureTracks', { get: () => tracks, configurable: true });
    Object.defineProperty(window, '__peerConnections', { get: () => connections, configurable: true });
    const devices = navigator.mediaDevices;
    if (devices) {
      const record = (stream: MediaStream): MediaStream => {
        tracks = tracks.filter((track) => track.readyState === 'live');
        tracks.push(...stream.getTracks());
        return stream;
      };
      const getUserMedia = devices.getUserMedia.bind(devices);
      devices.getUserMedia = async (constraints?: MediaStreamConstraints) => record(await getUserMedia(constraints));
      const getDisplayMedia = devices.getDisplayMedia?.bind(devices);
      if (getDisplayMedia) devices.getDisplayMedia = async (options?: DisplayMediaStreamOptions) => record(await getDisplayMedia(options));
    }
    const native = window.RTCPeerConnection;
    window.RTCPeerConnection = new Proxy(native, {
      construct(target, args: unknown[], newTarget: new (...rest: unknown[]) => object) {
        const connection = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
        connections = connections.filter((open) => open.connectionState !== 'closed' && open.signalingState !== 'closed');
        connections.push(connection);
        return connection;
      },
    });
  });
}

export async function openMetrics(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

/** Live tracks and open connections, without touching the heap. */
export function liveMedia(page: Page): Promise<{ liveTracks: number; openPeerConnections: number }> {
  return page.evaluate(() => ({
    liveTracks: (window.__soakCaptureTracks ?? []).filter((track) => track.readyState === 'live').length,
    // The one kept for the next incoming call (spare-connection.ts) holds nothing: no transceiver,
    // no description. It is not a call's connection left behind, so it is not counted.
    openPeerConnections: (window.__peerConnections ?? []).filter(
      (connection) =>
        connection.connectionState !== 'closed' &&
        connection.signalingState !== 'closed' &&
        (connection.getTransceivers().length > 0 || connection.localDescription !== null || connection.remoteDescription !== null),
    ).length,
  }));
}

/** Everything at once, after the garbage collector ran (twice: finalizers free more on the second pass). */
export async function readPageResources(page: Page, cdp: CDPSession): Promise<PageResources> {
  const media = await liveMedia(page);
  for (let pass = 0; pass < 2; pass++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number => {
    const found = metrics.find((entry) => entry.name === name);
    if (!found) throw new Error(`Chrome reported no ${name} metric`);
    return found.value;
  };
  return {
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    heapBytes: metric('JSHeapUsedSize'),
    documents: metric('Documents'),
    ...media,
  };
}

export function formatResources(label: string, r: PageResources): string {
  return `${label}: ${r.nodes} nodes, ${r.listeners} listeners, ${(r.heapBytes / 1024).toFixed(0)} KB heap, ${r.documents} documents, ${r.liveTracks} live tracks, ${r.openPeerConnections} open peer connections`;
}

/** A heap snapshot DevTools can open (Memory tab, Load), written to `path`. */
export async function writeHeapSnapshot(cdp: CDPSession, path: string): Promise<void> {
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }): void => {
    chunks.push(chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  }
  await writeFile(path, chunks.join(''));
}
