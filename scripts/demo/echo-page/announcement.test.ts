import { describe, expect, test } from 'vitest';
import { ANNOUNCEMENT, announcementSeconds } from './announcement';

describe('the echo line announcement', () => {
  test('is short: the echo starts within two seconds of the answer', () => {
    expect(announcementSeconds()).toBeGreaterThan(1);
    expect(announcementSeconds()).toBeLessThan(2);
  });

  test('notes follow each other without overlapping, and never clip', () => {
    const ordered = [...ANNOUNCEMENT].sort((a, b) => a.start - b.start);
    ordered.forEach((tone, index) => {
      expect(tone.gain).toBeGreaterThan(0);
      expect(tone.gain).toBeLessThanOrEqual(1);
      const next = ordered[index + 1];
      if (next) expect(tone.start + tone.duration).toBeLessThanOrEqual(next.start);
    });
  });

  test('ends after its last note', () => {
    const last = Math.max(...ANNOUNCEMENT.map((tone) => tone.start + tone.duration));
    expect(announcementSeconds()).toBeGreaterThan(last);
    expect(announcementSeconds([{ frequency: 440, start: 0, duration: 1, gain: 1 }])).toBeCloseTo(1.15);
  });
});
