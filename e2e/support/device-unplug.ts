// Chromium's fake devices cannot be unplugged. What the application sees of an unplug is two
// things at its boundary: enumerateDevices() no longer lists the device, and a `devicechange`
// event fires. This init script does exactly that on demand, and nothing else: getUserMedia and
// the tracks stay the browser's own.

import type { BrowserContext, Page } from '@playwright/test';

declare global {
  interface Window {
    __unpluggedLabels?: Set<string>;
  }
}

export async function allowUnplugging(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    if (!devices) return;
    const unplugged = new Set<string>();
    window.__unpluggedLabels = unplugged;
    const enumerate = devices.enumerateDevices.bind(devices);
    devices.enumerateDevices = async () => (await enumerate()).filter((device) => !unplugged.has(device.label));
  });
}

/** The device called `label` disappears from the list, and the page is told devices changed. */
export function unplug(page: Page, label: string): Promise<void> {
  return page.evaluate((name) => {
    window.__unpluggedLabels?.add(name);
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
  }, label);
}
