// Keeps the sound module's outputs on the devices the user chose (stores/devices.ts): a new
// choice, or a ringing device unplugged and fallen back to the default, moves the sounds.

import type { Pinia } from 'pinia';
import { watch } from 'vue';
import { useDevicesStore } from '../stores/devices';
import { setSoundOutputs } from './sound-routing';

export function followSoundDevices(pinia: Pinia): () => void {
  const devices = useDevicesStore(pinia);
  return watch(() => devices.sounds, setSoundOutputs, { immediate: true });
}
