// Whether anything on this desktop can show our tray icon. Windows and macOS always can. On
// Linux, Electron's tray is a StatusNotifierItem (docs/api/tray.md), which appears only if a host
// is registered with the org.kde.StatusNotifierWatcher; stock GNOME has none (it needs the
// AppIndicator extension). Without a host, hiding the window "to the tray" would leave the user
// no way back, so closeToTray then behaves as off. The watcher is asked with `gdbus` (GLib's
// command-line D-Bus client, installed wherever GNOME or GTK is): no answer means no host.

import { execFile } from 'node:child_process';

export type RunCommand = (command: string, args: readonly string[]) => Promise<string>;

const runWithTimeout: RunCommand = (command, args) =>
  new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: 2000, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

export const STATUS_NOTIFIER_QUERY = [
  'call', '--session', '--dest', 'org.kde.StatusNotifierWatcher', '--object-path', '/StatusNotifierWatcher',
  '--method', 'org.freedesktop.DBus.Properties.Get', 'org.kde.StatusNotifierWatcher', 'IsStatusNotifierHostRegistered',
] as const;

export async function trayHostAvailable(platform: NodeJS.Platform, run: RunCommand = runWithTimeout): Promise<boolean> {
  if (platform !== 'linux') return true;
  try {
    // gdbus prints the variant, e.g. "(<true>,)".
    return /<true>/.test(await run('gdbus', STATUS_NOTIFIER_QUERY));
  } catch {
    return false;
  }
}
