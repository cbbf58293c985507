// Wires the main process together. The order matters and is Electron's: sandboxing, the
// app:// scheme privileges, the application menu (before Electron's default one, which reloads
// the page on Ctrl/Cmd+R, is installed), the Linux desktop name and macOS's `open-url` listener
// must be set before `ready`, the single-instance lock before any window exists; stores,
// protocol, permissions, the WebSocket allow-list and IPC are installed on `ready`, then the
// window and the tray, and the OS link registration the user agreed to.

import path from 'node:path';
import type {
  GlobalShortcut,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  Protocol,
  SafeStorage,
  Shell,
} from 'electron';
import { accountDomain } from '../shared/account-settings';
import type { AppPreferences } from '../shared/app-preferences';
import type { PhoneCommand } from '../shared/platform';
import { createAccountService } from './account-service';
import { DESKTOP_FILE_NAME } from './app-identity';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { installApplicationMenu } from './application-menu';
import { applyCallLinkRegistration, callLinkCommand, findCallLink } from './call-links';
import { buildContentSecurityPolicy } from './content-security-policy';
import { createDesktopShell, type DesktopShell } from './desktop-shell';
import { type DesktopCapturerPort, type DisplayMediaSession, installDisplayMediaHandler } from './display-media-handler';
import { linuxDisplayServer } from './display-server';
import { openExternalLink } from './external-links';
import { incomingCallAlerts } from './incoming-call-alerts';
import { createIncomingCallPopup, type PopupWindowLike } from './incoming-call-popup';
import { createIpcRouter, type IpcMainPort, type IpcRouter } from './ipc-router';
import { createMainWindow, type MainWindowLike } from './main-window';
import { APP_USER_MODEL_ID, type NotificationPort } from './notifications';
import { installPermissionPolicy, type PermissionSession } from './permission-policy';
import { createPhoneStateMirror, type PhoneStateMirror } from './phone-state-mirror';
import { showScreenShareFailure } from './screen-share-failure';
import { createScreenSharePicker, type PickerWindowLike, type ScreenSharePicker } from './screen-share-picker';
import type { CapturerSourceLike } from './screen-share-sources';
import { createSecretStore, type SafeStoragePort } from './secret-store';
import { createServerAllowList, enforceServerAllowList } from './server-allow-list';
import { createSettingsStore } from './settings-store';
import type { TrayLike } from './tray-controller';
import { trayHostAvailable } from './tray-host';
import { trayIconPath } from './tray-icons';
import type { TrayModel } from './tray-model';
import { guardWebContents, type GuardedWebContents } from './web-contents-guard';
import type { WindowOptions } from './window-options';
import { createWindowRegistry, type RegisteredWindow } from './window-registry';

interface PreventableEvent {
  preventDefault(): void;
}

type AppWindow = MainWindowLike &
  RegisteredWindow &
  PopupWindowLike &
  PickerWindowLike & {
    focus(): void;
    hide(): void;
    isVisible(): boolean;
    isFocused(): boolean;
    isMinimized(): boolean;
    restore(): void;
    flashFrame(flag: boolean): void;
    on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
    on(event: 'show' | 'hide' | 'minimize' | 'restore' | 'focus', listener: () => void): unknown;
    readonly webContents: PopupWindowLike['webContents'] & {
      on(event: 'did-finish-load' | 'did-start-loading', listener: () => void): unknown;
      on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
    };
  };

/** What the app needs of Electron's `app`; listener registration returns are not relied on. */
interface AppPort {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  removeAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  setAppUserModelId(id: string): void;
  setDesktopName(name: string): void;
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedWebContents) => void): unknown;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'activate' | 'window-all-closed' | 'before-quit' | 'will-quit', listener: () => void): unknown;
}

/**
 * The parts of the `electron` module the app uses; the real module and the test fake fit it.
 * `W` is the window class, so a child window (the screen-share picker) can name its parent.
 */
export interface ElectronModule<M = unknown, W extends AppWindow = AppWindow> {
  app: AppPort;
  BrowserWindow: new (options: WindowOptions<W>) => W;
  ipcMain: IpcMainPort;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { defaultSession: PermissionSession & DisplayMediaSession & Parameters<typeof enforceServerAllowList>[0] };
  desktopCapturer: DesktopCapturerPort<CapturerSourceLike & { id: string; name: string }>;
  safeStorage: SafeStoragePort & Pick<SafeStorage, 'isEncryptionAvailable'>;
  shell: Pick<Shell, 'openExternal'>;
  Tray: new (image: string) => TrayLike<M>;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): M; setApplicationMenu(menu: M | null): void };
  Notification: NotificationPort;
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister' | 'unregisterAll'>;
  screen: { getPrimaryDisplay(): { workArea: { x: number; y: number; width: number; height: number } } };
  dialog: { showMessageBox(window: W, options: MessageBoxOptions): Promise<{ response: number }> };
  systemPreferences: { getMediaAccessStatus(mediaType: 'screen'): string };
}

