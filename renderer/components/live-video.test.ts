// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { initials, showsVideo } from './live-video';

describe('initials', () => {
  test.each([
    ['Alice Martin', 'AM'],
    ['  jean   claude  van damme ', 'JD'],
    ['alice', 'A'],
    ['1001', '1'],
    ['Élodie Ørsted', 'ÉØ'],
    ['', '?'],
    ['   ', '?'],
  ])('%j → %j', (name, expected) => expect(initials(name)).toBe(expected));
});

describe('showsVideo', () => {
  function track(): MediaStreamTrack {
    const found = document.createElement('canvas').captureStream().getVideoTracks()[0];
    if (!found) throw new Error('the canvas gave no video track');
    return found;
  }

  test('only a live, unmuted video track shows video', () => {
    expect(showsVideo(null)).toBe(false);
    expect(showsVideo(new MediaStream())).toBe(false);
    const live = track();
    expect(showsVideo(new MediaStream([live]))).toBe(true);
    const muted = track();
    Object.assign(muted, { muted: true });
    expect(showsVideo(new MediaStream([muted]))).toBe(false);
    const ended = track();
    ended.stop();
    expect(showsVideo(new MediaStream([ended]))).toBe(false);
    expect(showsVideo(new MediaStream([muted, ended, live]))).toBe(true);
  });
});
