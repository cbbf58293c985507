// Which real device a remembered choice means today. Browsers change a device's id across
// sessions, origins and after clearing site data, so a choice keeps its label too: the id is
// tried first, then the label, then the system default. Pure, so the rules are unit-tested.

import type { DeviceChoice } from '../../shared/device-preferences';

export type { DeviceChoice };
export type DeviceKind = 'audioinput' | 'audiooutput' | 'videoinput';

/** What enumerateDevices() says, reduced to what the choice needs. */
export interface KnownDevice {
  kind: DeviceKind;
  deviceId: string;
  label: string;
}

export interface ResolvedDevice {
  /** The id to ask for; undefined means the system default. */
  deviceId: string | undefined;
  label: string;
  matchedBy: 'id' | 'label' | 'default';
}

/** Chromium lists the default (and on Windows the communications device) as pseudo-devices. */
const PSEUDO_IDS = new Set(['default', 'communications', '']);

export function isPseudoDevice(device: Pick<KnownDevice, 'deviceId'>): boolean {
  return PSEUDO_IDS.has(device.deviceId);
}

/** The real devices of one kind, as the settings list them after "System default". */
export function devicesOfKind(devices: readonly KnownDevice[], kind: DeviceKind): KnownDevice[] {
  return devices.filter((device) => device.kind === kind && !isPseudoDevice(device));
}

/**
 * Remembered by id, else by label, else the system default. Before the browser shows labels (no
 * capture allowed yet) the list proves nothing: the remembered id is trusted, and opening it
 * falls back to the default by itself if it is gone (capture-constraints.ts asks it `exact`).
 */
export function resolveDevice(choice: DeviceChoice | null, devices: readonly KnownDevice[], kind: DeviceKind): ResolvedDevice {
  if (choice && !PSEUDO_IDS.has(choice.deviceId) && !labelsKnown(devices)) return { deviceId: choice.deviceId, label: choice.label, matchedBy: 'id' };
  const candidates = devicesOfKind(devices, kind);
  if (choice && !PSEUDO_IDS.has(choice.deviceId)) {
    const byId = candidates.find((device) => device.deviceId === choice.deviceId);
    if (byId) return { deviceId: byId.deviceId, label: byId.label, matchedBy: 'id' };
    const byLabel = choice.label === '' ? undefined : candidates.find((device) => device.label === choice.label);
    if (byLabel) return { deviceId: byLabel.deviceId, label: byLabel.label, matchedBy: 'label' };
  }
  return { deviceId: undefined, label: '', matchedBy: 'default' };
}

/**
 * A device that was in use and is no longer listed (unplugged): the caller falls back to the
 * default and tells the user. A list without labels (no permission yet) proves nothing.
 */
export function vanishedDevice(inUse: ResolvedDevice, devices: readonly KnownDevice[], kind: DeviceKind): boolean {
  if (inUse.deviceId === undefined || !labelsKnown(devices)) return false;
  return !devicesOfKind(devices, kind).some((device) => device.deviceId === inUse.deviceId);
}

/** Whether the browser has shown us the labels (it hides them until a capture was allowed). */
export function labelsKnown(devices: readonly KnownDevice[]): boolean {
  return devices.some((device) => device.label !== '');
}

/** The choice to remember for a device picked in the settings (undefined id: the default). */
export function choiceOf(deviceId: string | undefined, devices: readonly KnownDevice[]): DeviceChoice | null {
  if (deviceId === undefined || PSEUDO_IDS.has(deviceId)) return null;
  const device = devices.find((candidate) => candidate.deviceId === deviceId);
  return { deviceId, label: device?.label ?? '' };
}
