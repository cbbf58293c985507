// What the end-to-end tests read from the page. Installed only by the e2e build (see main.ts):
// the hook hands any script in the page the live engine, so a build that ships must not have it.

import type { CallSessionJSON } from '../shared/call-session';
import type { RegistrationSnapshot } from '../shared/phone-status';
import type { PhoneApi } from './sip/phone-api';

export interface SoftphoneTestHook {
  phone: PhoneApi;
  sessions(): CallSessionJSON[];
  registration(): RegistrationSnapshot;
}

export function installE2eHook(phone: PhoneApi): void {
  const hook: SoftphoneTestHook = {
    phone,
    sessions: () => phone.sessions().map((session) => session.toJSON()),
    registration: () => phone.registration,
  };
  Object.defineProperty(window, '__softphone', { value: hook, configurable: false, enumerable: false, writable: false });
}
