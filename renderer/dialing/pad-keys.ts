// The keys of a phone pad, shared by the dialpad, the keypad routing and the calls store.

/** The twelve keys of a phone pad, in reading order. */
export const PAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type PadKey = (typeof PAD_KEYS)[number];

/** The letters printed under each key, for the look of a phone (not part of the key's name). */
export const PAD_LETTERS: Partial<Record<PadKey, string>> = {
  '2': 'ABC',
  '3': 'DEF',
  '4': 'GHI',
  '5': 'JKL',
  '6': 'MNO',
  '7': 'PQRS',
  '8': 'TUV',
  '9': 'WXYZ',
  '0': '+',
};
