// How a typed, pasted or linked address reads in the number field. Shared by the dialpad and
// the calls store (a link from the host fills the field), so it lives apart from both.

import { parseDialString } from '../../shared/dial-string';

// Stands in for the account's domain when none is set yet: only the look of the address is
// wanted then. `.invalid` is reserved (RFC 2606), so it never equals a real host.
const PLACEHOLDER_DOMAIN = 'domain.invalid';

/**
 * How a typed, pasted or linked address should read in the dial box: the compact form the
 * call will use (`+33 1 23-45` -> `+3312345`), or null when it cannot be dialled as it is.
 */
export function dialDisplayText(input: string, defaultDomain: string): string | null {
  const parsed = parseDialString(input, defaultDomain.trim() || PLACEHOLDER_DOMAIN);
  return parsed.ok ? parsed.target.display : null;
}
