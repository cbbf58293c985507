// The capture devices every call of this page opens (microphone, camera, voice processing),
// already resolved to today's device ids by the devices store. A page has one phone, so this is
// one value: the engine sets it (PhoneApi.setCaptureDevices) and the late microphone, the answer,
// the camera and a mid-call switch all build their constraints from it (capture-constraints.ts).

import { DEFAULT_CAPTURE, type CaptureDevices } from '../devices/capture-constraints';

let current: CaptureDevices = DEFAULT_CAPTURE;

export function captureInUse(): CaptureDevices {
  return current;
}

export function setCaptureInUse(next: CaptureDevices): CaptureDevices {
  const before = current;
  current = { ...next, processing: { ...next.processing } };
  return before;
}
