// The application menu. Without one, Electron installs its default menu (lib/browser/default-
// menu.ts, on 'will-finish-launching'), whose View menu has Reload (Ctrl/Cmd+R), Force Reload
// and Toggle Developer Tools: one keystroke reloads the phone page and every call is dropped,
// and the shipped app opens DevTools. So the app always sets its own, before `ready`:
// - macOS: the app, Edit and Window menus. Edit is what makes Cmd+C/V/X/A work in text fields
//   (menu-item-roles.ts registers no accelerator for them elsewhere; on macOS the menu is the
//   only path), and `Menu.setApplicationMenu(null)` would change nothing on screen there
//   (lib/browser/api/menu.ts returns before touching the native menu).
// - Windows and Linux: no menu at all (Chromium handles the editing keys in the page itself).
// In development only, a View menu with Toggle Developer Tools, and never Reload.

import type { MenuItemConstructorOptions } from 'electron';

export interface ApplicationMenuOptions {
  platform: NodeJS.Platform;
  /** An unpackaged run (`electron .`): DevTools are offered. */
  development: boolean;
}

/** The template to set, or null for no menu. */
export function applicationMenuTemplate({ platform, development }: ApplicationMenuOptions): MenuItemConstructorOptions[] | null {
  const devTools: MenuItemConstructorOptions[] = development ? [{ label: 'View', submenu: [{ role: 'toggleDevTools' }] }] : [];
  if (platform === 'darwin') {
    return [{ role: 'appMenu' }, { role: 'editMenu' }, ...devTools, { role: 'windowMenu' }];
  }
  return devTools.length > 0 ? devTools : null;
}

export interface MenuPort<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

export function installApplicationMenu<M>(Menu: MenuPort<M>, options: ApplicationMenuOptions): void {
  const template = applicationMenuTemplate(options);
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
}
