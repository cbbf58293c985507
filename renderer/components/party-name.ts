// How the far end is named on screen. Names and numbers come from the network, so they are made
// safe again here (shared/display-name) whatever built the snapshot, and templates put each one
// in its own <bdi> so a right-to-left name cannot reorder the text around it.

import { safeDisplayText } from '../../shared/display-name';
import { partyLabel } from './call-presentation';

export interface ShownParty {
  /** The name, or the number when there is no name. */
  name: string;
  /** The number on its own line, or null when it would only repeat the name. */
  number: string | null;
}

export function shownParty(displayName: string, number: string): ShownParty {
  const shownNumber = safeDisplayText(number);
  // Not decoded again: the engine already undid the wire's quoting.
  const name = safeDisplayText(displayName) || shownNumber;
  return { name, number: shownNumber !== '' && shownNumber !== name ? shownNumber : null };
}

/** A piece of a sentence: plain words, or the far end's name to isolate. */
export interface SentencePart {
  text: string;
  party: boolean;
}

const MARK = '\u0000';

/**
 * Splits a translated sentence around the far end, so each name can go in a <bdi>. `render`
 * gets `{party}` ("Alice (1001)") and `{name}` ("Alice") placeholders to put in the message.
 */
export function sentenceAroundParty(
  render: (params: { party: string; name: string }) => string,
  displayName: string,
  number: string,
): SentencePart[] {
  const { name, number: shownNumber } = shownParty(displayName, number);
  const values = [partyLabel(name, shownNumber ?? ''), name];
  // Control characters never survive safeDisplayText, nor appear in a catalogue: safe markers.
  const text = render({ party: `${MARK}0${MARK}`, name: `${MARK}1${MARK}` });
  return text
    .split(new RegExp(`${MARK}([01])${MARK}`))
    .map((piece, index) => (index % 2 === 1 ? { text: values[Number(piece)] ?? '', party: true } : { text: piece, party: false }))
    .filter((part) => part.text !== '');
}
