// The child process of settings-store.kill.test.ts: loads the real settings store from the
// folder named on the command line (as the app does at start, recovery included), then saves
// varying accounts and preferences as fast as it can until it is killed. Files of every size
// (a few hundred bytes to several KB) so that a kill lands inside every step of a write.

import { ACCOUNT_LIMITS, type AccountSettings } from '../../shared/account-settings';
import { AUTO_ANSWER_MODES, defaultAppPreferences } from '../../shared/app-preferences';
import { createSettingsStore } from '../settings-store';

function accountNumber(n: number): AccountSettings {
  const servers = n % (ACCOUNT_LIMITS.iceServers + 1);
  return {
    serverUrl: `wss://pbx${n % 7}.example.com:${8000 + (n % 1000)}/ws`,
    sipUri: `sip:${1000 + (n % 9000)}@pbx.example.com`,
    username: `${1000 + (n % 9000)}`,
    password: '',
    displayName: `Caller ${n} ${'x'.repeat(n % (ACCOUNT_LIMITS.displayName - 20))}`,
    iceServers: Array.from({ length: servers }, (_, index) => ({
      urls: Array.from({ length: 1 + ((n + index) % ACCOUNT_LIMITS.iceUrlsPerServer) }, (_unused, u) => `stun:stun${index}-${u}.example.com:3478`),
    })),
  };
}

async function main(): Promise<void> {
  const directory = process.argv[2];
  if (!directory) throw new Error('usage: settings-writer-child <directory>');
  const store = createSettingsStore({ directory });
  const loaded = await store.load();
  process.stdout.write(`loaded ${JSON.stringify(loaded.notices)}\n`);
  const first = Number(process.argv[3] ?? 0);
  for (let n = first; ; n += 1) {
    if (n % 3 === 2) {
      const mode = AUTO_ANSWER_MODES[n % AUTO_ANSWER_MODES.length] ?? 'off';
      await store.savePreferences({ ...defaultAppPreferences(), autoAnswer: mode, doNotDisturb: n % 2 === 0 });
    } else {
      await store.saveAccount(accountNumber(n));
    }
    if (n === first) process.stdout.write('saved\n');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
