import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Chromium gives a page's icon to the media session that a call's <audio> starts, at every call;
// an SVG icon was rasterised there, 10-25 ms of the browser process's main thread in the middle
// of the call's set-up (bench, BENCH_TRACE=1). A small PNG costs it nothing measurable.

const root = join(__dirname, '..', '..');
const html = readFileSync(join(root, 'renderer', 'index.html'), 'utf8');

function iconLinks(): Array<Record<string, string>> {
  return [...html.matchAll(/<link\b([^>]*)>/g)]
    .map(([, attributes]) => Object.fromEntries([...attributes!.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, value!])))
    .filter((attributes) => attributes.rel?.split(/\s+/).includes('icon'));
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("the page's icon", () => {
  it('is one small PNG whose declared size is its real size', () => {
    const links = iconLinks();
    expect(links).toHaveLength(1);
    const [link] = links;
    expect(link!.type).toBe('image/png');
    const file = readFileSync(join(root, 'renderer', 'public', link!.href!.replace(/^\.\//, '')));
    const { width, height } = pngSize(file);
    expect(link!.sizes).toBe(`${width}x${height}`);
    expect(width).toBeLessThanOrEqual(64);
    expect(height).toBe(width);
  });
});
