// Out-of-dialog MESSAGE (SIP instant messages). The phone has no place to show them yet, and
// SIP.js's default answers 200 and drops the text: the sender would believe it was read. Until
// messages are shown, they are refused honestly with 405 and the methods we do take.

import type { Message } from 'sip.js';

/** Methods the phone answers (SIP.js handles these, UPDATE through session-timer.ts). */
export const ALLOWED_METHODS = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, NOTIFY, REFER, PRACK, UPDATE';

export function refuseIncomingMessage(message: Message): void {
  void message.reject({ statusCode: 405, reasonPhrase: 'Method Not Allowed', extraHeaders: [`Allow: ${ALLOWED_METHODS}`] }).catch(() => undefined);
}
