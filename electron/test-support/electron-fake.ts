// The one stand-in for the `electron` module used by every main-process and preload test.
// It imitates only the objects we use, but imitates them as Electron 45's own sources and docs
// say they behave, each with the file in electron/electron it comes from, because a test
// against a kinder fake proves nothing. Among what it reproduces: IPC payloads are structured-
// cloned and a second `ipcMain.handle` throws; `contextBridge` copies what it exposes (class
// prototypes dropped, proxies refused, everything frozen); `loadURL` goes through the handler
// registered with `protocol.handle` and settles after the load; a default application menu
// with Reload and Toggle DevTools exists unless the app sets one; notifications emit `close`
// and `failed` as each OS does and are garbage-collected when nothing holds them; a tray click
// on macOS also opens its menu; BrowserWindow, Tray, Notification, `globalShortcut` and
// `safeStorage` refuse to work before `ready`; on the Wayland portal, `globalShortcut.register`
// always says yes and `unregister` does nothing; `second-instance` argv carries Chromium's
// switches in front of the positional arguments. Use it with
// `vi.mock('electron', () => import('./test-support/electron-fake'))` or inject its objects.
// `fakeSystem` says which OS and display server the fake plays (Linux/X11 by default).

import { EventEmitter } from 'node:events';
import { types } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  HandlerDetails,
  IpcMainInvokeEvent,
  PermissionCheckHandlerHandlerDetails,
  PermissionRequest,
  WindowOpenHandlerResponse,
} from 'electron';

// ---------------------------------------------------------------- the system the fake plays

/** Test control: the OS (and on Linux the display server) Electron runs on. */
export const fakeSystem = {
  platform: 'linux' as NodeJS.Platform,
  /** Linux only: Electron 38+ runs natively on Wayland when XDG_SESSION_TYPE=wayland (docs/breaking-changes.md, 38.0). */
  displayServer: 'x11' as 'x11' | 'wayland',
  reset(): void {
    this.platform = 'linux';
    this.displayServer = 'x11';
  },
};

const isMac = () => fakeSystem.platform === 'darwin';
const isWindows = () => fakeSystem.platform === 'win32';
const isWayland = () => fakeSystem.platform === 'linux' && fakeSystem.displayServer === 'wayland';

function requireReady(message: string): void {
  if (!app.isReady()) throw new Error(message);
}

// ---------------------------------------------------------------- app

export interface ProtocolClientCall {
  scheme: string;
  path?: string;
  args?: string[];
}

class FakeApp extends EventEmitter {
  /** Order in which lifecycle-relevant calls happened, for "before ready" assertions. */
  readonly calls: string[] = [];
  sandboxEnabled = false;
  singleInstanceLockAvailable = true;
  quitCount = 0;
  /** As Electron's: false under `electron .`, true in an installed app. */
  isPackaged = false;
  desktopName: string | null = null;
  private ready = false;
  private readyWaiters: Array<() => void> = [];
  private paths = new Map<string, string>();
  private pendingSecondInstances: Array<() => void> = [];

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
  /** docs/api/app.md: Linux only, before `ready`; the portal and the notification daemon identify the app by it. */
  setDesktopName(name: string): void {
    this.desktopName = name;
    this.calls.push('setDesktopName');
  }

