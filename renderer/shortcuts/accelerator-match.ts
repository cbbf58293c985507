// In-window shortcuts use the same accelerator strings as the global ones (Electron syntax,
// e.g. `CommandOrControl+Shift+A`), so the user learns one set of keys for both.

export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface ParsedAccelerator {
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

const NAMED_KEYS: Record<string, string> = {
  space: ' ',
  plus: '+',
  enter: 'enter',
  return: 'enter',
  esc: 'escape',
  escape: 'escape',
  tab: 'tab',
  backspace: 'backspace',
  delete: 'delete',
  up: 'arrowup',
  down: 'arrowdown',
  left: 'arrowleft',
  right: 'arrowright',
};

export function parseAccelerator(accelerator: string, isMac: boolean): ParsedAccelerator | null {
  const parts = accelerator.split('+').map((p) => p.trim());
  const key = parts.pop();
  if (!key) return null;
  const parsed: ParsedAccelerator = { ctrl: false, meta: false, alt: false, shift: false, key: (NAMED_KEYS[key.toLowerCase()] ?? key).toLowerCase() };
  for (const modifier of parts.map((p) => p.toLowerCase())) {
    switch (modifier) {
      case 'commandorcontrol':
      case 'cmdorctrl':
        if (isMac) parsed.meta = true;
        else parsed.ctrl = true;
        break;
      case 'control':
      case 'ctrl':
        parsed.ctrl = true;
        break;
      case 'command':
      case 'cmd':
      case 'super':
      case 'meta':
        parsed.meta = true;
        break;
      case 'alt':
      case 'option':
        parsed.alt = true;
        break;
      case 'shift':
        parsed.shift = true;
        break;
      default:
        return null;
    }
  }
  return parsed;
}

/** Whether a keydown matches an accelerator; letters compare by physical key so Shift/layout do not matter. */
export function matchesAccelerator(event: KeyLike, accelerator: string, isMac: boolean): boolean {
  const a = parseAccelerator(accelerator, isMac);
  if (!a) return false;
  if (a.ctrl !== event.ctrlKey || a.meta !== event.metaKey || a.alt !== event.altKey || a.shift !== event.shiftKey) return false;
  if (/^[a-z0-9]$/.test(a.key) && event.code) {
    const physical = event.code.replace(/^Key|^Digit/, '').toLowerCase();
    return physical === a.key;
  }
  return event.key.toLowerCase() === a.key;
}
