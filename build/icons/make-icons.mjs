// Draws the application icon (a white telephone handset on a green disc) and writes it as
// PNG files at the sizes electron-builder uses, and at 32 px as the page's icon
// (renderer/public/favicon-32.png): `node build/icons/make-icons.mjs`. The PNGs are committed;
// this script is how they were made and how to remake them.
// The page's icon is a small PNG, not an SVG: Chromium gives the page's icon to the media session
// a call's <audio> starts, and rasterising an SVG icon there took the browser process 10-25 ms
// on every call, in the middle of its set-up (BENCH_TRACE=1 npm run bench showed it).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [512, 256];
const FAVICON_SIZE = 32;
const here = path.dirname(fileURLToPath(import.meta.url));
const favicon = path.join(here, '..', '..', 'renderer', 'public', `favicon-${FAVICON_SIZE}.png`);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (row-major, 4 bytes each) to a PNG file. */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0; // filter type None
    rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Signed distances (negative inside) in a space where the disc has radius 1.
const disc = (x, y) => Math.hypot(x, y) - 0.94;

/**
 * A white glyph on a coloured disc, anti-aliased, as a PNG: the app icon and every tray icon.
 * `glyph(x, y)` is the glyph's signed distance in disc units; `colour` the disc's [r, g, b].
 */
export function renderDiscIcon(size, colour, glyph) {
  const pixels = Buffer.alloc(size * size * 4);
  const pixel = 2 / size; // one pixel in icon units, for anti-aliased edges
  const coverage = (distance) => Math.min(1, Math.max(0, 0.5 - distance / pixel));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = ((px + 0.5) / size) * 2 - 1;
      const y = ((py + 0.5) / size) * 2 - 1;
      const background = coverage(disc(x, y));
      const mark = coverage(glyph(x, y)) * background;
      const offset = (py * size + px) * 4;
      for (let channel = 0; channel < 3; channel++) {
        pixels[offset + channel] = Math.round(colour[channel] + (0xff - colour[channel]) * mark);
      }
      pixels[offset + 3] = Math.round(255 * background);
    }
  }
  return encodePng(size, size, pixels);
}

export function handset(x, y) {
  // Rotate so the handset lies diagonally, earpiece top-left, mouthpiece bottom-right.
  const angle = Math.PI / 4;
  const u = x * Math.cos(angle) + y * Math.sin(angle);
  const v = -x * Math.sin(angle) + y * Math.cos(angle) + 0.3;
  const radius = 0.56;
  const theta = Math.atan2(v, u);
  const start = Math.PI * 0.12;
  const end = Math.PI * 0.88;
  // The grip: a thick arc of the circle below the centre, between `start` and `end`.
  const grip = theta >= start && theta <= end ? Math.abs(Math.hypot(u, v) - radius) - 0.11 : Infinity;
  // The ear and mouth pieces: discs at both ends of the arc.
  const cap = (t) => Math.hypot(u - radius * Math.cos(t), v - radius * Math.sin(t)) - 0.2;
  return Math.min(grip, cap(start), cap(end));
}

/** Green (#1e9e5a) disc, white handset. */
const APP_ICON_COLOUR = [0x1e, 0x9e, 0x5a];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const size of SIZES) {
    const file = path.join(here, `${size}x${size}.png`);
    writeFileSync(file, renderDiscIcon(size, APP_ICON_COLOUR, handset));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
  writeFileSync(favicon, renderDiscIcon(FAVICON_SIZE, APP_ICON_COLOUR, handset));
  console.log(`wrote ${path.relative(process.cwd(), favicon)}`);
}
