import { describe, expect, it } from 'vitest';
import { choiceOf, devicesOfKind, labelsKnown, resolveDevice, vanishedDevice, type KnownDevice } from './device-choice';

const mic = (deviceId: string, label: string): KnownDevice => ({ kind: 'audioinput', deviceId, label });
const today: KnownDevice[] = [
  mic('default', 'Default - Headset'),
  mic('id-headset', 'Headset'),
  mic('id-laptop', 'Built-in microphone'),
  { kind: 'audiooutput', deviceId: 'id-headset-out', label: 'Headset' },
];

describe('resolveDevice', () => {
  it('finds a remembered device by its id', () => {
    expect(resolveDevice({ deviceId: 'id-laptop', label: 'Built-in microphone' }, today, 'audioinput')).toEqual({
      deviceId: 'id-laptop',
      label: 'Built-in microphone',
      matchedBy: 'id',
    });
  });

  it('finds it by label when the id changed since (new session, new origin)', () => {
    expect(resolveDevice({ deviceId: 'old-id', label: 'Headset' }, today, 'audioinput')).toEqual({ deviceId: 'id-headset', label: 'Headset', matchedBy: 'label' });
  });

  it('never matches a label across kinds', () => {
    const outputsOnly = today.filter((d) => d.kind === 'audiooutput');
    expect(resolveDevice({ deviceId: 'old-id', label: 'Headset' }, outputsOnly, 'audioinput').matchedBy).toBe('default');
  });

  it('falls back to the default when neither id nor label is there', () => {
    expect(resolveDevice({ deviceId: 'gone', label: 'USB speakerphone' }, today, 'audioinput')).toEqual({ deviceId: undefined, label: '', matchedBy: 'default' });
  });

  it('takes no choice, or the default pseudo-device, as the default', () => {
    expect(resolveDevice(null, today, 'audioinput').matchedBy).toBe('default');
    expect(resolveDevice({ deviceId: 'default', label: 'Default - Headset' }, today, 'audioinput').deviceId).toBeUndefined();
  });

  it('trusts the remembered id while the browser hides labels (nothing can be checked yet)', () => {
    const hidden = [mic('', ''), { kind: 'audiooutput' as const, deviceId: '', label: '' }];
    expect(resolveDevice({ deviceId: 'id-headset', label: 'Headset' }, hidden, 'audioinput')).toEqual({ deviceId: 'id-headset', label: 'Headset', matchedBy: 'id' });
    expect(resolveDevice(null, hidden, 'audioinput').matchedBy).toBe('default');
    expect(vanishedDevice({ deviceId: 'id-headset', label: 'Headset', matchedBy: 'id' }, hidden, 'audioinput')).toBe(false);
  });
});

describe('vanishedDevice', () => {
  it('says so when the device in use is no longer listed', () => {
    const inUse = resolveDevice({ deviceId: 'id-headset', label: 'Headset' }, today, 'audioinput');
    const unplugged = today.filter((d) => d.deviceId !== 'id-headset');
    expect(vanishedDevice(inUse, unplugged, 'audioinput')).toBe(true);
    expect(resolveDevice({ deviceId: 'id-headset', label: 'Headset' }, unplugged, 'audioinput').matchedBy).toBe('default');
  });

  it('does not when it is still there, or when the default was in use', () => {
    const inUse = resolveDevice({ deviceId: 'id-headset', label: 'Headset' }, today, 'audioinput');
    expect(vanishedDevice(inUse, today, 'audioinput')).toBe(false);
    expect(vanishedDevice(resolveDevice(null, today, 'audioinput'), [], 'audioinput')).toBe(false);
  });
});

describe('lists and choices', () => {
  it('lists real devices without the default pseudo-device', () => {
    expect(devicesOfKind(today, 'audioinput').map((d) => d.deviceId)).toEqual(['id-headset', 'id-laptop']);
  });

  it('remembers a picked device with its label, and the default as null', () => {
    expect(choiceOf('id-laptop', today)).toEqual({ deviceId: 'id-laptop', label: 'Built-in microphone' });
    expect(choiceOf(undefined, today)).toBeNull();
    expect(choiceOf('default', today)).toBeNull();
  });

  it('knows whether labels were granted', () => {
    expect(labelsKnown(today)).toBe(true);
    expect(labelsKnown([mic('a', ''), mic('b', '')])).toBe(false);
  });
});
