// Wires the main process together. The order matters and is Electron's: sandboxing and the
// app:// scheme privileges must be set before `ready`, the single-instance lock before any
// window exists; stores, protocol, permissions and IPC are installed on `ready`, and only
// then is the window created, so its first request already meets every guard.

import type { BrowserWindowConstructorOptions, Protocol, SafeStorage, Shell } from 'electron';
import type { AccountSettings } from '../shared/account-settings';
import { createAccountService } from './account-service';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { buildContentSecurityPolicy, websocketOrigins } from './content-security-policy';
import { createIpcRouter, type IpcMainPort } from './ipc-router';
import { createMainWindow, type MainWindowLike } from './main-window';
import { openExternalLink } from './external-links';
import { installPermissionPolicy, type PermissionSession } from './permission-policy';
import { createPhoneStateMirror, type PhoneStateMirror } from './phone-state-mirror';
import { createSecretStore, type SafeStoragePort } from './secret-store';
import { createSettingsStore } from './settings-store';
import { guardWebContents, type GuardedWebContents } from './web-contents-guard';
import { createWindowRegistry, type RegisteredWindow } from './window-registry';

type AppWindow = MainWindowLike &
  RegisteredWindow & {
    focus(): void;
    isMinimized(): boolean;
    restore(): void;
  };

/** What the app needs of Electron's `app`; listener registration returns are not relied on. */
interface AppPort {
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedWebContents) => void): unknown;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
}

/** The parts of the `electron` module the app uses; the real module and the test fake fit it. */
export interface ElectronModule {
  app: AppPort;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => AppWindow;
  ipcMain: IpcMainPort;
  protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  session: { defaultSession: PermissionSession };
  safeStorage: SafeStoragePort & Pick<SafeStorage, 'isEncryptionAvailable'>;
  shell: Pick<Shell, 'openExternal'>;
}

export interface AppPaths {
  /** The bundled preload (dist/electron/preload.cjs). */
  preload: string;
  /** The built renderer (dist/web). */
  webRoot: string;
}

export interface RunningApp {
  phone: PhoneStateMirror;
  /** Resolves once the main window exists (or rejects with the start-up error). */
  ready: Promise<void>;
}

function serverUrls(account: AccountSettings | null): string[] {
  return account ? [account.serverUrl] : [];
}

export function startApp(electron: ElectronModule, paths: AppPaths, platform: NodeJS.Platform = process.platform): RunningApp | null {
  const { app } = electron;
  app.enableSandbox();
  // A second launch (e.g. a sip: link clicked while running) hands over to the first one.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme(electron.protocol);

  const windows = createWindowRegistry<AppWindow>();
  const phone = createPhoneStateMirror();
  let started = false;
  const openMainWindow = () => windows.add(createMainWindow(electron.BrowserWindow, paths.preload));

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { shell: electron.shell }));
  app.on('second-instance', () => {
    const [window] = windows.all();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (started && windows.all().length === 0) openMainWindow();
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  const whenStarted = app.whenReady().then(async () => {
    const directory = app.getPath('userData');
    const settings = createSettingsStore({ directory });
    const secrets = createSecretStore({ directory, safeStorage: electron.safeStorage, platform });
    const accounts = createAccountService(settings, secrets);
    // Loaded before the first page request, whose CSP names the configured server.
    await settings.load();

    installPermissionPolicy(electron.session.defaultSession);
    serveAppProtocol(electron.protocol, {
      webRoot: paths.webRoot,
      contentSecurityPolicy: () => buildContentSecurityPolicy(serverUrls(settings.currentAccount())),
    });

    const router = createIpcRouter({ ipcMain: electron.ipcMain, isOwnWebContents: (contents) => windows.has(contents) });
    router.handle('account:load', () => accounts.load());
    router.handle('account:save', async ({ settings: account, password }, { sender }) => {
      const allowedBefore = websocketOrigins(serverUrls(settings.currentAccount())).join(' ');
      const result = await accounts.save(account, password);
      const allowedAfter = websocketOrigins(serverUrls(settings.currentAccount())).join(' ');
      // The CSP is fixed when a document loads, so a new server origin only becomes reachable
      // after a reload; it happens once the reply is on its way, and the page boots from the
      // saved account.
      if (allowedAfter !== allowedBefore) {
        setImmediate(() => {
          if (!sender.isDestroyed()) sender.reload();
        });
      }
      return result;
    });
    router.listen('phone:call-changed', (snapshot) => phone.updateCall(snapshot));
    router.listen('phone:registration-changed', (snapshot) => phone.updateRegistration(snapshot));
    router.handle('shell:open-external', (url) => openExternalLink(electron.shell, url));

    openMainWindow();
    started = true;
  });
  whenStarted.catch((error: unknown) => {
    console.error('[app] start-up failed:', error);
    app.quit();
  });
  return { phone, ready: whenStarted };
}
