// Which display server the app runs on under Linux. Electron 38+ runs as a native Wayland client
// whenever the session is Wayland (docs/breaking-changes.md, 38.0: `--ozone-platform` defaults
// to `auto`, which follows XDG_SESSION_TYPE), unless `--ozone-platform=x11` asks for XWayland.
// It matters because Wayland forbids what the incoming-call popup relies on (positioning,
// always-on-top, showing without focus: docs/api/browser-window.md) and routes global shortcuts
// through the desktop portal (docs/api/global-shortcut.md).

export type DisplayServer = 'wayland' | 'x11' | 'none';

export function linuxDisplayServer(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, argv: readonly string[]): DisplayServer {
  if (platform !== 'linux') return 'none';
  const forced = argv.find((argument) => argument.startsWith('--ozone-platform='))?.slice('--ozone-platform='.length);
  if (forced === 'x11') return 'x11';
  if (forced === 'wayland') return 'wayland';
  return env.XDG_SESSION_TYPE === 'wayland' && env.WAYLAND_DISPLAY !== '' ? 'wayland' : 'x11';
}
