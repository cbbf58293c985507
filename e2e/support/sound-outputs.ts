// Which outputs the page's sounds are playing on: every AudioContext the page makes is kept,
// with the oscillators started in it and not yet stopped. A context's `sinkId` (Chromium 110+)
// says where it plays ('' : the default output). Chromium's fake outputs cannot be listened
// to one by one, so this is the observable part: the right contexts, on the right outputs,
// sounding while it rings and silent after.

import type { BrowserContext, Page } from '@playwright/test';

declare global {
  interface Window {
    __soundContexts?: Array<{ context: AudioContext; live: Set<AudioScheduledSourceNode> }>;
  }
}

export async function recordSoundOutputs(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const made: Array<{ context: AudioContext; live: Set<AudioScheduledSourceNode> }> = [];
    window.__soundContexts = made;
    const Native = window.AudioContext;
    window.AudioContext = new Proxy(Native, {
      construct(target, args, newTarget) {
        const context = Reflect.construct(target, args, newTarget) as AudioContext;
        made.push({ context, live: new Set() });
        return context;
      },
    });
    const liveOf = (node: AudioScheduledSourceNode) => made.find((entry) => entry.context === node.context)?.live;
    const { start, stop } = OscillatorNode.prototype;
    OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<typeof start>) {
      liveOf(this)?.add(this);
      this.addEventListener('ended', () => liveOf(this)?.delete(this));
      return start.apply(this, args);
    };
    OscillatorNode.prototype.stop = function (this: OscillatorNode, ...args: Parameters<typeof stop>) {
      // A stop is scheduled a fade away: from the page's point of view the sound is ending.
      liveOf(this)?.delete(this);
      return stop.apply(this, args);
    };
  });
}

/** The outputs (sinkIds, sorted; '' is the default) on which an oscillator sounds now. */
export function playingOutputs(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window.__soundContexts ?? [])
      .filter(({ context, live }) => context.state !== 'closed' && live.size > 0)
      .map(({ context }) => String((context as AudioContext & { sinkId?: unknown }).sinkId ?? ''))
      .sort(),
  );
}

/** The id of the output device called `label`. */
export function outputId(page: Page, label: string): Promise<string> {
  return page.evaluate(async (name) => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.find((device) => device.kind === 'audiooutput' && device.label === name)?.deviceId ?? `(no ${name})`;
  }, label);
}