export interface AppPaths {
  /** The bundled preload (dist/electron/preload.cjs). */
  preload: string;
  /** The built renderer (dist/web). */
  webRoot: string;
  /** The incoming-call popup page (dist/electron/incoming-call). */
  popupRoot: string;
  /** The screen-share picker page (dist/electron/screen-share-picker). */
  pickerRoot: string;
  /** The tray PNGs (dist/electron/tray). */
  trayIcons: string;
}

export interface RunningApp {
  phone: PhoneStateMirror;
  /** What the tray shows, or null before start-up / after quit. */
  trayModel(): TrayModel | null;
  /** Resolves once the main window and the tray exist (or rejects with the start-up error). */
  ready: Promise<void>;
}

export interface StartOptions {
  platform?: NodeJS.Platform;
  /** The command line of this launch, which may carry a sip:/tel: link. */
  argv?: readonly string[];
  /** The environment (XDG_SESSION_TYPE tells a Wayland session). */
  env?: Readonly<Record<string, string | undefined>>;
  /** An installed app rather than `electron .` (app.isPackaged): no DevTools, link registration allowed. */
  packaged?: boolean;
  /** Whether a tray icon can be shown at all (tray-host.ts). */
  trayHostAvailable?: () => Promise<boolean>;
}

export function startApp<W extends AppWindow>(electron: ElectronModule<unknown, W>, paths: AppPaths, options: StartOptions = {}): RunningApp | null {
  const { app } = electron;
  const platform = options.platform ?? process.platform;
  const argv = options.argv ?? process.argv;
  const packaged = options.packaged ?? app.isPackaged;
  const displayServer = linuxDisplayServer(platform, options.env ?? process.env, argv);
  const alerts = incomingCallAlerts(platform, displayServer);
  app.enableSandbox();
  // A second launch (e.g. a sip: link clicked while running) hands over to the first one.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme(electron.protocol);
  // Before 'will-finish-launching', so Electron's default menu (Reload, DevTools) never exists.
  installApplicationMenu(electron.Menu, { platform, development: !packaged });
  // Windows shows notifications only for an app with an id matching its Start-menu shortcut.
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
  // The Wayland app id, WM_CLASS and the portal's app id: the installed .desktop file's name.
  if (platform === 'linux') app.setDesktopName(DESKTOP_FILE_NAME);
  let trayHost = true;

  const windows = createWindowRegistry<W>();
  const phone = createPhoneStateMirror();
  let started = false;
  let quitting = false;
  let router: IpcRouter | null = null;
  let shell: DesktopShell | null = null;
  let picker: ScreenSharePicker | null = null;
  let preferences: () => AppPreferences = () => {
    throw new Error('preferences read before start-up');
  };

  // Commands wait for the page to have loaded (and subscribed); links from a cold start and
  // anything sent while the window reloads are delivered then, in order.
  const pending: PhoneCommand[] = [];
  let pageLoaded = false;
  function sendCommand(command: PhoneCommand) {
    const [window] = windows.all();
    if (!router || !window || !pageLoaded) {
      pending.push(command);
      return;
    }
    router.emit(window.webContents, 'phone:command', command);
  }
  function flushCommands() {
    for (const command of pending.splice(0)) sendCommand(command);
  }

  // The page is the phone: when it reloads, crashes or its window closes, its calls and its
  // registration are gone with it. Without this the tray would show a ghost call, auto-answer
  // would stay off (another call "active") and shortcuts would target dead ids.
  function forgetPage() {
    pageLoaded = false;
    // Commands naming a call of the old page can only miss; a dial (from a link) still applies.
    const stillValid = pending.filter((command) => command.kind === 'dial');
    pending.splice(0, pending.length, ...stillValid);
    const dropped = phone.reset();
    shell?.pageGone(dropped);
  }

  function openMainWindow(): W {
    const window = windows.add(createMainWindow(electron.BrowserWindow, paths.preload));
    pageLoaded = false;
    window.webContents.on('did-start-loading', forgetPage);
    window.webContents.on('render-process-gone', (_event, details) => {
      console.warn(`[app] the phone page is gone (${details.reason}); its calls are dropped`);
      forgetPage();
    });
    window.webContents.on('did-finish-load', () => {
      pageLoaded = true;
      flushCommands();
    });
    window.on('close', (event) => {
      // Closing keeps the phone reachable in the tray; Quit (tray, menu, OS) really quits.
      // Without a tray host there is no icon to come back through, so closing quits.
      if (!quitting && started && preferences().closeToTray && trayHost) {
        event.preventDefault();
        window.hide();
        shell?.refresh();
      }
    });
    // The tray's Show/Hide item follows the window, however it was shown, hidden or minimised.
    for (const change of ['show', 'hide', 'minimize', 'restore'] as const) window.on(change, () => shell?.refresh());
    window.on('focus', () => window.flashFrame(false));
    window.once('closed', forgetPage);
    return window;
  }
  function showMainWindow() {
    const window = windows.all()[0] ?? (started ? openMainWindow() : undefined);
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    shell?.refresh();
  }

  // Links arriving before start-up is complete wait for the settings (autoDial, domain).
  const earlyLinks: string[] = [];
  let handleLink = (link: string) => void earlyLinks.push(link);

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { shell: electron.shell }));
  app.on('second-instance', (_event, secondArgv) => {
    // Chromium puts its switches first and adds its own (docs/api/app.md); findCallLink skips them.
    const link = findCallLink(secondArgv.slice(1));
    if (link) handleLink(link);
    else showMainWindow();
  });
  // macOS delivers links here, possibly before `ready` on a cold start: listen from the start.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    handleLink(url);
  });
  app.on('activate', () => {
    if (started) showMainWindow();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => {
    shell?.dispose();
    shell = null;
    picker?.dispose();
    picker = null;
    electron.globalShortcut.unregisterAll();
  });
  const coldStartLink = findCallLink(argv.slice(1));
  if (coldStartLink) earlyLinks.push(coldStartLink);

  const whenStarted = app.whenReady().then(async () => {
    const directory = app.getPath('userData');
    const settings = createSettingsStore({ directory });
    const secrets = createSecretStore({ directory, safeStorage: electron.safeStorage, platform });
    const accounts = createAccountService(settings, secrets);
    const trayHostCheck = (options.trayHostAvailable ?? (() => trayHostAvailable(platform)))();
    await settings.load();
    preferences = () => settings.currentPreferences();
    trayHost = await trayHostCheck;
    if (!trayHost) console.warn('[tray] no tray host on this desktop (no StatusNotifierWatcher): closing the window quits');

    installPermissionPolicy(electron.session.defaultSession);
    // WebSockets reach the stored account's server only; the page changes it by saving an
    // account through account:save (validated there), never by naming a server.
    enforceServerAllowList(electron.session.defaultSession, createServerAllowList(() => settings.currentAccount()?.serverUrl ?? null));
    serveAppProtocol(electron.protocol, {
      webRoot: paths.webRoot,
      mounts: { 'incoming-call': paths.popupRoot, 'screen-share-picker': paths.pickerRoot },
      contentSecurityPolicy: () => buildContentSecurityPolicy(),
    });

    const ipc = createIpcRouter({ ipcMain: electron.ipcMain, isOwnWebContents: (contents) => windows.has(contents) });
    router = ipc;

    const broadcastPreferences = (saved: AppPreferences) => {
      for (const window of windows.all()) ipc.emit(window.webContents, 'preferences:changed', saved);
    };
    function registerCallLinks(previously: boolean) {
      const outcome = applyCallLinkRegistration(app, { packaged, wanted: settings.currentPreferences().handleCallLinks, previously });
      if (outcome === 'not-packaged' && settings.currentPreferences().handleCallLinks) {
        console.warn('[links] sip:/tel:/callto: links are registered by the installed app only, not by `electron .`');
      }
    }
    async function savePreferences(next: AppPreferences): Promise<AppPreferences> {
      const before = settings.currentPreferences();
      await settings.savePreferences(next);
      const saved = settings.currentPreferences();
      if (saved.handleCallLinks !== before.handleCallLinks) registerCallLinks(before.handleCallLinks);
      shell?.applyShortcuts();
      shell?.refresh();
      broadcastPreferences(saved);
      return saved;
    }

    ipc.handle('account:load', () => accounts.load());
    ipc.handle('account:save', ({ settings: account, password, allowUnprotectedPassword }) =>
      accounts.save(account, password, { allowUnprotectedPassword }),
    );
    ipc.handle('preferences:load', () => settings.currentPreferences());
    ipc.handle('preferences:save', (next) => savePreferences(next));
    ipc.handle('shortcuts:status', () => shell?.shortcutStatus() ?? { answer: idle(), hangup: idle(), toggleMute: idle() });
    ipc.listen('phone:call-changed', ({ session, autoAnswerRequest }) => {
      phone.updateCall(session);
      shell?.callChanged(session, autoAnswerRequest);
    });
    ipc.listen('phone:missed-calls', (count) => shell?.pageMissedCallsChanged(count));
    ipc.listen('phone:registration-changed', (snapshot) => {
      phone.updateRegistration(snapshot);
      shell?.refresh();
    });
    ipc.handle('shell:open-external', (url) => openExternalLink(electron.shell, url));

    openMainWindow();
    started = true;

    // getDisplayMedia() on the desktop: our picker, modal over the main window.
    picker = createScreenSharePicker({
      BrowserWindow: electron.BrowserWindow,
      ipcMain: electron.ipcMain,
      preloadPath: paths.preload,
      parent: () => windows.all()[0] ?? null,
    });
    installDisplayMediaHandler(electron.session.defaultSession, {
      desktopCapturer: electron.desktopCapturer,
      picker,
      ...(platform === 'darwin' ? { screenAccess: () => electron.systemPreferences.getMediaAccessStatus('screen') } : {}),
      onFailure: (failure) => {
        showScreenShareFailure(
          { dialog: electron.dialog, shell: electron.shell, window: () => windows.all()[0] ?? null, platform },
          failure,
        ).catch((error: unknown) => console.error('[screen-share] could not explain a failure:', error));
      },
    });

    shell = createDesktopShell({
      phone,
      preferences,
      setDoNotDisturb: (enabled) => {
        savePreferences({ ...settings.currentPreferences(), doNotDisturb: enabled }).catch((error: unknown) => {
          console.error('[preferences] could not save do-not-disturb:', error);
        });
      },
      sendCommand,
      window: {
        isVisible: () => windows.all()[0]?.isVisible() ?? false,
        isFocused: () => windows.all()[0]?.isFocused() ?? false,
        isMinimized: () => windows.all()[0]?.isMinimized() ?? false,
        show: showMainWindow,
        hide: () => windows.all()[0]?.hide(),
        requestAttention: () => windows.all()[0]?.flashFrame(true),
      },
      quit: () => app.quit(),
      platform,
      tray: { Tray: electron.Tray, Menu: electron.Menu, iconPath: (icon) => trayIconPath(paths.trayIcons, icon) },
      Notification: electron.Notification,
      globalShortcut: electron.globalShortcut,
      shortcutsViaPortal: displayServer === 'wayland',
      alerts,
      createPopup: alerts.popup
        ? (onAction) =>
              createIncomingCallPopup(
                { BrowserWindow: electron.BrowserWindow, ipcMain: electron.ipcMain, screen: electron.screen, preloadPath: paths.preload },
                onAction,
              )
          : null,
    });
    shell.applyShortcuts();
    registerCallLinks(false);

    handleLink = (link) => {
      const account = settings.currentAccount();
      const command = callLinkCommand(link, {
        autoDial: settings.currentPreferences().autoDialLinks,
        defaultDomain: account ? accountDomain(account) : '',
      });
      if (!command) {
        console.warn(`[links] ignored a link that is not a call address: ${link.slice(0, 80)}`);
        return;
      }
      showMainWindow();
      sendCommand(command);
    };
    for (const link of earlyLinks.splice(0)) handleLink(link);
  });
  whenStarted.catch((error: unknown) => {
    console.error('[app] start-up failed:', error);
    app.quit();
  });
  return { phone, trayModel: () => shell?.trayModel() ?? null, ready: whenStarted };
}

