import { describe, expect, it } from 'vitest';
import { SilentStun } from './silent-stun';

describe('SilentStun', () => {
  it('starts trusting the server, marks it silent after a bound with no word from it, and trusts it again once it answers', () => {
    const stun = new SilentStun();
    expect(stun.isSilent).toBe(false);
    stun.noteBoundWithoutServer();
    expect(stun.isSilent).toBe(true);
    stun.noteServerAnswered();
    expect(stun.isSilent).toBe(false);
  });

  it('is not waited for either when gathering completed with nothing from it (no NAT: its answer is a host address)', () => {
    const stun = new SilentStun();
    stun.noteCompleteWithoutServer();
    expect(stun.isSilent).toBe(true);
    stun.noteServerAnswered();
    expect(stun.isSilent).toBe(false);
  });
});
