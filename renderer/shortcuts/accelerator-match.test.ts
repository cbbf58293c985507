import { describe, expect, it } from 'vitest';
import { matchesAccelerator, parseAccelerator } from './accelerator-match';

const key = (over: Partial<Parameters<typeof matchesAccelerator>[0]>) => ({
  key: 'a', code: 'KeyA', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over,
});

describe('matchesAccelerator', () => {
  it('maps CommandOrControl to Ctrl off macOS and to Cmd on macOS', () => {
    const ev = key({ key: 'A', ctrlKey: true, shiftKey: true });
    expect(matchesAccelerator(ev, 'CommandOrControl+Shift+A', false)).toBe(true);
    expect(matchesAccelerator(ev, 'CommandOrControl+Shift+A', true)).toBe(false);
    expect(matchesAccelerator(key({ key: 'A', metaKey: true, shiftKey: true }), 'CmdOrCtrl+Shift+A', true)).toBe(true);
  });

  it('needs exactly the modifiers of the accelerator', () => {
    expect(matchesAccelerator(key({ ctrlKey: true }), 'CommandOrControl+Shift+A', false)).toBe(false);
    expect(matchesAccelerator(key({ ctrlKey: true, shiftKey: true, altKey: true }), 'CommandOrControl+Shift+A', false)).toBe(false);
  });

  it('compares letters by physical key, whatever the layout prints', () => {
    expect(matchesAccelerator(key({ key: 'q', code: 'KeyA', ctrlKey: true, shiftKey: true }), 'Ctrl+Shift+A', false)).toBe(true);
  });

  it('understands named keys', () => {
    expect(matchesAccelerator(key({ key: 'Escape', code: 'Escape' }), 'Esc', false)).toBe(true);
    expect(matchesAccelerator(key({ key: ' ', code: 'Space', altKey: true }), 'Alt+Space', false)).toBe(true);
  });

  it('rejects unknown modifiers and empty accelerators', () => {
    expect(parseAccelerator('Hyper+A', false)).toBeNull();
    expect(parseAccelerator('', false)).toBeNull();
    expect(matchesAccelerator(key({}), 'Hyper+A', false)).toBe(false);
  });
});
