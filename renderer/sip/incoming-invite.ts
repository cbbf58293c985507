// What an incoming INVITE tells us about the call, read defensively: a hostile or sloppy
// peer may send any header, so nothing here may throw or trust a value's length.

import { detectAutoAnswerRequest, type AutoAnswerRequest } from '../../shared/auto-answer-signals';
import { CallSession } from '../../shared/call-session';
import { MAX_DISPLAY_NAME_LENGTH, remoteDisplayName, safeDisplayText } from '../../shared/display-name';

/** The parts of SIP.js's IncomingRequestMessage that we read. */
export interface InviteMessageLike {
  callId: string;
  body: string;
  ruri?: { user?: string | undefined } | undefined;
  getHeader(name: string): string | undefined;
  getHeaders(name: string): string[];
}

export interface RemoteIdentityLike {
  displayName: string | undefined;
  uri: { user?: string | undefined; host: string };
}

/** Server-side call id headers used by PBXs (Wazo first, then a generic form). */
const SERVER_CALL_ID_HEADERS = ['X-Wazo-Call-ID', 'X-Call-ID'];
const MAX_FIELD = MAX_DISPLAY_NAME_LENGTH;

/**
 * `contactUser`: the user part of the Contact this phone registered. SIP.js makes it a random
 * token, and a proxy that routes by registration puts that token in the Request-URI: it is not
 * an extension anybody dialled, so it is not reported as one.
 */
export function sessionFromInvite(message: InviteMessageLike, remote: RemoteIdentityLike, now = new Date(), contactUser?: string): CallSession {
  const number = clean(remote.uri.user ?? '') || clean(remote.uri.host);
  // SIP.js leaves displayName undefined when the From header has none, and keeps the
  // quoted-string escapes of one it has.
  const displayName = remoteDisplayName(remote.displayName, number);
  const autoAnswer = autoAnswerRequestOf(message).requested;
  return new CallSession({
    sipCallId: clean(message.callId, 256),
    callId: serverCallId(message),
    isCaller: false,
    number,
    displayName,
    callerNumber: number,
    dialedExtension: dialedExtensionOf(message, contactUser),
    ringing: true,
    autoAnswer,
    cameraEnabled: false,
    creationTime: now,
    startTime: now,
  });
}

const NO_AUTO_ANSWER: AutoAnswerRequest = { requested: false, delaySeconds: 0, source: null };

/** What the INVITE asks about being answered automatically (the host's policy decides). */
export function autoAnswerRequestOf(message: InviteMessageLike): AutoAnswerRequest {
  return safely(() => detectAutoAnswerRequest((name) => message.getHeaders(name)), NO_AUTO_ANSWER);
}

/** The INVITE offers video (an `m=video` line with a non-zero port). */
export function inviteWantsVideo(sdp: string): boolean {
  return /^m=video [1-9]\d*/m.test(sdp);
}

function dialedExtensionOf(message: InviteMessageLike, contactUser: string | undefined): string {
  const user = safely(() => message.ruri?.user ?? '', '');
  if (!user || (contactUser !== undefined && user === contactUser)) return '';
  return clean(user);
}

/**
 * The call-control server's id of the call, from the headers PBXs use (Wazo first): on an
 * incoming INVITE, and on the 18x/2xx answers to an outgoing one.
 */
export function serverCallId(message: Pick<InviteMessageLike, 'getHeader'>): string | undefined {
  for (const name of SERVER_CALL_ID_HEADERS) {
    const value = safely(() => message.getHeader(name), undefined);
    if (value) return clean(value);
  }
  return undefined;
}

function clean(value: string, max = MAX_FIELD): string {
  // Control, bidi and invisible characters never belong in what is shown or logged.
  return safeDisplayText(value, max);
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
