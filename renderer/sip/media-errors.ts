// getUserMedia and getDisplayMedia fail with DOMException names that mean nothing to a user;
// each becomes a PhoneError that says what to check.

import type { PhoneError } from '../../shared/phone-status';

type Device = 'microphone' | 'camera';

const WORDING: Record<Device, Record<'denied' | 'missing' | 'busy', string>> = {
  microphone: {
    denied: 'Microphone access was refused. Allow the microphone for this app in your browser or system privacy settings, then try again.',
    missing: 'No microphone was found. Plug in a headset or microphone, then try again.',
    busy: 'The microphone is in use by another application or could not be started. Close the other application, then try again.',
  },
  camera: {
    denied: 'Camera access was refused; the call goes on with audio. Allow the camera for this app in your browser or system privacy settings to use video.',
    missing: 'No camera was found; the call goes on with audio. Plug in a camera to use video.',
    busy: 'The camera is in use by another application; the call goes on with audio. Close the other application, then turn the camera on again.',
  },
};

function deviceError(error: unknown, device: Device): PhoneError | null {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return { code: `${device}-denied`, message: WORDING[device].denied };
    case 'NotFoundError':
    case 'OverconstrainedError':
      return { code: `${device}-missing`, message: WORDING[device].missing };
    case 'NotReadableError':
    case 'AbortError':
      return { code: `${device}-busy`, message: WORDING[device].busy };
    default:
      return null;
  }
}

export function microphoneError(error: unknown): PhoneError | null {
  return deviceError(error, 'microphone');
}

export function cameraError(error: unknown): PhoneError | null {
  return deviceError(error, 'camera');
}

/**
 * Whether getDisplayMedia() ended because the user chose nothing, which is not a failure and
 * gets no error: a browser's picker Cancel is a NotAllowedError ("Permission denied", unlike the
 * OS refusing, "Permission denied by system"); in the desktop app the main process answers a
 * Cancel in its own picker the only way Electron allows, which the page sees as an AbortError
 * "Invalid capture constraints" (Electron's INVALID_DISPLAY_CAPTURE_CONSTRAINTS), and it explains
 * the refusals that are not a Cancel itself (electron/display-media-handler.ts).
 */
export function isScreenShareCancel(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (name === 'NotAllowedError') return !/system/i.test(text);
  return name === 'AbortError' && /invalid capture constraints/i.test(text);
}

/** getDisplayMedia refused by the OS or the browser, or failed to start (a Cancel is not: isScreenShareCancel). */
export function screenShareError(error: unknown): PhoneError | null {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name !== 'NotAllowedError' && name !== 'SecurityError' && name !== 'AbortError' && name !== 'NotReadableError') return null;
  return {
    code: 'screen-share-denied',
    message: 'Screen sharing did not start. Choose a screen or window to share, or allow screen recording for this app in your system settings.',
  };
}
