// The one place where capture constraints are built: the call's first microphone (late media,
// softphone-sdh.ts), a microphone switched or re-opened mid-call, and the camera all ask with
// these, so the chosen device and the processing switches cannot differ between paths.

/** The browser's voice processing, each on by default as getUserMedia has it. */
export interface MicrophoneProcessing {
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

export const DEFAULT_PROCESSING: Readonly<MicrophoneProcessing> = Object.freeze({
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
});

/** The devices the engine captures from, already resolved to today's ids (device-choice.ts). */
export interface CaptureDevices {
  /** undefined: the system default. */
  microphoneId?: string | undefined;
  cameraId?: string | undefined;
  processing: MicrophoneProcessing;
}

export const DEFAULT_CAPTURE: Readonly<CaptureDevices> = Object.freeze({ processing: DEFAULT_PROCESSING });

/**
 * `exact`, not `ideal`: a chosen device that cannot be opened must fail loudly so that the caller
 * can fall back to the default and say so, rather than the browser quietly picking another one.
 */
export function microphoneConstraints(capture: CaptureDevices): MediaTrackConstraints {
  const { echoCancellation, noiseSuppression, autoGainControl } = capture.processing;
  return {
    ...(capture.microphoneId ? { deviceId: { exact: capture.microphoneId } } : {}),
    echoCancellation,
    noiseSuppression,
    autoGainControl,
  };
}

export function cameraConstraints(capture: CaptureDevices): MediaTrackConstraints | true {
  return capture.cameraId ? { deviceId: { exact: capture.cameraId } } : true;
}

export function captureConstraints(capture: CaptureDevices, video: boolean): MediaStreamConstraints {
  return { audio: microphoneConstraints(capture), video: video ? cameraConstraints(capture) : false };
}

/** The same constraints with the device left to the system: what a vanished device falls back to. */
export function withDefaultDevices(constraints: MediaStreamConstraints): MediaStreamConstraints {
  const strip = (c: MediaStreamConstraints['audio']) => {
    if (typeof c !== 'object' || c === null) return c;
    const { deviceId: _dropped, ...rest } = c;
    return Object.keys(rest).length > 0 ? rest : true;
  };
  return { audio: strip(constraints.audio), video: strip(constraints.video) };
}

/** Whether the microphone must be re-opened for the change (a new device or new processing). */
export function microphoneChanged(before: CaptureDevices, after: CaptureDevices): boolean {
  return JSON.stringify(microphoneConstraints(before)) !== JSON.stringify(microphoneConstraints(after));
}

/** Whether a call showing its camera must switch to another one. */
export function cameraChanged(before: CaptureDevices, after: CaptureDevices): boolean {
  return JSON.stringify(cameraConstraints(before)) !== JSON.stringify(cameraConstraints(after));
}

/** getUserMedia's way of saying the exact device is not there (any more). */
export function isMissingDeviceError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'OverconstrainedError' || name === 'NotFoundError' || name === 'NotReadableError';
}
