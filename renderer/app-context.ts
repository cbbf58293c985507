// The phone engine and the platform adapter, set once by main.ts before any store is created.
// Stores read them from here rather than importing the engine module, so the store code
// does not decide which engine or host it runs with.

import type { PlatformAdapter } from '../shared/platform';
import type { PhoneApi } from './sip/phone-api';

export interface AppContext {
  phone: PhoneApi;
  platform: PlatformAdapter;
}

let current: AppContext | null = null;

export function setAppContext(context: AppContext): void {
  current = context;
}

export function appContext(): AppContext {
  if (!current) throw new Error('setAppContext() must run before the stores are used (see renderer/main.ts).');
  return current;
}
