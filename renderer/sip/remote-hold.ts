// Whether the far end has put the call on hold, read from its offer (RFC 3264 §8.4): a holder
// offers `sendonly` (it plays music on hold, or nothing) or `inactive`; older phones point the
// connection at 0.0.0.0 (RFC 2543). Only offers count: an answer with `inactive` is the far end
// agreeing to our own hold.

import { mediaSections } from './media-directions';

/**
 * True when the offer holds us, false when it talks normally, null when it says nothing new:
 * no audio in it, or an `inactive` offer while we hold the call ourselves (a phone may simply
 * mirror the state we asked for, so it is not a sign of its own hold).
 */
export function remoteHoldFromOffer(offerSdp: string, weHold: boolean): boolean | null {
  const [sessionPart = '', ...texts] = offerSdp.split(/\r?\n(?=m=)/);
  const sessionUnreachable = connectionIsUnspecified(sessionPart);
  const audio = mediaSections(offerSdp)
    .map((section, index) => ({ section, text: texts[index] ?? '' }))
    .filter(({ section }) => section.kind === 'audio' && section.port !== 0);
  if (audio.length === 0) return null;
  const states = audio.map(({ section, text }) => {
    const unreachable = connectionIsUnspecified(text) || (sessionUnreachable && !/\r?\nc=/.test(text));
    if (unreachable || section.direction === 'sendonly') return 'held';
    if (section.direction === 'inactive') return 'inactive';
    return 'talking';
  });
  if (states.includes('talking')) return false;
  if (states.includes('held')) return true;
  return weHold ? null : true;
}

function connectionIsUnspecified(text: string): boolean {
  return /(^|\r?\n)c=IN IP4 0\.0\.0\.0(\r?\n|$)/.test(text);
}
