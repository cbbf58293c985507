import { describe, expect, it } from 'vitest';
import { SilentStun } from './silent-stun';

describe('SilentStun', () => {
  it('starts trusting the server, marks it silent once a description left with nothing from it (bound or gathering complete), and trusts it again once it answers', () => {
    const stun = new SilentStun();
    expect(stun.isSilent).toBe(false);
    stun.noteNothingFromServer();
    expect(stun.isSilent).toBe(true);
    stun.noteServerAnswered();
    expect(stun.isSilent).toBe(false);
  });
});
