import { describe, expect, it } from 'vitest';
import { STATUS_NOTIFIER_QUERY, trayHostAvailable } from './tray-host';

describe('tray host', () => {
  it('is always there on Windows and macOS', async () => {
    const never = () => Promise.reject(new Error('not asked'));
    await expect(trayHostAvailable('win32', never)).resolves.toBe(true);
    await expect(trayHostAvailable('darwin', never)).resolves.toBe(true);
  });

  it('on Linux, asks the StatusNotifierWatcher whether a host is registered', async () => {
    const asked: string[][] = [];
    const answer = (reply: string) => (command: string, args: readonly string[]) => {
      asked.push([command, ...args]);
      return Promise.resolve(reply);
    };
    await expect(trayHostAvailable('linux', answer('(<true>,)\n'))).resolves.toBe(true);
    await expect(trayHostAvailable('linux', answer('(<false>,)\n'))).resolves.toBe(false);
    expect(asked[0]).toEqual(['gdbus', ...STATUS_NOTIFIER_QUERY]);
  });

  it('on Linux, takes no watcher (stock GNOME) or no gdbus for no host', async () => {
    const fails = () => Promise.reject(new Error('GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown'));
    await expect(trayHostAvailable('linux', fails)).resolves.toBe(false);
  });
});
