import { describe, expect, it } from 'vitest';
import { cameraError, isScreenShareCancel, microphoneError, screenShareError } from './media-errors';

function domError(name: string): Error {
  const e = new Error('x');
  e.name = name;
  return e;
}

describe('microphoneError', () => {
  it.each([
    ['NotAllowedError', 'microphone-denied'],
    ['SecurityError', 'microphone-denied'],
    ['NotFoundError', 'microphone-missing'],
    ['OverconstrainedError', 'microphone-missing'],
    ['NotReadableError', 'microphone-busy'],
    ['AbortError', 'microphone-busy'],
  ])('%s -> %s', (name, code) => {
    const error = microphoneError(domError(name));
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(/microphone/i);
  });

  it('leaves errors that are not about the device alone', () => {
    expect(microphoneError(new TypeError('bad'))).toBeNull();
    expect(microphoneError('boom')).toBeNull();
    expect(microphoneError(undefined)).toBeNull();
  });

  it('accepts DOMException-like objects that are not Error instances', () => {
    expect(microphoneError({ name: 'NotAllowedError', message: '' })?.code).toBe('microphone-denied');
  });
});

describe('cameraError', () => {
  it.each([
    ['NotAllowedError', 'camera-denied'],
    ['NotFoundError', 'camera-missing'],
    ['NotReadableError', 'camera-busy'],
  ])('%s -> %s, and says the call goes on with audio', (name, code) => {
    const error = cameraError(domError(name));
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(/goes on with audio/);
  });
});

describe('screenShareError', () => {
  it('explains a refused share', () => {
    expect(screenShareError(domError('NotAllowedError'))?.code).toBe('screen-share-denied');
    expect(screenShareError(domError('TypeError'))).toBeNull();
  });
});

describe('isScreenShareCancel', () => {
  const named = (name: string, message: string) => Object.assign(new Error(message), { name });

  it('is a Cancel in the browser’s picker or in the desktop app’s own', () => {
    expect(isScreenShareCancel(named('NotAllowedError', 'Permission denied'))).toBe(true);
    expect(isScreenShareCancel(named('NotAllowedError', 'Permission denied by user'))).toBe(true);
    // What Electron's setDisplayMediaRequestHandler callback(null) gives the page.
    expect(isScreenShareCancel(named('AbortError', 'Invalid capture constraints'))).toBe(true);
  });

  it('is not the OS refusing, nor a capture that failed to start', () => {
    expect(isScreenShareCancel(named('NotAllowedError', 'Permission denied by system'))).toBe(false);
    expect(isScreenShareCancel(named('AbortError', 'Could not start video source'))).toBe(false);
    expect(isScreenShareCancel(named('NotReadableError', 'Could not start video source'))).toBe(false);
    expect(isScreenShareCancel('Permission denied')).toBe(false);
  });
});