function idle() {
  return { accelerator: '', registered: false };
}

/** Whether this run serves the e2e build and exposes the test hooks: `electron .` asked by the Playwright suite, never an installed app. */
export function e2eRun(packaged: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return !packaged && env.SOFTPHONE_E2E_HOOKS === '1';
}

/**
 * The layout of the bundled app: everything sits beside the main bundle in dist/electron. The
 * Playwright `_electron` suite gets the e2e build of the renderer (dist/e2e, or
 * SOFTPHONE_E2E_DIST as vite.config.ts builds it), whose `window.__softphone` the specs read; an
 * installed app ignores both variables, so nothing in its environment can swap the page it serves.
 */
export function bundledAppPaths(
  electronDirectory: string,
  { packaged = true, env = {} }: { packaged?: boolean; env?: Readonly<Record<string, string | undefined>> } = {},
): AppPaths {
  const e2e = e2eRun(packaged, env);
  return {
    preload: path.join(electronDirectory, 'preload.cjs'),
    webRoot: e2e ? path.resolve(env.SOFTPHONE_E2E_DIST ?? path.join(electronDirectory, '..', 'e2e')) : path.join(electronDirectory, '..', 'web'),
    popupRoot: path.join(electronDirectory, 'incoming-call'),
    pickerRoot: path.join(electronDirectory, 'screen-share-picker'),
    trayIcons: path.join(electronDirectory, 'tray'),
  };
}
