import { describe, expect, it } from 'vitest';
import { kindOf, total, usedBetween } from './browser-cpu';

describe('processor time by kind of Chromium process', () => {
  it('names a service by its interface and keeps the other kinds', () => {
    expect(kindOf('audio.mojom.AudioService')).toBe('audio');
    expect(kindOf('video_capture.mojom.VideoCaptureService')).toBe('video_capture');
    expect(kindOf('renderer')).toBe('renderer');
  });

  it('counts a process that started between the readings from zero, and adds the kinds up', () => {
    const used = usedBetween({ browser: 1000, renderer: 500 }, { browser: 1040, renderer: 620, video_capture: 130 });
    expect(used).toEqual({ browser: 40, renderer: 120, video_capture: 130 });
    expect(total(used)).toBe(290);
  });
});
