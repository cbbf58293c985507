import { describe, expect, it } from 'vitest';
import {
  cameraChanged,
  cameraConstraints,
  captureConstraints,
  DEFAULT_CAPTURE,
  DEFAULT_PROCESSING,
  isMissingDeviceError,
  microphoneChanged,
  microphoneConstraints,
  withDefaultDevices,
} from './capture-constraints';

describe('capture constraints', () => {
  it('asks the default microphone with the processing switches', () => {
    expect(microphoneConstraints(DEFAULT_CAPTURE)).toEqual({ echoCancellation: true, noiseSuppression: true, autoGainControl: true });
  });

  it('asks a chosen microphone exactly, with its processing', () => {
    const capture = { microphoneId: 'mic-2', processing: { echoCancellation: false, noiseSuppression: true, autoGainControl: false } };
    expect(microphoneConstraints(capture)).toEqual({ deviceId: { exact: 'mic-2' }, echoCancellation: false, noiseSuppression: true, autoGainControl: false });
  });

  it('adds the camera only for a video call', () => {
    const capture = { cameraId: 'cam-1', processing: DEFAULT_PROCESSING };
    expect(captureConstraints(capture, false).video).toBe(false);
    expect(captureConstraints(capture, true).video).toEqual({ deviceId: { exact: 'cam-1' } });
    expect(cameraConstraints(DEFAULT_CAPTURE)).toBe(true);
  });

  it('falls back to the default devices but keeps the processing', () => {
    const constraints = captureConstraints({ microphoneId: 'gone', cameraId: 'gone', processing: { ...DEFAULT_PROCESSING, echoCancellation: false } }, true);
    expect(withDefaultDevices(constraints)).toEqual({
      audio: { echoCancellation: false, noiseSuppression: true, autoGainControl: true },
      video: true,
    });
    expect(withDefaultDevices({ audio: true, video: false })).toEqual({ audio: true, video: false });
  });

  it('re-opens the microphone only for a new device or new processing', () => {
    const before = { microphoneId: 'a', cameraId: 'x', processing: DEFAULT_PROCESSING };
    expect(microphoneChanged(before, { ...before, cameraId: 'y' })).toBe(false);
    expect(microphoneChanged(before, { ...before, microphoneId: 'b' })).toBe(true);
    expect(microphoneChanged(before, { ...before, processing: { ...DEFAULT_PROCESSING, noiseSuppression: false } })).toBe(true);
  });

  it('switches the camera only for another camera', () => {
    const before = { microphoneId: 'a', cameraId: 'x', processing: DEFAULT_PROCESSING };
    expect(cameraChanged(before, { ...before, microphoneId: 'b', processing: { ...DEFAULT_PROCESSING, echoCancellation: false } })).toBe(false);
    expect(cameraChanged(before, { ...before, cameraId: 'y' })).toBe(true);
    expect(cameraChanged(before, { ...before, cameraId: undefined })).toBe(true);
    expect(cameraChanged(DEFAULT_CAPTURE, { ...DEFAULT_CAPTURE })).toBe(false);
  });

  it('tells a missing device apart from a refusal', () => {
    expect(isMissingDeviceError(new DOMException('x', 'OverconstrainedError'))).toBe(true);
    expect(isMissingDeviceError(new DOMException('x', 'NotFoundError'))).toBe(true);
    expect(isMissingDeviceError(new DOMException('x', 'NotAllowedError'))).toBe(false);
  });
});
