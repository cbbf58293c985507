// The audio and video devices: what the browser lists, what the user chose (remembered in the
// app preferences), and what is in use once both are put together (devices/device-choice.ts).
// The engine is told the capture devices; the call audio and the ringtone read the outputs.
// A device in use that is unplugged falls back to the default, and the user is told.

import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import type { DevicePreferences } from '../../shared/device-preferences';
import { appContext } from '../app-context';
import { canChooseSoundOutput as canChooseSoundOutputs } from '../audio/audio-output';
import type { CaptureDevices } from '../devices/capture-constraints';
import { labelsKnown, resolveDevice, vanishedDevice, type DeviceKind, type KnownDevice, type ResolvedDevice } from '../devices/device-choice';
import { relistWhileLabelsHidden } from '../devices/label-reveal';
import { resolveRinger, soundOutputs } from '../devices/sound-outputs';
import { useErrorsStore } from './errors';
import { usePreferencesStore } from './preferences';

export const DEVICE_LOST_CODE = 'device-lost';

export const useDevicesStore = defineStore('devices', () => {
  const { phone } = appContext();
  const preferences = usePreferencesStore();
  const errors = useErrorsStore();
  const media = globalThis.navigator?.mediaDevices;
  const known = shallowRef<KnownDevice[]>([]);

  const chosen = computed(() => preferences.preferences.devices);
  const microphone = computed(() => resolveDevice(chosen.value.microphone, known.value, 'audioinput'));
  const speaker = computed(() => resolveDevice(chosen.value.speaker, known.value, 'audiooutput'));
  const camera = computed(() => resolveDevice(chosen.value.camera, known.value, 'videoinput'));
  /** Whether the page may send sound to a chosen output (Chromium, Electron; not Firefox before 116, Safari). */
  const canChooseOutput = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
  /** The ringing device: the speaker's unless another was chosen. */
  const ringer = computed(() => resolveRinger(chosen.value.ringer, known.value, speaker.value));
  /** Whether the phone's own sounds (Web Audio) can go to a chosen output: AudioContext.setSinkId. */
  const canChooseSoundOutput = canChooseSoundOutputs();
  /** The outputs of the ringtone and of the call sounds (renderer/audio/sound-routing.ts plays on them). */
  const sounds = computed(() =>
    soundOutputs({ ringer: ringer.value, speaker: speaker.value, ringOnSpeakerToo: chosen.value.ringOnSpeakerToo, canChooseOutput: canChooseSoundOutput }),
  );

  async function refresh(): Promise<void> {
    if (!media?.enumerateDevices) return;
    const listed = await media.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
    known.value = listed.map((device) => ({ kind: device.kind as DeviceKind, deviceId: device.deviceId, label: device.label }));
  }

  /**
   * Device names are hidden until the page was allowed a capture. Asked when the device settings
   * open (the user is about to choose), never otherwise while idle; the probe is stopped at once.
   */
  async function revealLabels(): Promise<void> {
    await refresh();
    if (labelsKnown(known.value) || !media?.getUserMedia) return;
    const wantsCamera = known.value.some((device) => device.kind === 'videoinput');
    const probe = await media.getUserMedia({ audio: true, video: wantsCamera }).catch(() => media.getUserMedia({ audio: true })).catch(() => null);
    for (const track of probe?.getTracks() ?? []) track.stop();
    await refresh();
  }

  async function choose(patch: Partial<DevicePreferences>): Promise<boolean> {
    const current = preferences.preferences;
    return preferences.save({ ...current, devices: { ...current.devices, ...patch } });
  }

  function tellLost(device: ResolvedDevice, kind: DeviceKind | 'ringer'): void {
    const textKeys = { audioinput: 'devices.lost.microphone', audiooutput: 'devices.lost.speaker', videoinput: 'devices.lost.camera', ringer: 'devices.lost.ringer' } as const;
    const textKey = textKeys[kind];
    errors.report({ code: DEVICE_LOST_CODE, textKey, fixKey: 'devices.lost.fix', params: { device: device.label || '?' } });
  }

  const capture = computed<CaptureDevices>(() => ({
    microphoneId: microphone.value.deviceId,
    cameraId: camera.value.deviceId,
    processing: {
      echoCancellation: chosen.value.echoCancellation,
      noiseSuppression: chosen.value.noiseSuppression,
      autoGainControl: chosen.value.autoGainControl,
    },
  }));
  watch(
    capture,
    (next) => {
      void phone.setCaptureDevices(next).then(({ fellBack, cameraFellBack }) => {
        if (fellBack) tellLost(microphone.value, 'audioinput');
        if (cameraFellBack) tellLost(camera.value, 'videoinput');
      });
    },
    { immediate: true, deep: true },
  );

  // Unplugged (or plugged in): what was in use and is gone is replaced by the default through
  // the watch above (a live call switches without renegotiation); the user is told.
  async function onDeviceChange(): Promise<void> {
    // The ringer is named only when it is a device of its own (not "same as speaker").
    const inUse: Array<[ResolvedDevice, DeviceKind, DeviceKind | 'ringer']> = [
      [microphone.value, 'audioinput', 'audioinput'],
      [speaker.value, 'audiooutput', 'audiooutput'],
      [camera.value, 'videoinput', 'videoinput'],
      [ringer.value, 'audiooutput', 'ringer'],
    ];
    await refresh();
    const lost = inUse.find(([device, kind]) => vanishedDevice(device, known.value, kind));
    // The sounds move by themselves: the ringer resolves to the default once it is not listed.
    if (lost) tellLost(lost[0], lost[2]);
  }
  media?.addEventListener?.('devicechange', () => void onDeviceChange());
  // Labels become visible once a call opened the microphone: list again then (label-reveal.ts).
  phone.on(
    'onCallAccepted',
    relistWhileLabelsHidden(
      () => labelsKnown(known.value),
      () => void refresh(),
    ),
  );
  void refresh();

  return { known, microphone, speaker, camera, ringer, sounds, canChooseOutput, canChooseSoundOutput, refresh, revealLabels, choose };
});
