// Redial: Call pressed on an empty number field brings the last number back into the field
// (a second press calls it), as desk phones do; nothing is dialled by the first press, so an
// accidental click never calls anyone.

export type CallPress =
  /** Dial what the field holds. */
  | { action: 'dial'; text: string }
  /** Put the last number in the field and wait for a second press. */
  | { action: 'offer-last'; text: string }
  /** Nothing to dial and nothing to offer: say what to type. */
  | { action: 'explain-empty' };

export function onCallPressed(fieldText: string, lastDialed: string | null): CallPress {
  if (fieldText.trim() !== '') return { action: 'dial', text: fieldText };
  if (lastDialed && lastDialed.trim() !== '') return { action: 'offer-last', text: lastDialed };
  return { action: 'explain-empty' };
}