  /** Schemes the app asked to handle, in order (see `protocolClientCalls` for the arguments). */
  readonly protocolClients: string[] = [];
  readonly protocolClientCalls: ProtocolClientCall[] = [];
  /** Schemes whose registration the app removed. */
  readonly removedProtocolClients: string[] = [];
  appUserModelId: string | null = null;
  setAsDefaultProtocolClient(scheme: string, path?: string, args?: string[]): boolean {
    this.protocolClients.push(scheme);
    this.protocolClientCalls.push({ scheme, ...(path === undefined ? {} : { path }), ...(args === undefined ? {} : { args }) });
    return true;
  }
  /** shell/browser/browser_linux.cc: "Todo implement", it returns false and removes nothing on Linux. */
  removeAsDefaultProtocolClient(scheme: string): boolean {
    if (fakeSystem.platform === 'linux') return false;
    this.removedProtocolClients.push(scheme);
    return true;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  /**
   * Test control: what Electron does once Chromium has initialised. lib/browser/init.ts installs
   * the default menu on 'will-finish-launching', which comes before 'ready', unless the app has
   * set a menu of its own by then (lib/browser/default-menu.ts).
   */
  emitReady(): void {
    this.emit('will-finish-launching');
    installDefaultApplicationMenu();
    this.ready = true;
    this.calls.push('ready');
    this.emit('ready');
    for (const resolve of this.readyWaiters.splice(0)) resolve();
    for (const deliver of this.pendingSecondInstances.splice(0)) deliver();
  }

  /**
   * Test control: the app is launched again with `argv` (a link clicked, the icon clicked).
   * As docs/api/app.md says, the first instance gets argv "not exactly the same": Chromium's
   * CommandLine puts every switch before the positional arguments and adds switches of its own
   * (`--original-process-start-time`), and the event comes only after `ready`.
   */
  launchSecondInstance(argv: readonly string[], workingDirectory = '/', additionalData: unknown = {}): void {
    const [program = '', ...rest] = argv;
    const end = rest.indexOf('--');
    const parsed = end === -1 ? rest : rest.slice(0, end);
    const switches = parsed.filter((argument) => argument.startsWith('--'));
    const positional = [...parsed.filter((argument) => !argument.startsWith('--')), ...(end === -1 ? [] : rest.slice(end + 1))];
    const seen = [program, ...switches, '--original-process-start-time=13400000000000000', ...positional];
    const deliver = () => this.emit('second-instance', preventableEvent({}), seen, workingDirectory, additionalData);
    if (this.ready) deliver();
    else this.pendingSecondInstances.push(deliver);
  }

  reset(): void {
    this.removeAllListeners();
    this.calls.length = 0;
    this.sandboxEnabled = false;
    this.singleInstanceLockAvailable = true;
    this.quitCount = 0;
    this.isPackaged = false;
    this.desktopName = null;
    this.ready = false;
    this.readyWaiters = [];
    this.pendingSecondInstances = [];
    this.paths.clear();
    this.protocolClients.length = 0;
    this.protocolClientCalls.length = 0;
    this.removedProtocolClients.length = 0;
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

/** What getDisplayMedia() in the page ends with (`message` as Chromium words it). */
export type DisplayMediaOutcome =
  | { granted: true; video: { id: string; name: string } }
  | { granted: false; error: string; message?: string };

// shell/browser/electron_browser_context.cc (DisplayMediaDeviceChosen) answers every refusal with
// INVALID_DISPLAY_CAPTURE_CONSTRAINTS, which Blink rejects as an AbortError with this message.
const REFUSED: DisplayMediaOutcome = { granted: false, error: 'AbortError', message: 'Invalid capture constraints' };

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
        if (streams === null || streams === undefined) return resolve(REFUSED);
        const video = streams.video;
        if (full.videoRequested && video === undefined) {
          const message = 'Video was requested, but no video stream was provided';
          this.displayMediaCallbackErrors.push(message);
          resolve(REFUSED);
          throw new TypeError(message);
        }
        if (video instanceof FakeWebFrameMain || video === undefined) return resolve({ granted: false, error: 'not modelled' });
        if (typeof video.id !== 'string' || typeof video.name !== 'string') {
          resolve(REFUSED);
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

/** Chromium's net error for a URL: what `did-fail-load` reports, or null when the load succeeds. */
async function loadOutcome(url: string): Promise<{ code: number; description: string } | null> {
  let scheme: string;
  try {
    scheme = new URL(url).protocol.slice(0, -1);
  } catch {
    return { code: -300, description: 'ERR_INVALID_URL' };
  }
  if (scheme === 'about' || scheme === 'data') return null;
  // The fake has no network: a remote page loads as an empty document.
  if (scheme === 'http' || scheme === 'https') return null;
  if (scheme === 'file') return { code: -6, description: 'ERR_FILE_NOT_FOUND' };
  if (!protocol.isProtocolHandled(scheme)) return { code: -302, description: 'ERR_UNKNOWN_URL_SCHEME' };
  try {
    await protocol.fetch(url);
    return null;
  } catch {
    // A protocol.handle handler that throws or rejects fails the request (lib/browser/api/protocol.ts).
    return { code: -2, description: 'ERR_FAILED' };
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly session = session.defaultSession;
  readonly mainFrame = new FakeWebFrameMain('');
  /** Everything main sent to this page, already structured-cloned. */
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  /** Editing commands the page carried out (copy, paste...), whichever way they were triggered. */
  readonly editCommands: string[] = [];
  reloadCount = 0;
  private devToolsOpen = false;
  private windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  private destroyed = false;
  private navigation = 0;

  getURL(): string {
    return this.mainFrame.url;
  }
  /**
   * As lib/browser/api/web-contents.ts (`_awaitNextLoad`): the URL goes through the scheme's
   * handler, the promise resolves on `did-finish-load` and rejects with Chromium's error on
   * `did-fail-load` (an unhandled custom scheme, a handler that throws) or when the load is
   * replaced by another one or the contents are destroyed.
   */
  loadURL(url: string): Promise<void> {
    if (this.destroyed) return Promise.reject(new Error('Object has been destroyed'));
    this.mainFrame.url = url;
    const loading = this.navigate(url);
    // As Electron's: "a no-op rejection handler to silence the unhandled rejection error".
    loading.catch(() => {});
    return loading;
  }
  /** As Electron's: the same URL loads again, a new document with nothing of the old page. */
  reload(): void {
    this.reloadCount += 1;
    void this.navigate(this.getURL()).catch(() => {});
  }
  reloadIgnoringCache(): void {
    this.reload();
  }
  private navigate(url: string): Promise<void> {
    const navigation = ++this.navigation;
    return new Promise((resolve, reject) => {
      const fail = (code: number, description: string) => {
        const error = Object.assign(new Error(`${description} (${code}) loading '${url.slice(0, 2048)}'`), { errno: code, code: description, url });
        reject(error);
      };
      // Chromium reports a load after the current task: start, then finish or fail.
      setImmediate(() => {
        if (this.destroyed) return fail(-2, 'ERR_FAILED');
        if (navigation !== this.navigation) return fail(-3, 'ERR_ABORTED');
        this.emit('did-start-loading');
        this.emit('did-start-navigation', preventableEvent({ url, isSameDocument: false, isMainFrame: true }), url, false, true);
        void loadOutcome(url).then((failure) => {
          if (this.destroyed) return fail(-2, 'ERR_FAILED');
          if (navigation !== this.navigation) return fail(-3, 'ERR_ABORTED');
          if (failure) {
            this.emit('did-fail-load', preventableEvent({}), failure.code, failure.description, url, true);
            this.emit('did-stop-loading');
            return fail(failure.code, failure.description);
          }
          this.emit('did-finish-load');
          this.emit('did-stop-loading');
          resolve();
        });
      });
    });
  }
  /** Test control: resolves after the page's next `did-finish-load` (or rejects on `did-fail-load`). */
  nextLoad(): Promise<void> {
    return new Promise((resolve, reject) => {
      const finished = () => {
        this.off('did-fail-load', failed);
        resolve();
      };
      const failed = (_event: unknown, _code: number, description: string) => {
        this.off('did-finish-load', finished);
        reject(new Error(description));
      };
      this.once('did-finish-load', finished);
      this.once('did-fail-load', failed);
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
  openDevTools(): void {
    this.devToolsOpen = true;
  }
  closeDevTools(): void {
    this.devToolsOpen = false;
  }
  toggleDevTools(): void {
    this.devToolsOpen = !this.devToolsOpen;
  }
  isDevToolsOpened(): boolean {
    return this.devToolsOpen;
  }
  copy(): void {
    this.editCommands.push('copy');
  }
  cut(): void {
    this.editCommands.push('cut');
  }
  paste(): void {
    this.editCommands.push('paste');
  }
  selectAll(): void {
    this.editCommands.push('selectAll');
  }
  undo(): void {
    this.editCommands.push('undo');
  }
  redo(): void {
    this.editCommands.push('redo');
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
  readonly webContents: FakeWebContents;
  visible = false;
  focused = false;
  minimized = false;
  /** Where the window is; null when the system placed it (Wayland places every window itself). */
  position: [number, number] | null = null;
  /** Whether it really stays above other windows (never on Wayland). */
  onTop = false;
  /** Test control: whether the taskbar entry / dock icon asks for attention (flashFrame). */
  flashing = false;
  private destroyed = false;

  constructor(readonly options: FakeWindowOptions = {}) {
    super();
    // shell/browser/api/electron_api_browser_window.cc
    requireReady('Cannot create BrowserWindow before app is ready');
    this.webContents = new FakeWebContents();
    openWindows.add(this);
    // docs/api/browser-window.md: on Wayland a window cannot be positioned or kept on top.
    if (options.x !== undefined && options.y !== undefined && !isWayland()) this.position = [options.x, options.y];
    this.onTop = options.alwaysOnTop === true && !isWayland();
    // As in Electron, a child window goes when its parent goes.
    options.parent?.once('closed', () => this.destroy());
    // Once the first page has been drawn: 'ready-to-show' (docs/api/browser-window.md).
    this.webContents.once('did-finish-load', () => {
      if (!this.destroyed) this.emit('ready-to-show');
    });
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
    const wasVisible = this.visible;
    this.visible = true;
    this.minimized = false;
    // A window created with focusable: false never takes keyboard focus.
    if (this.options.focusable !== false) this.focused = true;
    if (!wasVisible) this.emit('show');
  }
  /**
   * Shows without activating: keyboard focus stays where it was. docs/api/browser-window.md:
   * "Not supported on Wayland", where the compositor decides, so the fake gives it focus then.
   */
  showInactive(): void {
    const wasVisible = this.visible;
    this.visible = true;
    if (isWayland() && this.options.focusable !== false) this.focused = true;
    if (!wasVisible) this.emit('show');
  }
  hide(): void {
    const wasVisible = this.visible;
    this.visible = false;
    this.focused = false;
    if (wasVisible) this.emit('hide');
  }
  /** shell/browser/native_window_views.cc: on Windows a minimised window is not "visible". */
  isVisible(): boolean {
    return this.visible && !(isWindows() && this.minimized);
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
  /** Test control too: the user minimises the window. */
  minimize(): void {
    if (this.minimized) return;
    this.minimized = true;
    this.focused = false;
    this.emit('minimize');
  }
  restore(): void {
    if (!this.minimized) return;
    this.minimized = false;
    this.emit('restore');
  }
  setPosition(x: number, y: number): void {
    if (!isWayland()) this.position = [x, y];
  }
  setAlwaysOnTop(flag: boolean): void {
    this.onTop = flag && !isWayland();
  }
  isAlwaysOnTop(): boolean {
    return this.onTop;
  }
  flashFrame(flag: boolean): void {
    this.flashing = flag;
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

  /**
   * Test control: the user presses `accelerator` (e.g. 'CmdOrCtrl+R') while this window has
   * focus. A menu item with that accelerator runs (on macOS the application menu; on Windows
   * and Linux the window's menu, which is the application menu). Copy, cut, paste, select-all,
   * undo and redo are also handled by Chromium itself on Windows and Linux, but on macOS only
   * through an Edit menu (lib/browser/api/menu-item-roles.ts: registerAccelerator: false).
   * Returns what happened, for the test to read.
   */
  pressAccelerator(accelerator: string): string | null {
    const wanted = normalizeAccelerator(accelerator);
    const menu = isMac() ? nativeApplicationMenu : applicationMenu;
    const item = menu?.findItem((candidate) => {
      const own = candidate.accelerator ?? roleAccelerator(candidate.role);
      return own !== undefined && normalizeAccelerator(own) === wanted;
    });
    if (item) {
      const role = item.role?.toLowerCase();
      if (role && runRole(role, this)) return role;
      item.click?.(item as unknown as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
      return item.label ?? item.id ?? 'click';
    }
    if (!isMac()) {
      const builtIn = BUILT_IN_EDITING[wanted];
      if (builtIn) {
        this.webContents[builtIn]();
        return builtIn;
      }
    }
    return null;
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

/**
 * What crossing the bridge does to a value, after shell/renderer/api/electron_api_context_bridge.cc
 * (PassValueToOtherContextInner): primitives pass; functions become proxies whose arguments and
 * results cross again; promises are proxied; errors keep their message only; plain arrays and
 * objects are copied key by key (own enumerable string keys: a class instance arrives without its
 * prototype, so its methods are gone); anything else, a Proxy included, goes through the structured
 * clone serializer, which throws for what it cannot clone.
 */
function crossWorlds(value: unknown, seen = new Map<object, unknown>(), depth = 0): unknown {
  if (depth >= 1000) throw new TypeError('Electron contextBridge recursion depth exceeded.  Nested objects deeper than 1000 are not supported.');
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  const cached = seen.get(value);
  if (cached !== undefined) return cached;
  if (typeof value === 'function') {
    const original = value as (...args: unknown[]) => unknown;
    const proxy = (...args: unknown[]) => crossWorlds(original(...args.map((argument) => crossWorlds(argument))));
    seen.set(value, proxy);
    return proxy;
  }
  if (types.isPromise(value)) {
    const proxied = value.then(
      (result) => crossWorlds(result),
      (reason: unknown) => Promise.reject(crossWorlds(reason)),
    );
    seen.set(value, proxied);
    return proxied;
  }
  if (types.isNativeError(value)) return new Error((value as Error).message);
  if (Array.isArray(value) && !types.isProxy(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const element of value) copy.push(crossWorlds(element, seen, depth + 1));
    return copy;
  }
  const special =
    types.isProxy(value) || types.isDate(value) || types.isRegExp(value) || types.isMap(value) || types.isSet(value) ||
    types.isAnyArrayBuffer(value) || ArrayBuffer.isView(value) || types.isBoxedPrimitive(value);
  if (special) {
    // The V8 serializer: a Proxy throws DataCloneError ("#<Object> could not be cloned.").
    const cloned = structuredClone(value);
    seen.set(value, cloned);
    return cloned;
  }
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: crossWorlds((value as Record<string, unknown>)[key], seen, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function deepFreeze(value: unknown, seen = new Set<unknown>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value) || types.isPromise(value)) return;
  seen.add(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
  Object.freeze(value);
}

class FakeContextBridge {
  /** What page code can see on `window`. */
  readonly mainWorld: Record<string, unknown> = {};

  /** ExposeAPI in electron_api_context_bridge.cc: copied, deep-frozen, read-only on window. */
  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (apiKey in this.mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    const copy = crossWorlds(api);
    deepFreeze(copy);
    Object.defineProperty(this.mainWorld, apiKey, { value: copy, enumerable: true, writable: false, configurable: true });
  }
  reset(): void {
    for (const key of Object.keys(this.mainWorld)) delete this.mainWorld[key];
  }
}

export const contextBridge = new FakeContextBridge();

// ---------------------------------------------------------------- protocol

type SchemePrivileges = NonNullable<CustomScheme['privileges']>;

class FakeProtocol {
  /** How many times the app called registerSchemesAsPrivileged. */
  privilegedRegistrations = 0;
  private privileges = new Map<string, SchemePrivileges>();
  private handlers = new Map<string, (request: Request) => Response | Promise<Response>>();

  /**
   * shell/browser/api/electron_api_protocol.cc: before `ready` only, and docs/api/protocol.md
   * says "can be called only once": each call rewrites the command-line switches that carry
   * the secure, fetch, CORS, code-cache... schemes to child processes, so a scheme registered by
   * an earlier call keeps nothing there but being standard (GetStandardSchemes() accumulates).
   */
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    if (app.isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    for (const scheme of schemes) {
      if (scheme.privileges?.codeCache && !scheme.privileges.standard) {
        throw new Error('Code cache can only be enabled when the custom scheme is registered as standard scheme.');
      }
    }
    app.calls.push('registerSchemesAsPrivileged');
    this.privilegedRegistrations += 1;
    for (const [name, privileges] of this.privileges) this.privileges.set(name, privileges.standard ? { standard: true } : {});
    for (const scheme of schemes) this.privileges.set(scheme.scheme, structuredClone(scheme.privileges ?? {}));
  }
  /** The schemes with the privileges a renderer process really sees. */
  get privilegedSchemes(): CustomScheme[] {
    return [...this.privileges].filter(([, privileges]) => Object.keys(privileges).length > 0).map(([scheme, privileges]) => ({ scheme, privileges }));
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
    this.privilegedRegistrations = 0;
    this.privileges.clear();
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

  /** shell/browser/api/electron_api_safe_storage.cc: false on every OS until `ready`. */
  isEncryptionAvailable(): boolean {
    return app.isReady() && this.available;
  }
  /** Linux only; 'unknown' until `ready` (same file, GetSelectedLinuxBackend). */
  getSelectedStorageBackend(): StorageBackend {
    return app.isReady() ? this.backend : 'unknown';
  }
  encryptString(plainText: string): Buffer {
    requireReady('safeStorage cannot be used before app is ready');
    if (!this.available) {
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    }
    const body = Buffer.from(plainText, 'utf8').map((byte) => byte ^ this.key);
    return Buffer.concat([Buffer.from('v11'), Buffer.from([this.key]), body]);
  }
  decryptString(encrypted: Buffer): string {
    requireReady('safeStorage cannot be used before app is ready');
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

// ---------------------------------------------------------------- shell and dialog

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

class FakeDialog {
  /** Every message box shown, with the window it was modal to. */
  readonly shown: Array<{ window: BrowserWindow | null; options: Electron.MessageBoxOptions }> = [];
  /** Test control: the button the user presses next (index into `buttons`). */
  nextResponse = 0;

  showMessageBox(windowOrOptions: BrowserWindow | Electron.MessageBoxOptions, maybeOptions?: Electron.MessageBoxOptions): Promise<Electron.MessageBoxReturnValue> {
    const window = windowOrOptions instanceof BrowserWindow ? windowOrOptions : null;
    const options = (windowOrOptions instanceof BrowserWindow ? maybeOptions : windowOrOptions) as Electron.MessageBoxOptions;
    requireReady('dialog cannot be used before app is ready');
    this.shown.push({ window, options });
    return Promise.resolve({ response: this.nextResponse, checkboxChecked: false });
  }
  reset(): void {
    this.shown.length = 0;
    this.nextResponse = 0;
  }
}

export const dialog = new FakeDialog();

class FakeSystemPreferences {
  /** Test control (macOS): Screen Recording consent, as getMediaAccessStatus('screen') reports it. */
  screenAccess: 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown' = 'granted';
  getMediaAccessStatus(mediaType: 'microphone' | 'camera' | 'screen'): 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown' {
    // docs/api/system-preferences.md: macOS and Windows; Windows always says 'granted' for screen.
    if (mediaType !== 'screen' || !isMac()) return 'granted';
    return this.screenAccess;
  }
  reset(): void {
    this.screenAccess = 'granted';
  }
}

export const systemPreferences = new FakeSystemPreferences();

// ---------------------------------------------------------------- Menu

type MenuItemOptions = Electron.MenuItemConstructorOptions;

// lib/browser/api/menu-item-roles.ts: the accelerator each role brings.
function roleAccelerator(role: string | undefined): string | undefined {
  switch (role?.toLowerCase()) {
    case 'close': return 'CommandOrControl+W';
    case 'copy': return 'CommandOrControl+C';
    case 'cut': return 'CommandOrControl+X';
    case 'paste': return 'CommandOrControl+V';
    case 'selectall': return 'CommandOrControl+A';
    case 'undo': return 'CommandOrControl+Z';
    case 'redo': return isWindows() ? 'Control+Y' : 'Shift+CommandOrControl+Z';
    case 'forcereload': return 'Shift+CmdOrCtrl+R';
    case 'reload': return 'CmdOrCtrl+R';
    case 'toggledevtools': return isMac() ? 'Alt+Command+I' : 'Ctrl+Shift+I';
    case 'minimize': return 'CommandOrControl+M';
    case 'hide': return 'Command+H';
    case 'hideothers': return 'Command+Alt+H';
    case 'quit': return isWindows() ? undefined : 'CommandOrControl+Q';
    case 'togglefullscreen': return isMac() ? 'Control+Command+F' : 'F11';
    default: return undefined;
  }
}

// The same file's submenu roles, expanded as Electron expands them.
function roleSubmenu(role: string | undefined): MenuItemOptions[] | undefined {
  switch (role?.toLowerCase()) {
    case 'appmenu':
      return [{ role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }];
    case 'filemenu':
      return [isMac() ? { role: 'close' } : { role: 'quit' }];
    case 'editmenu':
      return [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }];
    case 'viewmenu':
      return [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
    case 'windowmenu':
      return [{ role: 'minimize' }, { role: 'zoom' }, ...(isMac() ? [{ type: 'separator' as const }, { role: 'front' as const }] : [{ role: 'close' as const }])];
    default:
      return undefined;
  }
}

/** Runs a role on `window` as menu-item-roles.ts does; false for roles the fake does not model. */
function runRole(role: string, window: BrowserWindow): boolean {
  const contents = window.webContents;
  switch (role) {
    case 'reload': contents.reload(); return true;
    case 'forcereload': contents.reloadIgnoringCache(); return true;
    case 'toggledevtools': contents.toggleDevTools(); return true;
    case 'copy': contents.copy(); return true;
    case 'cut': contents.cut(); return true;
    case 'paste': contents.paste(); return true;
    case 'selectall': contents.selectAll(); return true;
    case 'undo': contents.undo(); return true;
    case 'redo': contents.redo(); return true;
    case 'close': window.close(); return true;
    case 'minimize': window.minimize(); return true;
    case 'quit': app.quit(); return true;
    default: return false;
  }
}

// Chromium's own editing keys in a page (Windows/Linux only; macOS routes them through the menu).
const BUILT_IN_EDITING: Record<string, 'copy' | 'cut' | 'paste' | 'selectAll' | 'undo'> = {
  'ctrl+c': 'copy',
  'ctrl+x': 'cut',
  'ctrl+v': 'paste',
  'ctrl+a': 'selectAll',
  'ctrl+z': 'undo',
};

/** Modifiers and key, lower-cased and sorted, with CommandOrControl resolved for the fake's OS. */
function normalizeAccelerator(accelerator: string): string {
  const parts = accelerator.split('+').map((part) => part.trim().toLowerCase());
  const key = parts.pop() ?? '';
  const modifiers = parts.map((modifier) => {
    if (modifier === 'commandorcontrol' || modifier === 'cmdorctrl') return isMac() ? 'cmd' : 'ctrl';
    if (modifier === 'command' || modifier === 'cmd') return 'cmd';
    if (modifier === 'control') return 'ctrl';
    if (modifier === 'option') return 'alt';
    return modifier;
  });
  return [...new Set(modifiers)].sort().concat(key).join('+');
}

export class FakeMenu {
  constructor(readonly items: MenuItemOptions[]) {}
  /** lib/browser/api/menu.ts: every item needs a label, a role or a type. */
  static buildFromTemplate(template: MenuItemOptions[]): FakeMenu {
    if (!Array.isArray(template)) throw new TypeError('Invalid template for Menu: Menu template must be an array');
    const valid = (items: MenuItemOptions[]): boolean =>
      items.every((item) => (item.label !== undefined || item.role !== undefined || item.type !== undefined) && (!Array.isArray(item.submenu) || valid(item.submenu)));
    if (!valid(template)) throw new TypeError('Invalid template for MenuItem: must have at least one of label, role or type');
    return new FakeMenu(template.map((item) => ({ ...item })));
  }
  /** lib/browser/api/menu.ts: on macOS `null` changes nothing on screen; elsewhere it removes every window's menu. */
  static setApplicationMenu(menu: FakeMenu | null): void {
    if (menu !== null && !(menu instanceof FakeMenu)) throw new TypeError('Invalid menu');
    applicationMenu = menu;
    applicationMenuWasSet = true;
    if (isMac()) {
      if (menu) nativeApplicationMenu = menu;
    } else {
      nativeApplicationMenu = menu;
    }
  }
  static getApplicationMenu(): FakeMenu | null {
    return applicationMenu;
  }
  /** Test control: the user picks the item with this id; throws when it is absent or disabled. */
  click(id: string): void {
    const item = this.items.find((candidate) => candidate.id === id);
    if (!item) throw new Error(`no menu item '${id}'`);
    if (item.enabled === false) throw new Error(`menu item '${id}' is disabled`);
    item.click?.(item as unknown as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
  }
  /** Every item, submenus (and the submenus roles bring) included, depth first. */
  allItems(): MenuItemOptions[] {
    const walk = (items: MenuItemOptions[]): MenuItemOptions[] =>
      items.flatMap((item) => {
        const submenu = Array.isArray(item.submenu) ? item.submenu : item.submenu instanceof FakeMenu ? item.submenu.items : roleSubmenu(item.role);
        return [item, ...(submenu ? walk(submenu) : [])];
      });
    return walk(this.items);
  }
  findItem(predicate: (item: MenuItemOptions) => boolean): MenuItemOptions | undefined {
    return this.allItems().find((item) => item.visible !== false && item.enabled !== false && predicate(item));
  }
}

export const Menu = FakeMenu;

let applicationMenu: FakeMenu | null = null;
/** What the OS shows (macOS keeps the last menu it was given). */
let nativeApplicationMenu: FakeMenu | null = null;
let applicationMenuWasSet = false;

// lib/browser/default-menu.ts
function installDefaultApplicationMenu(): void {
  if (applicationMenuWasSet) return;
  const template: MenuItemOptions[] = [
    ...(isMac() ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  FakeMenu.setApplicationMenu(FakeMenu.buildFromTemplate(template));
}

// ---------------------------------------------------------------- Tray

const liveTrays = new Set<FakeTray>();

export class FakeTray extends EventEmitter {
  image: string;
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  /** How many times setContextMenu was called: Linux only picks up a changed menu this way. */
  contextMenuSets = 0;
  /** How many times the OS opened the context menu. */
  menuOpenCount = 0;
  private destroyed = false;

  constructor(image: string) {
    super();
    // shell/browser/api/electron_api_tray.cc
    requireReady('Cannot create Tray before app is ready');
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
  /**
   * Test control: a left click (Linux: an activation). shell/browser/ui/tray_icon_cocoa.mm
   * (mouseDown): on macOS, with a context menu, the click both emits 'click' and opens the
   * menu. Windows opens the menu on a right click only; Linux trays open it themselves.
   */
  click(): void {
    this.emit('click', { altKey: false, shiftKey: false, ctrlKey: false, metaKey: false }, { x: 0, y: 0, width: 16, height: 16 }, { x: 8, y: 8 });
    if (isMac() && this.contextMenu && this.contextMenu.items.length > 0) this.menuOpenCount += 1;
  }
}

export const Tray = FakeTray;

// ---------------------------------------------------------------- Notification

// Weak, as Electron holds nothing: a notification nobody references is collected, and with it
// go its events (electron/electron#16922; shell/browser/api/electron_api_notification.cc).
const shownNotifications: Array<WeakRef<FakeNotification>> = [];

let runGc: (() => void) | null = null;
/** Test control: a real garbage collection (after the current task, as WeakRefs require). */
export async function collectGarbage(): Promise<void> {
  if (!runGc) {
    v8.setFlagsFromString('--expose-gc');
    runGc = vm.runInNewContext('gc') as () => void;
  }
  await new Promise((resolve) => setImmediate(resolve));
  runGc();
  await new Promise((resolve) => setImmediate(resolve));
}

export class FakeNotification extends EventEmitter {
  /** Test control: whether Electron has a notification presenter (isSupported()). */
  static supported = true;
  /** Test control (Linux): whether a notification daemon answers; isSupported() does not ask it. */
  static daemonRunning = true;
  /** Test control (macOS): whether the app is code-signed; Electron 42+ fails every notification otherwise. */
  static signed = true;
  /** Test control (Windows): why the toast cannot be shown (e.g. no Start-menu shortcut), or null. */
  static windowsFailure: string | null = null;

  visible = false;
  /** Whether the OS still routes events to this object (it stops after click, failure or close()). */
  private attached = false;

  constructor(readonly options: Electron.NotificationConstructorOptions = {}) {
    super();
    requireReady('Cannot create Notification before app is ready');
  }
  /** shell/browser/api/electron_api_notification.cc: whether a presenter exists, not whether a daemon runs. */
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  /** The notifications shown that are still alive (not garbage-collected). */
  static shown(): FakeNotification[] {
    return shownNotifications.map((ref) => ref.deref()).filter((notification): notification is FakeNotification => notification !== undefined);
  }
  /**
   * libnotify_notification.cc fails at once when no daemon answers; cocoa_notification.mm fails
   * asynchronously ("Notifications are not allowed for this application") when unsigned.
   */
  show(): void {
    this.attached = true;
    shownNotifications.push(new WeakRef(this));
    if (fakeSystem.platform === 'linux' && !FakeNotification.daemonRunning) return this.fail('');
    if (isWindows() && FakeNotification.windowsFailure) return this.fail(FakeNotification.windowsFailure);
    if (isMac() && !FakeNotification.signed) {
      const ref = new WeakRef(this);
      setImmediate(() => ref.deref()?.fail('Notifications are not allowed for this application'));
      return;
    }
    this.visible = true;
    this.emit('show', preventableEvent({}));
  }
  private fail(error: string): void {
    if (!this.attached) return;
    this.attached = false;
    this.visible = false;
    this.emit('failed', preventableEvent({}), error);
  }
  /**
   * Notification::Close(): Dismiss() emits 'close' on macOS (cocoa_notification.mm) and Windows;
   * on Linux the daemon's "closed" signal arrives after the delegate is detached, so no event.
   */
  close(): void {
    if (!this.visible) return;
    this.visible = false;
    const attached = this.attached;
    this.attached = false;
    if (attached && fakeSystem.platform !== 'linux') this.emit('close', preventableEvent({}));
  }
  /** Test control: the user clicks the notification body (then the OS forgets it). */
  click(): void {
    if (!this.attached) return;
    this.emit('click', preventableEvent({}));
    this.attached = false;
    this.visible = false;
  }
  /** Test control: the user dismisses it (swipe, ×). */
  dismiss(): void {
    if (!this.attached) return;
    this.visible = false;
    this.attached = false;
    this.emit('close', preventableEvent({}));
  }
  /** Test control: it times out: Windows emits close {reason: 'timedOut'}; a macOS banner just moves to Notification Center. */
  expire(): void {
    if (!this.attached || this.options.timeoutType === 'never') return;
    if (isWindows()) {
      this.visible = false;
      this.attached = false;
      this.emit('close', preventableEvent({ reason: 'timedOut' }));
    } else if (fakeSystem.platform === 'linux') {
      this.dismiss();
    }
  }
  /**
   * The buttons the OS draws (macOS and Windows): the actions, then on macOS the separate
   * `closeButtonText` action, which notification_center_delegate.mm turns into a dismissal
   * ('close'), not an 'action'.
   */
  buttons(): string[] {
    if (fakeSystem.platform === 'linux') return [];
    const actions = (this.options.actions ?? []).map((action) => action.text ?? 'Show');
    if (isMac() && this.options.closeButtonText) actions.push(this.options.closeButtonText);
    return actions;
  }
  /** Test control: the user presses the button at `index` of buttons(). */
  pressButton(index: number): void {
    const buttons = this.buttons();
    if (index < 0 || index >= buttons.length) throw new Error(`notification has no button ${index}`);
    if (!this.attached) return;
    const actionCount = this.options.actions?.length ?? 0;
    if (index >= actionCount) return this.dismiss();
    this.visible = false;
    this.attached = false;
    // EmitWithoutEvent("action", {actionIndex, selectionIndex}, actionIndex, selectionIndex)
    this.emit('action', preventableEvent({ actionIndex: index, selectionIndex: -1 }), index, -1);
  }
  /** Test control: the user presses action button `index` (macOS and Windows only). */
  pressAction(index: number): void {
    if (!this.options.actions?.[index] || fakeSystem.platform === 'linux') throw new Error(`notification has no action ${index}`);
    this.pressButton(index);
  }
}

export const Notification = FakeNotification;

// ---------------------------------------------------------------- globalShortcut

/**
 * shell/browser/api/electron_api_global_shortcut.cc. Every method but isRegistered throws before
 * `ready`. On X11, Windows and macOS a key another app holds makes register() return false. On
 * the Wayland portal path (IsRegistrationHandledExternally) register() always returns true and
 * keeps the binding in a command map that unregister() never looks at: only unregisterAll()
 * releases it.
 */
class FakeGlobalShortcut {
  /** Test control: accelerators another application already holds (register() returns false). */
  readonly ownedByOtherApps = new Set<string>();
  /** Test control: the org.freedesktop.portal.GlobalShortcuts path (Wayland, Electron's default). */
  portal = false;
  private registered = new Map<string, () => void>();
  private portalCommands = new Map<string, () => void>();

  register(accelerator: string, callback: () => void): boolean {
    requireReady('globalShortcut cannot be used before the app is ready');
    // Electron fails to convert an accelerator it cannot parse and throws.
    const parts = accelerator.split('+');
    if (accelerator === '' || parts.some((part) => part === '')) {
      throw new Error(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    }
    const key = accelerator.toLowerCase();
    if (this.portal) {
      this.portalCommands.set(key, callback);
      return true;
    }
    if (this.ownedByOtherApps.has(key) || this.registered.has(key)) return false;
    this.registered.set(key, callback);
    return true;
  }
  isRegistered(accelerator: string): boolean {
    const key = accelerator.toLowerCase();
    return this.registered.has(key) || this.portalCommands.has(key);
  }
  unregister(accelerator: string): void {
    requireReady('globalShortcut cannot be used before the app is ready');
    this.registered.delete(accelerator.toLowerCase());
  }
  unregisterAll(): void {
    requireReady('globalShortcut cannot be used before the app is ready');
    this.registered.clear();
    this.portalCommands.clear();
  }
  /** Test control: the user presses `accelerator` anywhere on the desktop. Returns whether we got it. */
  press(accelerator: string): boolean {
    const key = accelerator.toLowerCase();
    const callback = this.registered.get(key) ?? this.portalCommands.get(key);
    callback?.();
    return callback !== undefined;
  }
  registeredAccelerators(): string[] {
    return [...new Set([...this.registered.keys(), ...this.portalCommands.keys()])];
  }
  reset(): void {
    this.ownedByOtherApps.clear();
    this.portal = false;
    this.registered.clear();
    this.portalCommands.clear();
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

/** Call in `beforeEach`: every fake object back to a freshly started Electron, not yet ready, on Linux/X11. */
export function resetElectronFake(): void {
  // The previous test's windows go without running its listeners (they would call into a fake
  // that is no longer ready).
  for (const win of BrowserWindow.getAllWindows()) {
    win.removeAllListeners();
    win.webContents.removeAllListeners();
    win.destroy();
  }
  app.reset();
  fakeSystem.reset();
  for (const tray of FakeTray.all()) tray.destroy();
  shownNotifications.length = 0;
  FakeNotification.supported = true;
  FakeNotification.daemonRunning = true;
  FakeNotification.signed = true;
  FakeNotification.windowsFailure = null;
  applicationMenu = null;
  nativeApplicationMenu = null;
  applicationMenuWasSet = false;
  globalShortcut.reset();
  session.defaultSession.reset();
  ipcMain.reset();
  ipcRenderer.reset();
  contextBridge.reset();
  protocol.reset();
  safeStorage.reset();
  shell.reset();
  dialog.reset();
  systemPreferences.reset();
  desktopCapturer.reset();
}
