import { describe, expect, it } from 'vitest';
import { ClosedError, Closing } from './closing';

/** What a WebRTC step on a connection closed meanwhile does: nothing, for ever. */
const never = () => new Promise<string>(() => undefined);

describe('Closing', () => {
  it('passes a step through while open, its value and its failure alike', async () => {
    const closing = new Closing();
    await expect(closing.guard(Promise.resolve('answer'))).resolves.toBe('answer');
    await expect(closing.guard(Promise.reject(new Error('bad sdp')))).rejects.toThrow('bad sdp');
  });

  it('rejects a step that would never settle once closed', async () => {
    const closing = new Closing();
    const step = closing.guard(never());
    closing.close();
    await expect(step).rejects.toBeInstanceOf(ClosedError);
  });

  it('rejects a step started after the close, and keeps the step itself from an unhandled rejection', async () => {
    const closing = new Closing();
    closing.close();
    closing.close();
    const late = Promise.reject(new Error('connection closed'));
    await expect(closing.guard(late)).rejects.toBeInstanceOf(ClosedError);
    expect(closing.isClosed).toBe(true);
  });

  it('leaves a step that settled before the close as it was', async () => {
    const closing = new Closing();
    const step = closing.guard(Promise.resolve('offer'));
    await expect(step).resolves.toBe('offer');
    closing.close();
    await expect(step).resolves.toBe('offer');
  });
});
