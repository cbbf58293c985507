// The one stand-in for the `electron` module used by every main-process and preload test.
// It imitates only the objects we use, but imitates them faithfully where behaviour matters
// to our code: IPC payloads are structured-cloned, a second `ipcMain.handle` throws,
// `enableSandbox` and scheme registration throw after `ready`, `safeStorage` ciphertext is
// not the plain text and fails to decrypt under another key, window-open and navigation go
// through the handlers that the app installed, a display-media callback answered with `{}`
// throws as Electron's does. Use it with
// `vi.mock('electron', () => import('./test-support/electron-fake'))` or inject its objects.

import { EventEmitter } from 'node:events';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  HandlerDetails,
  IpcMainInvokeEvent,
  PermissionCheckHandlerHandlerDetails,
  PermissionRequest,
  WindowOpenHandlerResponse,
} from 'electron';

// ---------------------------------------------------------------- app

class FakeApp extends EventEmitter {
  /** Order in which lifecycle-relevant calls happened, for "before ready" assertions. */
  readonly calls: string[] = [];
  sandboxEnabled = false;
  singleInstanceLockAvailable = true;
  quitCount = 0;
  private ready = false;
  private readyWaiters: Array<() => void> = [];
  private paths = new Map<string, string>();

  enableSandbox(): void {
    if (this.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    this.sandboxEnabled = true;
    this.calls.push('enableSandbox');
  }
  isReady(): boolean {
    return this.ready;
  }
  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  requestSingleInstanceLock(): boolean {
    this.calls.push('requestSingleInstanceLock');
    return this.singleInstanceLockAvailable;
  }
  quit(): void {
    this.quitCount += 1;
    this.calls.push('quit');
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`Failed to get '${name}' path`);
    return value;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  /** Schemes the app asked to handle, in order. */
  readonly protocolClients: string[] = [];
  appUserModelId: string | null = null;
  setAsDefaultProtocolClient(scheme: string): boolean {
    this.protocolClients.push(scheme);
    return true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  /** Test control: what Electron does once Chromium has initialised. */
  emitReady(): void {
    this.ready = true;
    this.calls.push('ready');
    this.emit('ready');
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  reset(): void {
    this.removeAllListeners();
    this.calls.length = 0;
    this.sandboxEnabled = false;
    this.singleInstanceLockAvailable = true;
    this.quitCount = 0;
    this.ready = false;
    this.readyWaiters = [];
    this.paths.clear();
    this.protocolClients.length = 0;
    this.appUserModelId = null;
  }
  /** Test control: what Electron does on app.quit(): before-quit, then windows close, then will-quit. */
  emitQuit(): void {
    const event = preventableEvent({});
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const win of BrowserWindow.getAllWindows()) win.close();
    this.emit('will-quit', preventableEvent({}));
  }
}

export const app = new FakeApp();

// ---------------------------------------------------------------- session

type PermissionName = Parameters<Electron.Session['setPermissionCheckHandler']> extends [infer H]
  ? H extends (wc: never, permission: infer P, ...rest: never[]) => boolean
    ? P
    : never
  : never;
type RequestHandler = (
  webContents: FakeWebContents,
  permission: PermissionName,
  callback: (granted: boolean) => void,
  details: PermissionRequest & { mediaTypes?: Array<'video' | 'audio'>; securityOrigin?: string },
) => void;
type CheckHandler = (
  webContents: FakeWebContents | null,
  permission: PermissionName,
  requestingOrigin: string,
  details: PermissionCheckHandlerHandlerDetails,
) => boolean;

type BeforeRequestListener = (
  details: { url: string; resourceType: string; id: number },
  callback: (response: { cancel?: boolean }) => void,
) => void;

/** Chromium's request interception, enough for `onBeforeRequest` with a URL filter. */
export class FakeWebRequest {
  private listener: { patterns: RegExp[]; listener: BeforeRequestListener } | null = null;
  private nextId = 1;

  onBeforeRequest(filter: { urls: string[] }, listener: BeforeRequestListener | null): void {
    // Electron's URL patterns: `*` matches anything; one listener per session.
    const toRegExp = (pattern: string) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    this.listener = listener ? { patterns: filter.urls.map(toRegExp), listener } : null;
  }
  /** Test control: the page opens `url` (a WebSocket for ws:/wss:). Resolves whether it was cancelled. */
  request(url: string): Promise<boolean> {
    const active = this.listener;
    if (!active || !active.patterns.some((pattern) => pattern.test(url))) return Promise.resolve(false);
    const resourceType = /^wss?:/.test(url) ? 'webSocket' : 'xhr';
    return new Promise((resolve) => active.listener({ url, resourceType, id: this.nextId++ }, (response) => resolve(response.cancel === true)));
  }
  reset(): void {
    this.listener = null;
  }
}

type DisplayMediaStreams = { video?: { id: string; name: string } | FakeWebFrameMain; audio?: string | FakeWebFrameMain } | null | undefined;
type DisplayMediaHandler = (
  request: { frame: FakeWebFrameMain | null; securityOrigin: string; videoRequested: boolean; audioRequested: boolean; userGesture: boolean },
  callback: (streams: DisplayMediaStreams) => void,
) => void;

/** What getDisplayMedia() in the page ends with. */
export type DisplayMediaOutcome =
  | { granted: true; video: { id: string; name: string } }
  | { granted: false; error: string };

export class FakeSession {
  readonly webRequest = new FakeWebRequest();
  private requestHandler: RequestHandler | null = null;
  private checkHandler: CheckHandler | null = null;
  private displayMediaHandler: DisplayMediaHandler | null = null;
  /** Errors Electron's display-media callback threw in the main process (an unhandled rejection there). */
  readonly displayMediaCallbackErrors: string[] = [];

  setDisplayMediaRequestHandler(handler: DisplayMediaHandler | null): void {
    this.displayMediaHandler = handler;
  }

  /**
   * Test control: `getDisplayMedia()` from `frame`. Settles as Electron's native side does:
   * null/undefined is a plain failure, a source (`{ id, name }`) is granted, and an answer
   * without the video that was requested (`{}`) throws a TypeError in the main process and
   * fails the request. Electron without a handler cannot pick a source and fails too.
   */
  requestDisplayMedia(
    frame: FakeWebFrameMain | null,
    request: { securityOrigin?: string; videoRequested?: boolean; audioRequested?: boolean; userGesture?: boolean } = {},
  ): Promise<DisplayMediaOutcome> {
    const handler = this.displayMediaHandler;
    if (!handler) return Promise.resolve({ granted: false, error: 'NotSupportedError' });
    const full = {
      frame,
      // scheme://host, which is what Chromium reports for app:// too (WHATWG URL says "null" there).
      securityOrigin: request.securityOrigin ?? (frame ? frame.url.split('/').slice(0, 3).join('/') : ''),
      videoRequested: request.videoRequested ?? true,
      audioRequested: request.audioRequested ?? false,
      userGesture: request.userGesture ?? true,
    };
    return new Promise((resolve) => {
      let answered = false;
      handler(full, (streams) => {
        if (answered) throw new Error('The display-media callback has already been called');
        answered = true;
        if (streams === null || streams === undefined) return resolve({ granted: false, error: 'AbortError' });
        const video = streams.video;
        if (full.videoRequested && video === undefined) {
          const message = 'Video was requested, but no video stream was provided';
          this.displayMediaCallbackErrors.push(message);
          resolve({ granted: false, error: 'AbortError' });
          throw new TypeError(message);
        }
        if (video instanceof FakeWebFrameMain || video === undefined) return resolve({ granted: false, error: 'not modelled' });
        if (typeof video.id !== 'string' || typeof video.name !== 'string') {
          resolve({ granted: false, error: 'AbortError' });
          throw new TypeError('video must be a WebFrameMain or DesktopCapturerSource');
        }
        resolve({ granted: true, video: { id: video.id, name: video.name } });
      });
    });
  }

  setPermissionRequestHandler(handler: RequestHandler | null): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler | null): void {
    this.checkHandler = handler;
  }

  /** Test control: a page asks for a permission. Electron grants everything without a handler. */
  requestPermission(
    webContents: FakeWebContents,
    permission: PermissionName,
    details: Parameters<RequestHandler>[3],
  ): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(webContents, permission, resolve, details));
  }
  /** Test control: Chromium checks a permission synchronously (e.g. enumerateDevices labels). */
  checkPermission(
    webContents: FakeWebContents | null,
    permission: PermissionName,
    requestingOrigin: string,
    details: PermissionCheckHandlerHandlerDetails,
  ): boolean {
    return this.checkHandler ? this.checkHandler(webContents, permission, requestingOrigin, details) : true;
  }
  reset(): void {
    this.requestHandler = null;
    this.checkHandler = null;
    this.displayMediaHandler = null;
    this.displayMediaCallbackErrors.length = 0;
    this.webRequest.reset();
  }
}

