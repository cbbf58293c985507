// The tray icon itself: applies a TrayModel to an Electron Tray and routes menu clicks. The
// tray is held in a module-level variable because Electron removes the icon when the Tray
// object is garbage-collected, and the menu is set again on every change because Linux
// (AppIndicator) only picks up a changed menu through a new setContextMenu call. A left click
// toggles the window on Windows and Linux; on macOS a click on an icon with a menu already opens
// the menu (shell/browser/ui/tray_icon_cocoa.mm, mouseDown) and also emits 'click', so toggling
// there too would hide the window under the menu the user is about to use.

import type { MenuItemConstructorOptions } from 'electron';
import type { PhoneCommand } from '../shared/platform';
import { type TrayIcon, type TrayMenuItem, type TrayModel, trayModel, type TrayState } from './tray-model';

export interface TrayLike<M> {
  setImage(image: string): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: M): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayPorts<M> {
  Tray: new (image: string) => TrayLike<M>;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): M };
  /** Absolute path of the PNG for `icon` (tray-icons.ts). */
  iconPath(icon: TrayIcon): string;
}

export interface TrayActions {
  toggleWindow(): void;
  command(command: PhoneCommand): void;
  setDoNotDisturb(enabled: boolean): void;
  showMissedCalls(): void;
  quit(): void;
}

export interface TrayController {
  update(state: TrayState): TrayModel;
  destroy(): void;
}

let liveTray: TrayLike<unknown> | null = null;

function menuTemplate(items: TrayMenuItem[], actions: TrayActions): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'checkbox':
        return { id: item.id, type: 'checkbox', label: item.label, checked: item.checked, click: () => actions.setDoNotDisturb(!item.checked) };
      case 'action':
        return { id: item.id, label: item.label, click: () => runAction(item, actions) };
    }
  });
}

function runAction(item: Extract<TrayMenuItem, { kind: 'action' }>, actions: TrayActions): void {
  switch (item.id) {
    case 'toggle-window':
      return actions.toggleWindow();
    case 'show-missed':
      return actions.showMissedCalls();
    case 'quit':
      return actions.quit();
    case 'answer':
    case 'decline':
    case 'hangup':
      return actions.command({ kind: item.id, callId: item.callId });
  }
}

export function createTrayController<M>(ports: TrayPorts<M>, actions: TrayActions, initial: TrayState, platform: NodeJS.Platform): TrayController {
  liveTray?.destroy();
  const first = trayModel(initial);
  const tray = new ports.Tray(ports.iconPath(first.icon));
  liveTray = tray;
  if (platform !== 'darwin') tray.on('click', () => actions.toggleWindow());

  const apply = (model: TrayModel) => {
    tray.setImage(ports.iconPath(model.icon));
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(ports.Menu.buildFromTemplate(menuTemplate(model.menu, actions)));
    return model;
  };
  apply(first);

  return {
    update: (state) => apply(trayModel(state)),
    destroy() {
      tray.destroy();
      if (liveTray === tray) liveTray = null;
    },
  };
}
