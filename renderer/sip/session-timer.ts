// RFC 4028 session timers, the answering side. PBXs refresh a long call with an UPDATE (or a
// re-INVITE, which SIP.js already answers) and hang up when the refresh fails; SIP.js answers
// every in-dialog UPDATE 501, so such a PBX cut our calls after one session interval. Here a
// refresh UPDATE without an offer gets 200, with its Session-Expires echoed as §9 asks.

import { Core, SessionState, type Session } from 'sip.js';

/** RFC 4028 §4: the smallest session interval allowed. */
export const MIN_SESSION_EXPIRES = 90;

export interface RefreshRequest {
  body: string;
  getHeader(name: string): string | undefined;
}

export interface RefreshAnswer {
  statusCode: 200 | 422 | 488;
  extraHeaders: string[];
  /** Add `timer` to the Supported header of the answer. */
  timer: boolean;
}

/** How to answer an in-dialog UPDATE. */
export function sessionRefreshAnswer(request: RefreshRequest): RefreshAnswer {
  // An UPDATE with an offer would change the media: not something we negotiate yet. 488 leaves
  // the session as it was (RFC 3311 §5.2), the call goes on.
  if (request.body.trim() !== '') {
    return { statusCode: 488, extraHeaders: ['Warning: 399 softphone "UPDATE with an offer is not supported; use re-INVITE"'], timer: false };
  }
  const sessionExpires = request.getHeader('session-expires') ?? request.getHeader('x');
  if (sessionExpires === undefined) return { statusCode: 200, extraHeaders: [], timer: false };
  const parsed = /^\s*(\d{1,10})\s*(?:;(.*))?$/.exec(sessionExpires);
  if (!parsed) return { statusCode: 200, extraHeaders: [], timer: false };
  const interval = Number(parsed[1]);
  if (interval < MIN_SESSION_EXPIRES) {
    return { statusCode: 422, extraHeaders: [`Min-SE: ${MIN_SESSION_EXPIRES}`], timer: true };
  }
  const refresher = /(?:^|;)\s*refresher\s*=\s*(uac|uas)\b/i.exec(parsed[2] ?? '')?.[1]?.toLowerCase() ?? 'uac';
  const extraHeaders = [`Session-Expires: ${interval};refresher=${refresher}`];
  if (/(^|,)\s*timer\s*(,|$)/i.test(request.getHeader('supported') ?? '')) extraHeaders.push('Require: timer');
  return { statusCode: 200, extraHeaders, timer: true };
}

/** The parts of SIP.js's SessionDialog used here (some are protected in its typings). */
interface DialogInternals {
  receiveRequest(message: Core.IncomingRequestMessage): void;
  sequenceGuard(message: Core.IncomingRequestMessage): boolean;
  dialogState: { remoteSequenceNumber?: number; remoteTarget: unknown };
  userAgentCore: Core.UserAgentCore;
}

/** The parts of SIP.js's UserAgentCore used here. */
interface CoreInternals {
  receiveRequest(message: Core.IncomingRequestMessage): void;
  receiveInsideDialogRequest(message: Core.IncomingRequestMessage): void;
}

const handled = new WeakSet<object>();

/**
 * SIP.js's core answers 405 to any method outside its fixed list (UPDATE is not in it) before
 * a dialog sees the request: an UPDATE with a To tag goes straight to its dialog instead, which
 * answers it below (or 481 when there is no such dialog, as for any in-dialog request).
 */
function routeUpdatesToDialogs(core: CoreInternals): void {
  if (handled.has(core)) return;
  handled.add(core);
  const original = core.receiveRequest.bind(core);
  core.receiveRequest = (message) => {
    if (message.method === 'UPDATE' && message.toTag) core.receiveInsideDialogRequest(message);
    else original(message);
  };
}

/**
 * Answers UPDATEs on the session's dialog once the call is up. SIP.js has no delegate for
 * UPDATE (its dialog answers 501 in a default branch, its core 405 even before that), so the
 * core routes UPDATEs to their dialog and the dialog's request handler is wrapped for that one
 * method; every other request goes to SIP.js unchanged.
 */
export function answerSessionRefreshes(session: Session): void {
  routeUpdatesToDialogs(session.userAgent.userAgentCore as unknown as CoreInternals);
  const install = () => {
    const dialog = session.dialog as unknown as DialogInternals | undefined;
    if (!dialog || handled.has(dialog)) return;
    handled.add(dialog);
    const original = dialog.receiveRequest.bind(dialog);
    dialog.receiveRequest = (message) => {
      if (message.method !== 'UPDATE') {
        original(message);
        return;
      }
      answerUpdate(dialog, message);
    };
  };
  session.stateChange.addListener((state) => {
    if (state === SessionState.Established) install();
  });
}

function answerUpdate(dialog: DialogInternals, message: Core.IncomingRequestMessage): void {
  // RFC 3261 §12.2.2, as SIP.js does for its own methods: out-of-order requests get 500.
  if (!dialog.sequenceGuard(message)) return;
  dialog.dialogState.remoteSequenceNumber = message.cseq;
  // UPDATE is a target refresh request (RFC 3311 §5.2).
  const contact = safely(() => message.parseHeader('contact') as unknown);
  if (contact instanceof Core.NameAddrHeader) dialog.dialogState.remoteTarget = contact.uri;
  const uas = new Core.UserAgentServer(Core.NonInviteServerTransaction, dialog.userAgentCore, message);
  const answer = sessionRefreshAnswer(message);
  const supported = [...dialog.userAgentCore.configuration.supportedOptionTagsResponse, ...(answer.timer ? ['timer'] : [])];
  const options = { statusCode: answer.statusCode, extraHeaders: answer.extraHeaders, supported };
  try {
    if (answer.statusCode === 200) uas.accept(options);
    else uas.reject(options);
  } catch (error) {
    console.error('Could not answer an UPDATE', error);
  }
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