export const session = { defaultSession: new FakeSession() };

// ---------------------------------------------------------------- frames and web contents

export class FakeWebFrameMain {
  constructor(
    public url: string,
    public readonly parent: FakeWebFrameMain | null = null,
  ) {}
  get top(): FakeWebFrameMain {
    return this.parent ? this.parent.top : this;
  }
}

interface PreventableEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

function preventableEvent<T extends object>(fields: T): T & PreventableEvent {
  let prevented = false;
  // defineProperty, not Object.assign: assign would copy the getter's value once, not the getter.
  return Object.defineProperties(fields, {
    preventDefault: { value: () => (prevented = true) },
    defaultPrevented: { get: () => prevented },
  }) as T & PreventableEvent;
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = session.defaultSession;
  readonly mainFrame = new FakeWebFrameMain('');
  /** Everything main sent to this page, already structured-cloned. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  reloadCount = 0;
  private windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  private destroyed = false;

  getURL(): string {
    return this.mainFrame.url;
  }
  loadURL(url: string): Promise<void> {
    this.mainFrame.url = url;
    this.reportLoad();
    return Promise.resolve();
  }
  /** As Electron's: the same URL loads again, a new document with nothing of the old page. */
  reload(): void {
    this.reloadCount += 1;
    this.reportLoad();
  }
  // Chromium reports a load after the current task, start then finish, as here.
  private reportLoad(): void {
    setImmediate(() => {
      if (this.destroyed) return;
      this.emit('did-start-loading');
      this.emit('did-finish-load');
    });
  }
  /** Test control: the renderer process dies (`reason` as Electron's RenderProcessGoneDetails). */
  crash(reason: Electron.RenderProcessGoneDetails['reason'] = 'crashed'): void {
    this.emit('render-process-gone', preventableEvent({}), { reason, exitCode: 139 });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    if (ipcRenderer.boundTo === this) ipcRenderer.deliver(channel, cloned);
  }

  /** Test control: the page (or a link in it) tries to navigate. Returns whether it was blocked. */
  attemptNavigation(url: string): boolean {
    const event = preventableEvent({ url, isMainFrame: true, isSameDocument: false, frame: this.mainFrame });
    this.emit('will-navigate', event, url, false, true, 1, 1);
    return event.defaultPrevented;
  }
  /** Test control: `window.open(url)` or a target=_blank link. Electron allows it without a handler. */
  attemptWindowOpen(url: string): WindowOpenHandlerResponse {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({
      url,
      frameName: '',
      features: '',
      disposition: 'foreground-tab',
      referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' },
    });
  }
  /** Test control: a `<webview>` is about to be attached. Returns whether it was blocked. */
  attemptAttachWebview(src: string): boolean {
    const event = preventableEvent({});
    const webPreferences: Record<string, unknown> = { nodeIntegration: true };
    this.emit('will-attach-webview', event, webPreferences, { src });
    return event.defaultPrevented;
  }
}

