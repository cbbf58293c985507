import { describe, expect, test } from 'vitest';
import { cadenceEnvelope, cycleMs, dtmfFrequencies, dtmfTone, ringtoneGain, TONES } from './tones';

const RATE = 8000;

/** The "on" stretches of an envelope, as [startMs, durationMs] rounded to the millisecond. */
function bursts(envelope: Float32Array, rate = RATE): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= envelope.length; i++) {
    const on = i < envelope.length && envelope[i]! > 0;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      found.push([Math.round((start * 1000) / rate), Math.round(((i - start) * 1000) / rate)]);
      start = -1;
    }
  }
  return found;
}

describe('DTMF feedback', () => {
  test.each([
    ['1', 697, 1209], ['2', 697, 1336], ['3', 697, 1477], ['A', 697, 1633],
    ['4', 770, 1209], ['5', 770, 1336], ['6', 770, 1477], ['B', 770, 1633],
    ['7', 852, 1209], ['8', 852, 1336], ['9', 852, 1477], ['C', 852, 1633],
    ['*', 941, 1209], ['0', 941, 1336], ['#', 941, 1477], ['D', 941, 1633],
  ])('key %s is the pair %i Hz + %i Hz', (key, low, high) => {
    expect(dtmfFrequencies(key)).toEqual([low, high]);
    expect(dtmfTone(key)).toMatchObject({ frequencies: [low, high], repeat: 1 });
  });

  test('is short, and only for keypad keys', () => {
    expect(cycleMs(dtmfTone('5')!)).toBeLessThanOrEqual(150);
    expect(dtmfFrequencies('d')).toEqual([941, 1633]);
    for (const other of [',', 'E', '', '12', ' ']) expect(dtmfTone(other)).toBeNull();
  });
});

describe('cadences', () => {
  test('the ringtone is a two-tone double ring: 0.4 s on, 0.2 s off, 0.4 s on, 2 s off, looping', () => {
    expect(TONES.ringtone).toMatchObject({ frequencies: [660, 880], repeat: true });
    const envelope = cadenceEnvelope(TONES.ringtone, RATE);
    expect(envelope.length).toBe(3 * RATE);
    expect(bursts(envelope)).toEqual([[0, 400], [600, 400]]);
  });

  test('ringback is the European 425 Hz, 1 s on, 4 s off', () => {
    expect(TONES.ringback).toMatchObject({ frequencies: [425], repeat: true });
    expect(bursts(cadenceEnvelope(TONES.ringback, RATE))).toEqual([[0, 1000]]);
    expect(cycleMs(TONES.ringback)).toBe(5000);
  });

  test('call waiting beeps twice every few seconds, at other frequencies than the ringtone', () => {
    expect(TONES['call-waiting'].repeat).toBe(true);
    expect(cycleMs(TONES['call-waiting'])).toBeLessThanOrEqual(5000);
    expect(bursts(cadenceEnvelope(TONES['call-waiting'], RATE))).toEqual([[0, 200], [400, 200]]);
    for (const frequency of TONES['call-waiting'].frequencies) expect(TONES.ringtone.frequencies).not.toContain(frequency);
    expect(TONES['call-waiting'].level).toBeLessThan(TONES.ringtone.level);
  });

  test('busy, failed and hang-up are short tones that end by themselves', () => {
    expect(bursts(cadenceEnvelope(TONES.busy, RATE))).toEqual([[0, 500], [1000, 500], [2000, 500]]);
    expect(TONES.busy.frequencies).toEqual([425]);
    expect(bursts(cadenceEnvelope(TONES.failed, RATE))).toHaveLength(4);
    for (const name of ['busy', 'failed', 'hang-up', 'auto-answer'] as const) {
      const spec = TONES[name];
      expect(spec.repeat, name).not.toBe(true);
      expect(cycleMs(spec) * (spec.repeat as number), name).toBeLessThanOrEqual(3000);
    }
  });

  test('every burst fades in and out instead of clicking, and never exceeds full level', () => {
    const envelope = cadenceEnvelope(TONES.ringtone, RATE);
    expect(envelope[0]).toBeGreaterThan(0);
    expect(envelope[0]).toBeLessThan(0.5);
    expect(envelope[Math.round(0.2 * RATE)]).toBe(1);
    expect(envelope[Math.round(0.4 * RATE) - 1]).toBeLessThan(0.5);
    expect(Math.max(...envelope)).toBe(1);
    expect(Math.min(...envelope)).toBe(0);
    for (const spec of Object.values(TONES)) expect(spec.level).toBeLessThanOrEqual(0.5);
  });
});

describe('ringtone volume', () => {
  test('0 % is silent, 100 % is full level, and the curve rises all the way', () => {
    expect(ringtoneGain(0)).toBe(0);
    expect(ringtoneGain(100)).toBe(1);
    expect(ringtoneGain(50)).toBeCloseTo(0.25);
    for (let volume = 1; volume <= 100; volume++) expect(ringtoneGain(volume)).toBeGreaterThan(ringtoneGain(volume - 1));
  });

  test('reads anything out of range as the nearest end', () => {
    expect(ringtoneGain(-5)).toBe(0);
    expect(ringtoneGain(Number.NaN)).toBe(0);
    expect(ringtoneGain(250)).toBe(1);
  });
});
