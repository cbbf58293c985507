import { describe, expect, it } from 'vitest';
import { resolveDevice, type KnownDevice } from './device-choice';
import { resolveRinger, soundOutputs, SYSTEM_DEFAULT_RINGER } from './sound-outputs';

const output = (deviceId: string, label: string): KnownDevice => ({ kind: 'audiooutput', deviceId, label });
const today: KnownDevice[] = [output('default', 'Default - Speakers'), output('id-headset', 'Headset'), output('id-speakers', 'Speakers')];
const headset = resolveDevice({ deviceId: 'id-headset', label: 'Headset' }, today, 'audiooutput');
const systemDefault = resolveDevice(null, today, 'audiooutput');

describe('resolveRinger', () => {
  it('is the speaker when no ringing device is chosen ("same as speaker")', () => {
    expect(resolveRinger(null, today, headset)).toBe(headset);
  });

  it('can be the system default while the speaker is a headset', () => {
    expect(resolveRinger(SYSTEM_DEFAULT_RINGER, today, headset)).toEqual({ deviceId: undefined, label: '', matchedBy: 'default' });
  });

  it('finds a chosen device by id, then by label, else falls back to the default', () => {
    expect(resolveRinger({ deviceId: 'id-speakers', label: 'Speakers' }, today, headset).deviceId).toBe('id-speakers');
    expect(resolveRinger({ deviceId: 'old-id', label: 'Speakers' }, today, headset)).toMatchObject({ deviceId: 'id-speakers', matchedBy: 'label' });
    const unplugged = today.filter((device) => device.label !== 'Speakers');
    expect(resolveRinger({ deviceId: 'id-speakers', label: 'Speakers' }, unplugged, headset)).toMatchObject({ deviceId: undefined, matchedBy: 'default' });
  });
});

describe('soundOutputs', () => {
  const speakers = resolveDevice({ deviceId: 'id-speakers', label: 'Speakers' }, today, 'audiooutput');

  it('rings on the ringing device and plays call sounds on the speaker', () => {
    expect(soundOutputs({ ringer: speakers, speaker: headset, ringOnSpeakerToo: false, canChooseOutput: true })).toEqual({ ring: ['id-speakers'], call: ['id-headset'] });
  });

  it('rings on both when asked to, ringing device first', () => {
    expect(soundOutputs({ ringer: speakers, speaker: headset, ringOnSpeakerToo: true, canChooseOutput: true })).toEqual({ ring: ['id-speakers', 'id-headset'], call: ['id-headset'] });
    expect(soundOutputs({ ringer: systemDefault, speaker: headset, ringOnSpeakerToo: true, canChooseOutput: true })).toEqual({ ring: ['', 'id-headset'], call: ['id-headset'] });
  });

  it('rings once when the ringing device is the speaker', () => {
    expect(soundOutputs({ ringer: headset, speaker: headset, ringOnSpeakerToo: true, canChooseOutput: true })).toEqual({ ring: ['id-headset'], call: ['id-headset'] });
    expect(soundOutputs({ ringer: systemDefault, speaker: systemDefault, ringOnSpeakerToo: true, canChooseOutput: true })).toEqual({ ring: [''], call: [''] });
  });

  it('plays everything on the default output once where outputs cannot be chosen', () => {
    expect(soundOutputs({ ringer: speakers, speaker: headset, ringOnSpeakerToo: true, canChooseOutput: false })).toEqual({ ring: [''], call: [''] });
  });
});