// ---------------------------------------------------------------- BrowserWindow

let nextWindowId = 1;
const openWindows = new Set<BrowserWindow>();

/** Electron's options, with the fake window as the parent a child window names. */
export type FakeWindowOptions = Omit<BrowserWindowConstructorOptions, 'parent'> & { parent?: BrowserWindow };

export class BrowserWindow extends EventEmitter {
  readonly id = nextWindowId++;
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  minimized = false;
  position: [number, number] | null = null;
  private destroyed = false;

  constructor(readonly options: FakeWindowOptions = {}) {
    super();
    openWindows.add(this);
    if (options.x !== undefined && options.y !== undefined) this.position = [options.x, options.y];
    // As in Electron, a child window goes when its parent goes.
    options.parent?.once('closed', () => this.destroy());
    app.emit('web-contents-created', preventableEvent({}), this.webContents);
  }
  getParentWindow(): BrowserWindow | null {
    return this.options.parent ?? null;
  }
  static getAllWindows(): BrowserWindow[] {
    return [...openWindows];
  }
  static fromWebContents(contents: FakeWebContents): BrowserWindow | null {
    return [...openWindows].find((win) => win.webContents === contents) ?? null;
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
    // A window created with focusable: false never takes keyboard focus.
    if (this.options.focusable !== false) this.focused = true;
  }
  /** Shows without activating: keyboard focus stays where it was. */
  showInactive(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
    this.focused = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  focus(): void {
    if (this.options.focusable !== false) this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  setPosition(x: number, y: number): void {
    this.position = [x, y];
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** As in Electron: 'close' can be prevented (e.g. hide to the tray instead); then 'closed'. */
  close(): void {
    if (this.destroyed) return;
    const event = preventableEvent({});
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  /** Closes without 'close' (cannot be prevented), as Electron's destroy() does. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    openWindows.delete(this);
    this.emit('closed');
    this.webContents.destroy();
    if (openWindows.size === 0) app.emit('window-all-closed');
  }
}

// ---------------------------------------------------------------- ipcMain

/** Who an IPC message comes from: a frame inside some web contents (ours or not). */
export interface FakeSender {
  webContents: FakeWebContents;
  frame: FakeWebFrameMain | null;
}

/** Test control: a sender whose frame shows `url`, inside `contents` (default: stray contents). */
export function senderAt(
  url: string,
  options: { contents?: FakeWebContents; subframeOf?: string } = {},
): FakeSender {
  const webContents = options.contents ?? new FakeWebContents();
  const frame =
    options.subframeOf === undefined
      ? Object.assign(webContents.mainFrame, { url })
      : new FakeWebFrameMain(url, new FakeWebFrameMain(options.subframeOf));
  return { webContents, frame };
}

function ipcEvent(sender: FakeSender) {
  return preventableEvent({
    sender: sender.webContents,
    senderFrame: sender.frame,
    frameId: 1,
    processId: 1,
    type: 'frame' as const,
    returnValue: undefined as unknown,
    ports: [],
    reply: (channel: string, ...args: unknown[]) => sender.webContents.send(channel, ...args),
  });
}

// The event is typed as Electron's so that real handlers fit; the fake passes its own
// look-alike (sender, senderFrame, frameId...), which is all our handlers read.
type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

class FakeIpcMain extends EventEmitter {
  private handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  hasHandler(channel: string): boolean {
    return this.handlers.has(channel);
  }

  /** Test control: `ipcRenderer.invoke` from `sender`, with Electron's error wrapping. */
  async invokeFrom(sender: FakeSender, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    try {
      const event = ipcEvent(sender) as unknown as IpcMainInvokeEvent;
      return structuredClone(await handler(event, ...structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  }
  /** Test control: `ipcRenderer.send` from `sender`. */
  sendFrom(sender: FakeSender, channel: string, ...args: unknown[]): void {
    this.emit(channel, ipcEvent(sender), ...structuredClone(args));
  }
  reset(): void {
    this.handlers.clear();
    this.removeAllListeners();
  }
}

export const ipcMain = new FakeIpcMain();

// ---------------------------------------------------------------- preload side

class FakeIpcRenderer extends EventEmitter {
  /** The web contents this preload runs in; main's `send` to it reaches our listeners. */
  boundTo: FakeWebContents | null = null;

  bind(contents: FakeWebContents): void {
    this.boundTo = contents;
  }
  private sender(): FakeSender {
    if (!this.boundTo) throw new Error('ipcRenderer used before the fake was bound to web contents');
    return { webContents: this.boundTo, frame: this.boundTo.mainFrame };
  }
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return ipcMain.invokeFrom(this.sender(), channel, ...args);
  }
  send(channel: string, ...args: unknown[]): void {
    ipcMain.sendFrom(this.sender(), channel, ...args);
  }
  deliver(channel: string, args: unknown[]): void {
    this.emit(channel, { sender: this, senderId: 0, ports: [] }, ...args);
  }
  reset(): void {
    this.boundTo = null;
    this.removeAllListeners();
  }
}

export const ipcRenderer = new FakeIpcRenderer();

class FakeContextBridge {
  /** What page code can see on `window`. */
  readonly mainWorld: Record<string, unknown> = {};

  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (apiKey in this.mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.mainWorld[apiKey] = api;
  }
  reset(): void {
    for (const key of Object.keys(this.mainWorld)) delete this.mainWorld[key];
  }
}

export const contextBridge = new FakeContextBridge();

// ---------------------------------------------------------------- protocol

class FakeProtocol {
  readonly privilegedSchemes: CustomScheme[] = [];
  private handlers = new Map<string, (request: Request) => Response | Promise<Response>>();

  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    app.calls.push('registerSchemesAsPrivileged');
    this.privilegedSchemes.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    if (this.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.handlers.set(scheme, handler);
  }
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  }
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  }
  /** Test control: what Chromium does when the page loads `url`. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME (${scheme})`);
    return handler(new Request(url, init));
  }
  reset(): void {
    this.privilegedSchemes.length = 0;
    this.handlers.clear();
  }
}

export const protocol = new FakeProtocol();

// ---------------------------------------------------------------- safeStorage

type StorageBackend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

class FakeSafeStorage {
  backend: StorageBackend = 'gnome_libsecret';
  available = true;
  // Chromium prefixes its OS-crypt ciphertext with a version tag; the key stands in for the keyring's.
  private key = 0x5a;

  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  }
  encryptString(plainText: string): Buffer {
    if (!this.available) {
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    }
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ this.key);
    return Buffer.concat([Buffer.from('v11'), Buffer.from([this.key]), body]);
  }
  decryptString(encrypted: Buffer): string {
    if (!this.available) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    }
    if (encrypted.subarray(0, 3).toString() !== 'v11' || encrypted[3] !== this.key) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return Buffer.from(encrypted.subarray(4).map((byte) => byte ^ this.key)).toString('utf8');
  }

  /** Test control: the keyring now holds another key, so earlier ciphertext is unreadable. */
  changeKey(): void {
    this.key = (this.key + 1) % 256;
  }
  reset(): void {
    this.backend = 'gnome_libsecret';
    this.available = true;
    this.key = 0x5a;
  }
}

export const safeStorage = new FakeSafeStorage();

// ---------------------------------------------------------------- shell

class FakeShell {
  readonly opened: string[] = [];
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  }
  reset(): void {
    this.opened.length = 0;
  }
}

export const shell = new FakeShell();

// ---------------------------------------------------------------- Menu and Tray

type MenuItemOptions = Electron.MenuItemConstructorOptions;

export class FakeMenu {
  constructor(readonly items: MenuItemOptions[]) {}
  static buildFromTemplate(template: MenuItemOptions[]): FakeMenu {
    return new FakeMenu(template.map((item) => ({ ...item })));
  }
  /** Test control: the user picks the item with this id; throws when it is absent or disabled. */
  click(id: string): void {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item) throw new Error(`no menu item '${id}'`);
    if (item.enabled === false) throw new Error(`menu item '${id}' is disabled`);
    item.click?.(item as unknown as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
  }
}

export const Menu = FakeMenu;

const liveTrays = new Set<FakeTray>();

export class FakeTray extends EventEmitter {
  image: string;
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  /** How many times setContextMenu was called: Linux only picks up a changed menu this way. */
  contextMenuSets = 0;
  private destroyed = false;

  constructor(image: string) {
    super();
    this.image = image;
    liveTrays.add(this);
  }
  static all(): FakeTray[] {
    return [...liveTrays];
  }
  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
    this.contextMenuSets += 1;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    liveTrays.delete(this);
  }
}

export const Tray = FakeTray;

// ---------------------------------------------------------------- Notification

const shownNotifications: FakeNotification[] = [];

export class FakeNotification extends EventEmitter {
  /** Test control: Electron reports no support on some Linux desktops without a daemon. */
  static supported = true;
  visible = false;
  constructor(readonly options: Electron.NotificationConstructorOptions = {}) {
    super();
  }
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  static shown(): FakeNotification[] {
    return [...shownNotifications];
  }
  show(): void {
    this.visible = true;
    shownNotifications.push(this);
    this.emit('show', preventableEvent({}));
  }
  close(): void {
    if (!this.visible) return;
    this.visible = false;
    this.emit('close', preventableEvent({}));
  }
  /** Test control: the user clicks the notification body. */
  click(): void {
    this.emit('click', preventableEvent({}));
  }
  /** Test control: the user presses action button `index` (macOS and Windows only). */
  pressAction(index: number): void {
    if (!this.options.actions?.[index]) throw new Error(`notification has no action ${index}`);
    this.emit('action', preventableEvent({}), index);
  }
}

export const Notification = FakeNotification;

// ---------------------------------------------------------------- globalShortcut

class FakeGlobalShortcut {
  /** Test control: accelerators another application already holds (register() returns false). */
  readonly ownedByOtherApps = new Set<string>();
  private registered = new Map<string, () => void>();

  register(accelerator: string, callback: () => void): boolean {
    // Electron fails to convert an accelerator it cannot parse and throws.
    const parts = accelerator.split('+');
    if (accelerator === '' || parts.some((part) => part === '')) {
      throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    }
    const key = accelerator.toLowerCase();
    if (this.ownedByOtherApps.has(key) || this.registered.has(key)) return false;
    this.registered.set(key, callback);
    return true;
  }
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator.toLowerCase());
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator.toLowerCase());
  }
  unregisterAll(): void {
    this.registered.clear();
  }
  /** Test control: the user presses `accelerator` anywhere on the desktop. Returns whether we got it. */
  press(accelerator: string): boolean {
    const callback = this.registered.get(accelerator.toLowerCase());
    callback?.();
    return callback !== undefined;
  }
  registeredAccelerators(): string[] {
    return [...this.registered.keys()];
  }
  reset(): void {
    this.ownedByOtherApps.clear();
    this.registered.clear();
  }
}

