// Attended transfer's two headers (RFC 3891, RFC 5589), built and read here so that neither
// side trusts SIP.js's own: its Refer-To puts the far end's display name between quotes
// unescaped (a name with a quote breaks the header) and points at the Contact, which a
// registrar cannot route; and its matching of an incoming Replaces throws on a dialog it
// cannot pair with a session. Pure functions, no SIP.js objects.

/** One dialog as RFC 3891 names it; the tags are seen from the side that holds the dialog. */
export interface DialogIds {
  callId: string;
  localTag: string;
  remoteTag: string;
}

/** A parsed Replaces header: the dialog to replace, as the receiver must find it. */
export interface ReplacesTarget {
  callId: string;
  /** The receiver's own tag for that dialog. */
  toTag: string;
  /** The other party's tag. */
  fromTag: string;
  earlyOnly: boolean;
}

/**
 * The Replaces value naming our dialog with the transfer target, for the target to find: its
 * to-tag is the target's own tag (our remote tag), as RFC 3891 §3 and SIP.js both read it.
 */
export function replacesValue(dialog: DialogIds): string {
  return `${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}`;
}

/**
 * The Refer-To of an attended transfer: the target's address with the Replaces header as a
 * URI header (RFC 5589 §7.3). `targetUri` is the target's address of record (the number we
 * dialled), which the registrar routes; any headers it had are dropped. The display name is
 * left out: it adds nothing to routing and is the part a far end could use to break the header.
 */
export function attendedReferTo(targetUri: string, dialog: DialogIds): string {
  const bare = targetUri.replace(/[<>]/g, '').split('?')[0]!;
  return `<${bare}?Replaces=${encodeURIComponent(replacesValue(dialog))}>`;
}

/** The Refer-To of a blind transfer: the target's address in angle brackets (its parameters stay the URI's). */
export function blindReferTo(targetUri: string): string {
  return `<${targetUri.replace(/[<>]/g, '').split('?')[0]!}>`;
}

/**
 * Reads a Replaces header (or the decoded URI header of a Refer-To); null when it lacks the
 * call id or a tag. Parameter names are case-insensitive; unknown ones are ignored.
 */
export function parseReplaces(value: string | undefined | null): ReplacesTarget | null {
  if (!value) return null;
  const [rawCallId, ...params] = value.split(';');
  const callId = rawCallId?.trim() ?? '';
  if (!callId || /\s/.test(callId)) return null;
  let toTag: string | undefined;
  let fromTag: string | undefined;
  let earlyOnly = false;
  for (const param of params) {
    const [rawName, ...rest] = param.split('=');
    const name = rawName?.trim().toLowerCase();
    const paramValue = rest.join('=').trim();
    if (name === 'to-tag') toTag = paramValue;
    else if (name === 'from-tag') fromTag = paramValue;
    else if (name === 'early-only') earlyOnly = true;
  }
  if (!toTag || !fromTag) return null;
  return { callId, toTag, fromTag, earlyOnly };
}

/** A parsed Replaces written back as a header value (only what was understood goes on). */
export function replacesHeader(target: ReplacesTarget): string {
  return `${target.callId};to-tag=${target.toTag};from-tag=${target.fromTag}${target.earlyOnly ? ';early-only' : ''}`;
}

/** The Replaces value carried in a Refer-To URI header, percent-decoded when it was encoded. */
export function decodeReplacesParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Whether `target` names this dialog of ours (our tag is its to-tag). */
export function replacesDialog(target: ReplacesTarget, dialog: DialogIds): boolean {
  return target.callId === dialog.callId && target.toTag === dialog.localTag && target.fromTag === dialog.remoteTag;
}

/** Where an incoming INVITE with Replaces goes, RFC 3891 §3. */
export type ReplacesVerdict<C> =
  | { action: 'replace'; call: C }
  | { action: 'reject'; statusCode: 400 | 481 | 486; reasonPhrase: string };

export interface ReplaceableCall {
  dialog: DialogIds | null;
  /** The dialog is confirmed (the call was answered), as opposed to early. */
  confirmed: boolean;
}

/**
 * Judges an INVITE's Replaces against our calls: a confirmed dialog of ours is replaced;
 * no match (or an early dialog: we do not replace a call still ringing) gets 481; a confirmed
 * dialog named with early-only gets 486 (the sender asked not to take an answered call).
 */
export function judgeReplaces<C extends ReplaceableCall>(header: string, calls: Iterable<C>): ReplacesVerdict<C> {
  const target = parseReplaces(header);
  if (!target) return { action: 'reject', statusCode: 400, reasonPhrase: 'Bad Replaces Header' };
  for (const call of calls) {
    if (!call.dialog || !replacesDialog(target, call.dialog)) continue;
    if (!call.confirmed) break;
    if (target.earlyOnly) return { action: 'reject', statusCode: 486, reasonPhrase: 'Busy Here' };
    return { action: 'replace', call };
  }
  return { action: 'reject', statusCode: 481, reasonPhrase: 'Call/Transaction Does Not Exist' };
}
