// A microphone that says who is speaking: each test browser is started with its own WAV file
// as Chromium's fake audio capture (a steady sine of a frequency of its own), so what a phone
// receives can be traced back to whoever spoke it, through any mixing on the way.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { FAKE_MEDIA_ARGS, launchChromium as launchTestbedChromium } from '../../scripts/testbed/chromium.mjs';

const SAMPLE_RATE = 48_000;

/** A 16-bit mono PCM WAV of a sine at `frequency` Hz (whole cycles, so it loops without a click). */
export function sineWav(frequency: number, seconds = 2, amplitude = 0.3): Buffer {
  const samples = SAMPLE_RATE * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE) * amplitude * 32767), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A browser whose every page's microphone plays a sine at `frequency` Hz. */
export function launchWithTone(frequency: number): Promise<Browser> {
  const file = join(mkdtempSync(join(tmpdir(), 'softphone-tone-')), `tone-${frequency}.wav`);
  writeFileSync(file, sineWav(frequency));
  return launchTestbedChromium({
    headless: true,
    args: [...FAKE_MEDIA_ARGS, `--use-file-for-fake-audio-capture=${file}`],
    audible: true,
    browserAutoplayRule: false,
  });
}