export const globalShortcut = new FakeGlobalShortcut();

// ---------------------------------------------------------------- nativeImage and desktopCapturer

export class FakeNativeImage {
  constructor(
    private readonly size: { width: number; height: number },
    private readonly label: string,
  ) {}
  isEmpty(): boolean {
    return this.size.width === 0 || this.size.height === 0;
  }
  getSize(): { width: number; height: number } {
    return { ...this.size };
  }
  /** Always PNG, as Electron's; empty images give a data URL with no data. */
  toDataURL(): string {
    if (this.isEmpty()) return 'data:image/png;base64,';
    return `data:image/png;base64,${Buffer.from(`PNG ${this.label} ${this.size.width}x${this.size.height}`).toString('base64')}`;
  }
}

/** A screen or window the fake desktop has; ids follow Chromium's `screen:N:0` / `window:H:0`. */
export interface FakeDesktopSource {
  id: string;
  name: string;
  /** Whether the window's application provides an icon (screens never have one). */
  hasIcon?: boolean;
}

type SourcesOptions = Electron.SourcesOptions;

class FakeDesktopCapturer {
  /** Test control: what is on the desktop, in the order the system lists it. */
  sources: FakeDesktopSource[] = [];
  /** Test control: getSources() rejects with this (macOS without consent, a cancelled portal). */
  failure: Error | null = null;
  readonly requests: SourcesOptions[] = [];

