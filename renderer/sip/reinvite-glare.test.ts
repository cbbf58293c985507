import { describe, expect, it } from 'vitest';
import { reinviteGlareDelayMs } from './reinvite-glare';

describe('reinviteGlareDelayMs', () => {
  it('keeps the Call-ID owner between 2.1 and 4 s', () => {
    expect(reinviteGlareDelayMs(true, () => 0)).toBe(2100);
    expect(reinviteGlareDelayMs(true, () => 0.999999)).toBe(4000);
  });
  it('keeps the other side between 0 and 2 s', () => {
    expect(reinviteGlareDelayMs(false, () => 0)).toBe(0);
    expect(reinviteGlareDelayMs(false, () => 0.999999)).toBe(2000);
  });
  it('moves in 10 ms steps', () => {
    for (let i = 0; i < 50; i++) expect(reinviteGlareDelayMs(i % 2 === 0) % 10).toBe(0);
  });
});
