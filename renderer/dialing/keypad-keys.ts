// Which key presses the call's keypad turns into tones. While a call has the focus, the digits
// of the keyboard (and * #) play DTMF as the on-screen keys do; a key typed into a text field,
// or with a modifier (a shortcut), is left alone.

import { PAD_KEYS, type PadKey } from './pad-keys';

export interface KeyPressLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
  /** The key went to an input, a text area, a select or an editable element. */
  targetIsEditable: boolean;
}

/** The tone a key press should send on the call, or null when the press is not for the keypad. */
export function toneForKeyPress(press: KeyPressLike): PadKey | null {
  if (press.targetIsEditable || press.ctrlKey || press.metaKey || press.altKey || press.repeat) return null;
  return (PAD_KEYS as readonly string[]).includes(press.key) ? (press.key as PadKey) : null;
}

/** Whether an event target takes text itself (then its keys are never tones). */
export function isEditableTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || element.isContentEditable === true;
}