  getSources(options: SourcesOptions): Promise<Electron.DesktopCapturerSource[]> {
    this.requests.push(structuredClone(options));
    if (this.failure) return Promise.reject(this.failure);
    const size = options.thumbnailSize ?? { width: 150, height: 150 };
    const listed = this.sources
      .filter((source) => options.types.includes(source.id.startsWith('screen:') ? 'screen' : 'window'))
      .map((source) => {
        const isScreen = source.id.startsWith('screen:');
        const icon = !isScreen && options.fetchWindowIcons === true && source.hasIcon !== false ? new FakeNativeImage({ width: 32, height: 32 }, `icon ${source.id}`) : null;
        return {
          id: source.id,
          name: source.name,
          display_id: isScreen ? source.id.split(':')[1] ?? '' : '',
          thumbnail: new FakeNativeImage(size, source.id),
          // Electron's types say NativeImage, but it is null for screens and without fetchWindowIcons.
          appIcon: icon,
        };
      });
    return Promise.resolve(listed as unknown as Electron.DesktopCapturerSource[]);
  }
  reset(): void {
    this.sources = [];
    this.failure = null;
    this.requests.length = 0;
  }
}

export const desktopCapturer = new FakeDesktopCapturer();

// ---------------------------------------------------------------- screen

export const screen = {
  getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, scaleFactor: 1 }),
};

/** Call in `beforeEach`: every fake object back to a freshly started Electron. */
export function resetElectronFake(): void {
  app.reset();
  for (const win of BrowserWindow.getAllWindows()) win.destroy();
  for (const tray of FakeTray.all()) tray.destroy();
  shownNotifications.length = 0;
  FakeNotification.supported = true;
  globalShortcut.reset();
  session.defaultSession.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  contextBridge.reset();
  protocol.reset();
  safeStorage.reset();
  shell.reset();
  desktopCapturer.reset();
}
