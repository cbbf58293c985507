// One identity for the app everywhere the OS looks it up: the macOS bundle id, the Windows
// AppUserModelID (toasts are shown only for the id of the Start-menu shortcut), and on Linux the
// `.desktop` file name, which is also the Wayland app_id, the X11 WM_CLASS and the id the
// xdg-desktop-portal reports to GlobalShortcuts (docs/api/app.md, setDesktopName: it must be a
// reverse-DNS name matching an installed `.desktop` file, or GNOME refuses every shortcut).
// build/electron-builder.config.cjs uses the same values; its test compares them.

export const APP_ID = 'org.softphone.Softphone';

/** The installed `.desktop` file (electron-builder writes it from `desktopName` with `syncDesktopName`). */
export const DESKTOP_FILE_NAME = `${APP_ID}.desktop`;
