// A microphone that says who is speaking: each test browser is started with its own WAV file
// as Chromium's fake audio capture (a steady sine of a frequency of its own), so what a phone
// receives can be traced back to whoever spoke it, through any mixing on the way.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { FAKE_MEDIA_ARGS, launchChromium as launchTestbedChromium } from '../../scripts/testbed/chromium.mjs';

const SAMPLE_RATE = 48_000;

/** A 16-bit mono PCM WAV of `samples` (each in -1..1). */
function pcmWav(samples: Float64Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => data.writeInt16LE(Math.round(sample * 32767), i * 2));
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

/** A 16-bit mono PCM WAV of a sine at `frequency` Hz (whole cycles, so it loops without a click). */
export function sineWav(frequency: number, seconds = 2, amplitude = 0.3): Buffer {
  const samples = new Float64Array(SAMPLE_RATE * seconds);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE) * amplitude;
  return pcmWav(samples);
}

// Syllables: 90 ms of a tone, 35 ms of silence, the pitch moving on each time. A steady sine is
// what WebRTC's noise suppression learns as noise and fades out within a second or two; sound
// that stops and changes, as speech does, is let through.
const SYLLABLE_HZ = [320, 540, 410, 760, 610, 880, 470, 680] as const;
const SYLLABLE_MS = 90;
const GAP_MS = 35;
const FADE_MS = 8;

/** Two seconds of syllables (see above), starting and ending in silence so that it loops cleanly. */
export function syllablesWav(amplitude = 0.4): Buffer {
  const samples = new Float64Array(SAMPLE_RATE * 2);
  const perMs = SAMPLE_RATE / 1000;
  for (let start = 0, index = 0; start + (SYLLABLE_MS + GAP_MS) * perMs <= samples.length; start += (SYLLABLE_MS + GAP_MS) * perMs, index++) {
    const frequency = SYLLABLE_HZ[index % SYLLABLE_HZ.length]!;
    const length = SYLLABLE_MS * perMs;
    for (let i = 0; i < length; i++) {
      const fade = Math.min(1, i / (FADE_MS * perMs), (length - i) / (FADE_MS * perMs));
      samples[start + i] = Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE) * amplitude * fade;
    }
  }
  return pcmWav(samples);
}

const microphoneFiles = new Map<string, string>();

/**
 * The Chromium flag that makes every microphone of a browser play `name`'s WAV (written once per
 * test process). Each capture reads the file on its own, so every page of the browser speaks
 * all the time, unlike Chromium's default fake microphone (see browser.ts).
 */
export function microphoneFileArg(name: string, wav: () => Buffer): string {
  let file = microphoneFiles.get(name);
  if (!file) {
    file = join(mkdtempSync(join(tmpdir(), 'softphone-microphone-')), `${name}.wav`);
    writeFileSync(file, wav());
    microphoneFiles.set(name, file);
  }
  return `--use-file-for-fake-audio-capture=${file}`;
}

/** A browser whose every page's microphone plays a sine at `frequency` Hz. */
export function launchWithTone(frequency: number): Promise<Browser> {
  return launchTestbedChromium({
    headless: true,
    args: [...FAKE_MEDIA_ARGS, microphoneFileArg(`tone-${frequency}`, () => sineWav(frequency))],
    audible: true,
    browserAutoplayRule: false,
  });
}
