import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultAppPreferences } from '../shared/app-preferences';
import type { AutoAnswerRequest } from '../shared/auto-answer-signals';
import { CallSession, type CallSessionJSON } from '../shared/call-session';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-origin';
import { bundledAppPaths, e2eRun, startApp, type AppPaths, type StartOptions } from './app-lifecycle';
import { answered, ended, incomingRinging } from './test-support/calls';
import * as electron from './test-support/electron-fake';
import {
  app,
  BrowserWindow,
  collectGarbage,
  desktopCapturer,
  dialog,
  fakeSystem,
  FakeNotification,
  FakeTray,
  globalShortcut,
  ipcMain,
  protocol,
  resetElectronFake,
  senderAt,
  session,
  systemPreferences,
} from './test-support/electron-fake';

const account = {
  serverUrl: 'wss://pbx.example.com:8089/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};

let base: string;
let paths: AppPaths;

beforeEach(async () => {
  resetElectronFake();
  base = await mkdtemp(path.join(tmpdir(), 'app-lifecycle-'));
  paths = {
    preload: path.join(base, 'preload.cjs'),
    webRoot: path.join(base, 'web'),
    popupRoot: path.join(base, 'incoming-call'),
    pickerRoot: path.join(base, 'screen-share-picker'),
    trayIcons: path.join(base, 'tray'),
  };
  await mkdir(paths.webRoot);
  await mkdir(paths.popupRoot);
  await writeFile(path.join(paths.webRoot, 'index.html'), '<!doctype html>');
  await writeFile(path.join(paths.popupRoot, 'index.html'), '<!doctype html><title>popup</title>');
  await mkdir(paths.pickerRoot);
  await writeFile(path.join(paths.pickerRoot, 'index.html'), '<!doctype html><title>picker</title>');
  app.setPath('userData', path.join(base, 'user-data'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const nextTask = () => new Promise((resolve) => setImmediate(resolve));

async function saveSettingsFile(content: object) {
  await mkdir(path.join(base, 'user-data'), { recursive: true });
  await writeFile(path.join(base, 'user-data', 'settings.json'), JSON.stringify({ version: 1, ...content }));
}

interface StartedOptions extends StartOptions {
  displayServer?: 'x11' | 'wayland';
}

/** The app started on the fake's OS (Linux/X11 unless asked), installed, with its first page loaded. */
async function started(options: StartedOptions = {}) {
  const { displayServer = 'x11', ...startOptions } = options;
  fakeSystem.platform = options.platform ?? 'linux';
  fakeSystem.displayServer = displayServer;
  globalShortcut.portal = displayServer === 'wayland';
  const env = displayServer === 'wayland' ? { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' } : { XDG_SESSION_TYPE: 'x11' };
  let firstLoad: Promise<void> | null = null;
  app.once('web-contents-created', (_event: unknown, contents: electron.FakeWebContents) => {
    firstLoad = contents.nextLoad();
  });
  const running = startApp(electron, paths, {
    platform: 'linux',
    argv: ['/opt/Softphone/softphone'],
    env,
    packaged: true,
    trayHostAvailable: () => Promise.resolve(true),
    ...startOptions,
  });
  if (!running) throw new Error('the app did not start');
  app.emitReady();
  await running.ready;
  const [window] = BrowserWindow.getAllWindows();
  if (!window || !firstLoad) throw new Error('no window was opened');
  await firstLoad;
  return { running, window, sender: senderAt(APP_ENTRY_URL, { contents: window.webContents }) };
}

/** Polls `probe` (pages are read from disk, so loads take real time) until it returns a value. */
async function waitFor<T>(probe: () => T | undefined | false, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Resolves once a window showing `url` has loaded and is shown. */
const shownWindowAt = (url: string) =>
  waitFor(() => BrowserWindow.getAllWindows().find((candidate) => candidate.webContents.getURL() === url && candidate.visible), `a window showing ${url}`);

/** Resolves once the incoming-call popup (opened by the last snapshot) has loaded and shown. */
const shownPopup = (_main: BrowserWindow) => shownWindowAt(`${APP_ORIGIN}/incoming-call/index.html`);

const ringThenEnd = (sender: ReturnType<typeof senderAt>, id: string) => {
  publishCall(sender, incomingRinging(id));
  publishCall(sender, ended(incomingRinging(id)));
};

/** What the renderer's `publishCall` puts on the wire: the snapshot, and what the INVITE asked. */
function publishCall(sender: ReturnType<typeof senderAt>, session: CallSessionJSON, autoAnswerRequest?: AutoAnswerRequest) {
  ipcMain.sendFrom(sender, 'phone:call-changed', autoAnswerRequest ? { session, autoAnswerRequest } : { session });
}

const commandsTo = (window: BrowserWindow) =>
  window.webContents.sent.filter((message) => message.channel === 'phone:command').map((message) => message.args[0]);

describe('start-up order', () => {
  it('sandboxes, locks, registers the schemes before ready, and opens the window after', async () => {
    const { window } = await started();
    expect(app.calls.slice(0, 5)).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'registerSchemesAsPrivileged', 'setDesktopName', 'ready']);
    expect(protocol.privilegedRegistrations).toBe(1);
    expect(app.sandboxEnabled).toBe(true);
    expect(window.webContents.getURL()).toBe(APP_ENTRY_URL);
    expect(window.options.webPreferences?.preload).toBe(paths.preload);
    expect(app.appUserModelId).toBeNull();
  });

  it('sets the AppUserModelID on Windows, for notifications', async () => {
    await started({ platform: 'win32' });
    expect(app.appUserModelId).toBe('org.softphone.Softphone');
  });

  it('quits at once when another instance already runs', () => {
    app.singleInstanceLockAvailable = false;
    expect(startApp(electron, paths, { platform: 'linux' })).toBeNull();
    expect(app.quitCount).toBe(1);
    expect(protocol.privilegedSchemes).toEqual([]);
    app.emitReady();
    expect(BrowserWindow.getAllWindows()).toEqual([]);
  });
});

describe('network policy', () => {
  it('serves the page with a scheme-only connect-src, whatever server is saved', async () => {
    await saveSettingsFile({ account });
    await started();
    const csp = (await protocol.fetch(APP_ENTRY_URL)).headers.get('content-security-policy');
    expect(csp).toContain("connect-src 'self' ws: wss: https:;");
    expect(csp).not.toContain('pbx.example.com');
  });

  it('lets WebSockets reach only the saved server, then only the one saved next through account:save', async () => {
    await saveSettingsFile({ account });
    const { sender } = await started();
    const blocked = (url: string) => session.defaultSession.webRequest.request(url);
    await expect(blocked('wss://pbx.example.com:8089/ws')).resolves.toBe(false);
    await expect(blocked('wss://evil.example/ws')).resolves.toBe(true);

    const local = { ...account, serverUrl: 'ws://127.0.0.1:8080/ws' };
    await expect(ipcMain.invokeFrom(sender, 'account:save', { settings: local, password: 'pw-123' })).resolves.toMatchObject({ ok: true });
    await expect(blocked('ws://127.0.0.1:8080/ws')).resolves.toBe(false);
    await expect(blocked('wss://pbx.example.com:8089/ws')).resolves.toBe(true);
  });

  it('gives the page no way to allow a server other than the saved one', async () => {
    await saveSettingsFile({ account });
    const { sender } = await started();
    const blocked = (url: string) => session.defaultSession.webRequest.request(url);
    // The channel that once let the page name any server is gone.
    await expect(ipcMain.invokeFrom(sender, 'account:allow-server', 'wss://evil.example/ws')).rejects.toThrow(/No handler registered/);
    // An account that fails validation is not stored, so it opens nothing either.
    const invalid = { ...account, serverUrl: 'https://evil.example/ws' };
    await expect(ipcMain.invokeFrom(sender, 'account:save', { settings: invalid, password: null })).rejects.toThrow(/invalid-payload/);
    // Nor can another origin's frame save one.
    const stranger = senderAt('https://evil.example/', { contents: new electron.FakeWebContents() });
    const evil = { ...account, serverUrl: 'wss://evil.example/ws' };
    await expect(ipcMain.invokeFrom(stranger, 'account:save', { settings: evil, password: null })).rejects.toThrow(/foreign-sender/);
    await expect(blocked('wss://evil.example/ws')).resolves.toBe(true);
    await expect(blocked('wss://pbx.example.com:8089/ws')).resolves.toBe(false);
  });

  it('keeps the saved server when an account cannot be written', async () => {
    await saveSettingsFile({ account });
    const { sender } = await started();
    // settings.json's folder replaced by a file: the next write fails.
    await rm(path.join(base, 'user-data'), { recursive: true, force: true });
    await writeFile(path.join(base, 'user-data'), 'not a folder');
    const evil = { ...account, serverUrl: 'wss://evil.example/ws' };
    await expect(ipcMain.invokeFrom(sender, 'account:save', { settings: evil, password: null })).resolves.toMatchObject({ ok: false });
    await expect(session.defaultSession.webRequest.request('wss://evil.example/ws')).resolves.toBe(true);
    await expect(session.defaultSession.webRequest.request('wss://pbx.example.com:8089/ws')).resolves.toBe(false);
  });

  it('saves the account and the encrypted password through IPC, without reloading the page', async () => {
    const { sender, window } = await started();
    await expect(ipcMain.invokeFrom(sender, 'account:save', { settings: account, password: 'pw-123' })).resolves.toEqual({
      ok: true,
      passwordSaved: true,
    });
    expect(await readFile(path.join(base, 'user-data', 'settings.json'), 'utf8')).toContain('wss://pbx.example.com:8089/ws');
    expect(await readFile(path.join(base, 'user-data', 'secrets.json'), 'utf8')).not.toContain('pw-123');
    await nextTask();
    expect(window.webContents.reloadCount).toBe(0);
    await expect(ipcMain.invokeFrom(sender, 'account:load', undefined)).resolves.toEqual({ settings: account, password: 'pw-123', notices: [] });
  });

  it('keeps a TURN credential out of settings.json and hands it back through account:load', async () => {
    const { sender } = await started();
    const withTurn = { ...account, iceServers: [{ urls: 'turn:turn.example.com:3478', username: 'alice', credential: 'turn-s3cret' }] };
    await ipcMain.invokeFrom(sender, 'account:save', { settings: withTurn, password: 'pw-123' });
    expect((await readFile(path.join(base, 'user-data', 'settings.json'))).includes(Buffer.from('turn-s3cret'))).toBe(false);
    await expect(ipcMain.invokeFrom(sender, 'account:load', undefined)).resolves.toEqual({ settings: withTurn, password: 'pw-123', notices: [] });
  });

  it('guards the web contents of every window and ignores IPC from a page that is not ours', async () => {
    const { window } = await started();
    expect(window.webContents.attemptNavigation('https://evil.example/')).toBe(true);
    expect(window.webContents.attemptWindowOpen('https://evil.example/')).toEqual({ action: 'deny' });
    const stranger = senderAt('https://evil.example/', { contents: new electron.FakeWebContents() });
    await expect(ipcMain.invokeFrom(stranger, 'account:load', undefined)).rejects.toThrow(/foreign-sender/);
  });
});

describe('preferences', () => {
  it('loads defaults, saves, tells every window and re-registers the shortcuts', async () => {
    const { sender, window } = await started();
    await expect(ipcMain.invokeFrom(sender, 'preferences:load', undefined)).resolves.toEqual(defaultAppPreferences());
    const next = { ...defaultAppPreferences(), autoAnswer: 'always', shortcuts: { answer: 'F8', hangup: 'F9', toggleMute: '' } };
    await expect(ipcMain.invokeFrom(sender, 'preferences:save', next)).resolves.toEqual(next);
    expect(window.webContents.sent.filter((message) => message.channel === 'preferences:changed').map((message) => message.args[0])).toEqual([next]);
    // Tried and free, but not held while nothing rings (see 'global shortcuts' below).
    expect(await ipcMain.invokeFrom(sender, 'shortcuts:status', undefined)).toMatchObject({
      answer: { accelerator: 'F8', registered: true },
      hangup: { accelerator: 'F9', registered: true },
    });
    expect(globalShortcut.registeredAccelerators()).toEqual([]);
    expect(JSON.parse(await readFile(path.join(base, 'user-data', 'settings.json'), 'utf8')).preferences).toEqual(next);
  });

  it('reports a shortcut another application holds', async () => {
    globalShortcut.ownedByOtherApps.add('commandorcontrol+shift+a');
    const { sender } = await started();
    const status = (await ipcMain.invokeFrom(sender, 'shortcuts:status', undefined)) as Record<string, unknown>;
    expect(status.answer).toEqual({ accelerator: 'CommandOrControl+Shift+A', registered: false, error: 'in-use' });
    expect(status.hangup).toEqual({ accelerator: 'CommandOrControl+Shift+H', registered: true });
  });

  it('rejects invalid preferences with no side effect', async () => {
    const { sender } = await started();
    const bad = { ...defaultAppPreferences(), shortcuts: { answer: 'A', hangup: 'F9', toggleMute: '' } };
    await expect(ipcMain.invokeFrom(sender, 'preferences:save', bad)).rejects.toThrow(/invalid-payload/);
    expect(globalShortcut.isRegistered('F9')).toBe(false);
  });
});

describe('calls on the desktop', () => {
  it('mirrors call snapshots published by the renderer', async () => {
    const { running, sender } = await started();
    const call = new CallSession({ sipCallId: 'call-1@pbx', number: '1002' }).toJSON();
    publishCall(sender, call);
    expect(running.phone.activeCalls()).toEqual([call]);
  });

  it('never auto-answers while another call is ringing or up', async () => {
    await saveSettingsFile({ account, preferences: { autoAnswer: 'when-requested' } });
    const { sender, window } = await started();
    publishCall(sender, incomingRinging('plain@pbx'));
    publishCall(sender, { ...incomingRinging('paging@pbx'), ringing: true, autoAnswer: true });
    expect(commandsTo(window)).toEqual([]);
    // The first call still rings, so the paging call is not answered over it.
    publishCall(sender, { ...incomingRinging('plain@pbx'), sipStatus: 'Terminated', endTime: new Date().toISOString() });
    publishCall(sender, { ...incomingRinging('paging2@pbx'), autoAnswer: true });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(commandsTo(window)).toEqual([]);
  });

  it('answers a requested call alone, at once', async () => {
    await saveSettingsFile({ account, preferences: { autoAnswer: 'when-requested' } });
    const { sender, window } = await started();
    publishCall(sender, incomingRinging('paging@pbx', { autoAnswer: true }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(commandsTo(window)).toEqual([{ kind: 'answer', callId: 'paging@pbx', auto: true }]);
  });

  it('refuses calls with 486 after do-not-disturb is ticked in the tray', async () => {
    const { sender, window } = await started();
    const tray = FakeTray.all()[0]!;
    tray.contextMenu!.click('do-not-disturb');
    await waitFor(() => window.webContents.sent.some((message) => message.channel === 'preferences:changed'), 'preferences:changed');
    publishCall(sender, incomingRinging('c1@pbx'));
    expect(commandsTo(window)).toEqual([{ kind: 'reject-busy', callId: 'c1@pbx' }]);
    expect(tray.contextMenu!.items.find((item) => item.id === 'do-not-disturb')?.checked).toBe(true);
  });

  it('shows the ringing call in the tray and the Linux popup, and answers with the global shortcut', async () => {
    const { running, sender, window } = await started();
    window.hide();
    ipcMain.sendFrom(sender, 'phone:registration-changed', { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null });
    publishCall(sender, incomingRinging('c1@pbx'));
    const tray = FakeTray.all()[0]!;
    expect(tray.image).toBe(path.join(paths.trayIcons, 'ringing.png'));
    expect(running.trayModel()?.icon).toBe('ringing');
    const popup = await shownPopup(window);
    expect(popup.webContents.getURL()).toBe(`${APP_ORIGIN}/incoming-call/index.html`);
    expect(popup.focused).toBe(false);

    expect(globalShortcut.press('CommandOrControl+Shift+A')).toBe(true);
    expect(commandsTo(window)).toEqual([{ kind: 'answer', callId: 'c1@pbx' }]);
    publishCall(sender, answered(incomingRinging('c1@pbx')));
    expect(popup.isDestroyed()).toBe(true);
    expect(tray.image).toBe(path.join(paths.trayIcons, 'in-call.png'));
    globalShortcut.press('CommandOrControl+Shift+H');
    expect(commandsTo(window).at(-1)).toEqual({ kind: 'hangup', callId: 'c1@pbx' });
  });

  it('answers from the popup and brings the window forward', async () => {
    const { sender, window } = await started();
    window.hide();
    publishCall(sender, incomingRinging('c1@pbx'));
    const popup = await shownPopup(window);
    ipcMain.sendFrom(senderAt(`${APP_ORIGIN}/incoming-call/index.html`, { contents: popup.webContents }), 'popup:action', {
      callId: 'c1@pbx',
      action: 'answer',
    });
    expect(commandsTo(window)).toEqual([{ kind: 'answer', callId: 'c1@pbx' }]);
    expect(window.visible).toBe(true);
    // The popup cannot use the main window's channels.
    await expect(
      ipcMain.invokeFrom(senderAt(`${APP_ORIGIN}/incoming-call/index.html`, { contents: popup.webContents }), 'account:load', undefined),
    ).rejects.toThrow(/foreign-sender/);
  });

  it('notifies missed calls, counts them in the tray, and not the ones declined from the tray', async () => {
    const { sender } = await started();
    const ring = (id: string) => publishCall(sender, incomingRinging(id));
    const end = (id: string) =>
      publishCall(sender, { ...incomingRinging(id), ringing: false, sipStatus: 'Terminated', endTime: new Date().toISOString() });
    ring('m1@pbx');
    end('m1@pbx');
    ring('d1@pbx');
    FakeTray.all()[0]!.contextMenu!.click('decline');
    end('d1@pbx');
    expect(FakeNotification.shown().map((notification) => notification.options.title)).toEqual(['Missed call']);
    expect(FakeTray.all()[0]!.toolTip).toContain('1 missed call');
  });
});

describe('the call history and the tray', () => {
  it("shows the history's count of unseen missed calls, and its missed-call entry opens the history", async () => {
    const { running, sender, window } = await started();
    // Calls missed in an earlier run, read back by the page's history.
    ipcMain.sendFrom(sender, 'phone:missed-calls', 3);
    expect(running.trayModel()?.tooltip).toContain('3 missed calls');
    window.hide();
    FakeTray.all()[0]!.contextMenu!.click('show-missed');
    expect(window.visible).toBe(true);
    expect(commandsTo(window)).toEqual([{ kind: 'show-history' }]);
    // The page showed its history: nothing left to count.
    ipcMain.sendFrom(sender, 'phone:missed-calls', 0);
    expect(running.trayModel()?.tooltip).not.toContain('missed call');
    // A call missed now is the page's to count too: the tray follows the page, not its own tally.
    ringThenEnd(sender, 'm2@pbx');
    ipcMain.sendFrom(sender, 'phone:missed-calls', 1);
    expect(running.trayModel()?.tooltip).toContain('1 missed call');
  });

  it('refuses a count that is not a small whole number', async () => {
    const { running, sender } = await started();
    ipcMain.sendFrom(sender, 'phone:missed-calls', -1);
    ipcMain.sendFrom(sender, 'phone:missed-calls', 'many');
    expect(running.trayModel()?.tooltip).not.toContain('missed call');
  });
});

describe("the INVITE's own auto-answer delay", () => {
  afterEach(() => vi.useRealTimers());

  it('answers after answer-after=30 although the preference says at once', async () => {
    await saveSettingsFile({ account, preferences: { autoAnswer: 'when-requested', autoAnswerDelaySeconds: 0 } });
    const { sender, window } = await started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    publishCall(sender, incomingRinging('page@pbx', { autoAnswer: true }), { requested: true, delaySeconds: 30, source: 'call-info' });
    vi.advanceTimersByTime(29_999);
    expect(commandsTo(window)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(commandsTo(window)).toEqual([{ kind: 'answer', callId: 'page@pbx', auto: true }]);
  });

  it('waits the preference delay for Answer-Mode, which gives none', async () => {
    await saveSettingsFile({ account, preferences: { autoAnswer: 'when-requested', autoAnswerDelaySeconds: 5 } });
    const { sender, window } = await started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    publishCall(sender, incomingRinging('intercom@pbx', { autoAnswer: true }), { requested: true, delaySeconds: 0, source: 'answer-mode' });
    vi.advanceTimersByTime(4_999);
    expect(commandsTo(window)).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(commandsTo(window)).toEqual([{ kind: 'answer', callId: 'intercom@pbx', auto: true }]);
  });
});

describe('when the phone page goes away', () => {
  afterEach(() => vi.useRealTimers());

  async function ringingWithWindowHidden(platform: NodeJS.Platform = 'linux') {
    const app = await started({ platform });
    app.window.hide();
    publishCall(app.sender, incomingRinging('c1@pbx'));
    await shownPopup(app.window);
    return app;
  }
  const popups = (main: BrowserWindow) => BrowserWindow.getAllWindows().filter((candidate) => candidate !== main);

  it('forgets its calls on reload: tray, popup and shortcuts no longer see a ghost call', async () => {
    const { running, window } = await ringingWithWindowHidden();
    ipcMain.sendFrom(senderAt(APP_ENTRY_URL, { contents: window.webContents }), 'phone:registration-changed', {
      status: 'registered', aor: 'sip:1001@pbx.example.com', error: null,
    });
    expect(running.trayModel()?.icon).toBe('ringing');
    expect(popups(window)).toHaveLength(1);

    window.webContents.reload();
    await nextTask();
    expect(running.phone.activeCalls()).toEqual([]);
    expect(running.phone.registration()).toBeNull();
    expect(running.trayModel()?.icon).toBe('offline');
    expect(FakeTray.all()[0]!.contextMenu!.items.some((item) => item.id === 'answer')).toBe(false);
    expect(popups(window)).toEqual([]);
    // With nothing ringing any more, the answer key is given back to the other applications.
    expect(globalShortcut.press('CommandOrControl+Shift+A')).toBe(false);
    expect(commandsTo(window)).toEqual([]);
  });

  it('auto-answers again after a reload dropped a call that was up', async () => {
    await saveSettingsFile({ account, preferences: { autoAnswer: 'when-requested' } });
    const { sender, window } = await started();
    publishCall(sender, answered(incomingRinging('up@pbx')));
    const reloaded = window.webContents.nextLoad();
    window.webContents.reload();
    await reloaded;
    publishCall(sender, incomingRinging('paging@pbx', { autoAnswer: true }), { requested: true, delaySeconds: 0, source: 'answer-mode' });
    await waitFor(() => commandsTo(window).length > 0, 'the answer');
    expect(commandsTo(window)).toEqual([{ kind: 'answer', callId: 'paging@pbx', auto: true }]);
  });

  it('cancels a pending auto-answer when the renderer crashes', async () => {
    await saveSettingsFile({ account, preferences: { autoAnswer: 'always', autoAnswerDelaySeconds: 5 } });
    const { running, sender, window } = await started();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    publishCall(sender, incomingRinging('c1@pbx'));
    window.webContents.crash('oom');
    vi.advanceTimersByTime(10_000);
    expect(commandsTo(window)).toEqual([]);
    expect(running.phone.activeCalls()).toEqual([]);
    expect(running.trayModel()?.icon).toBe('offline');
  });

  it('closes the incoming-call popup when the renderer crashes', async () => {
    const { window } = await ringingWithWindowHidden('linux');
    expect(popups(window)).toHaveLength(1);
    window.webContents.crash();
    expect(popups(window)).toEqual([]);
  });

  it('withdraws the incoming-call notification when the renderer crashes', async () => {
    const { window } = await ringingWithWindowHidden('win32');
    const [ringing] = FakeNotification.shown();
    expect(ringing?.visible).toBe(true);
    window.webContents.crash();
    expect(ringing?.visible).toBe(false);
    expect(FakeNotification.shown()).toHaveLength(1);
  });

  it('drops queued commands aimed at the old page’s calls, but keeps a link to dial', async () => {
    await saveSettingsFile({ account });
    const { running, sender, window } = await started();
    window.webContents.crash();
    // A snapshot the dead page sent before dying arrives late, and the user presses Answer.
    publishCall(sender, incomingRinging('late@pbx'));
    globalShortcut.press('CommandOrControl+Shift+A');
    app.emit('open-url', { preventDefault: () => {} }, 'sip:1005@pbx.example.com');
    expect(commandsTo(window)).toEqual([]);

    const reloaded = window.webContents.nextLoad();
    window.webContents.reload();
    await reloaded;
    expect(commandsTo(window)).toEqual([{ kind: 'dial', target: '1005', autoDial: false }]);
    expect(running.phone.activeCalls()).toEqual([]);
  });

  it('forgets its calls when the main window is really closed', async () => {
    await saveSettingsFile({ account: null, preferences: { closeToTray: false } });
    const { running, sender, window } = await started({ platform: 'darwin' });
    publishCall(sender, answered(incomingRinging('c1@pbx')));
    expect(running.trayModel()?.icon).toBe('in-call');
    window.close();
    expect(running.phone.activeCalls()).toEqual([]);
    expect(running.trayModel()?.icon).toBe('offline');
    expect(FakeTray.all()[0]!.contextMenu!.items.some((item) => item.id === 'hangup')).toBe(false);
  });
});

describe('screen sharing', () => {
  const PICKER_URL = `${APP_ORIGIN}/screen-share-picker/index.html`;

  it("answers the main window's getDisplayMedia with the source chosen in a picker over it", async () => {
    const { window } = await started();
    desktopCapturer.sources = [
      { id: 'window:7:0', name: 'Mail' },
      { id: 'screen:0:0', name: 'Entire Screen' },
    ];
    const request = session.defaultSession.requestDisplayMedia(window.webContents.mainFrame);
    const picker = await shownWindowAt(PICKER_URL);
    expect(picker.getParentWindow()).toBe(window);
    expect(picker.visible).toBe(true);
    // Its page is served, under the app's CSP, from the picker's own folder.
    const page = await protocol.fetch(PICKER_URL);
    expect(await page.text()).toContain('picker');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // The picker cannot reach the phone: the main router does not know its window.
    await expect(ipcMain.invokeFrom(senderAt(PICKER_URL, { contents: picker.webContents }), 'account:load', undefined)).rejects.toThrow(/foreign-sender/);
    ipcMain.sendFrom(senderAt(PICKER_URL, { contents: picker.webContents }), 'screen-picker:choose', { sourceId: 'screen:0:0' });
    expect(await request).toEqual({ granted: true, video: { id: 'screen:0:0', name: 'Entire Screen' } });
  });

  it('keeps screen capture a permission of our own page only', async () => {
    const { window } = await started();
    expect(await session.defaultSession.requestPermission(window.webContents, 'display-capture', { isMainFrame: true, requestingUrl: APP_ENTRY_URL })).toBe(true);
    expect(await session.defaultSession.requestPermission(window.webContents, 'display-capture', { isMainFrame: true, requestingUrl: 'https://evil.example/' })).toBe(false);
    const foreign = new BrowserWindow();
    await foreign.loadURL('https://evil.example/');
    expect((await session.defaultSession.requestDisplayMedia(foreign.webContents.mainFrame)).granted).toBe(false);
  });
});

describe('links', () => {
  it('fills the dialler from a link on the command line of a cold start', async () => {
    await saveSettingsFile({ account });
    const { window } = await started({ argv: ['/opt/Softphone/softphone', 'tel:+33%201%2023%2045%2067%2089'] });
    expect(commandsTo(window)).toEqual([{ kind: 'dial', target: '+33123456789', autoDial: false }]);
  });

  it('takes links from a second launch and from macOS open-url, dialling at once when allowed', async () => {
    await saveSettingsFile({ account, preferences: { autoDialLinks: true } });
    const { window } = await started();
    app.emit('second-instance', {}, ['/opt/Softphone/softphone', '--flag', 'sip:1002@pbx.example.com'], base, {});
    app.emit('open-url', { preventDefault: () => {} }, 'callto:1003');
    app.emit('open-url', { preventDefault: () => {} }, 'https://evil.example/');
    expect(commandsTo(window)).toEqual([
      { kind: 'dial', target: '1002', autoDial: true },
      { kind: 'dial', target: '1003', autoDial: true },
    ]);
  });

  it('keeps an open-url that arrives before ready until the page has loaded', async () => {
    await saveSettingsFile({ account });
    fakeSystem.platform = 'darwin';
    const running = startApp(electron, paths, { platform: 'darwin', argv: ['/Applications/Softphone.app'], packaged: true })!;
    app.emit('open-url', { preventDefault: () => {} }, 'sip:1004@pbx.example.com');
    app.emitReady();
    await running.ready;
    const window = BrowserWindow.getAllWindows()[0]!;
    expect(commandsTo(window)).toEqual([]);
    await window.webContents.nextLoad();
    expect(commandsTo(window)).toEqual([{ kind: 'dial', target: '1004', autoDial: false }]);
  });
});

describe('window and tray', () => {
  it('brings the window back when the app is launched a second time', async () => {
    const { window } = await started();
    window.minimized = true;
    window.focused = false;
    app.emit('second-instance', {}, [], base, {});
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('hides to the tray on close when closeToTray is on, and really quits from the tray', async () => {
    const { window } = await started();
    window.close();
    expect(window.isDestroyed()).toBe(false);
    expect(window.visible).toBe(false);
    expect(app.quitCount).toBe(0);
    FakeTray.all()[0]!.contextMenu!.click('quit');
    expect(app.quitCount).toBe(1);
    app.emitQuit();
    expect(window.isDestroyed()).toBe(true);
    expect(FakeTray.all()).toEqual([]);
    expect(globalShortcut.registeredAccelerators()).toEqual([]);
  });

  it('quits when the last window closes without closeToTray, except on macOS', async () => {
    await saveSettingsFile({ account: null, preferences: { closeToTray: false } });
    const linux = await started();
    linux.window.close();
    expect(app.quitCount).toBe(1);

    resetElectronFake();
    app.setPath('userData', path.join(base, 'user-data'));
    const mac = await started({ platform: 'darwin' });
    mac.window.close();
    expect(app.quitCount).toBe(0);
    app.emit('activate');
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 10: what the fake used to hide. Each test here failed on the code before its fix.

describe('keyboard: the application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('on %s, Ctrl/Cmd+R does not reload the phone page and drop its calls, and DevTools stay shut', async (platform) => {
    const { running, sender, window } = await started({ platform });
    publishCall(sender, answered(incomingRinging('up@pbx')));
    expect(window.pressAccelerator('CmdOrCtrl+R')).toBeNull();
    expect(window.pressAccelerator('Shift+CmdOrCtrl+R')).toBeNull();
    await nextTask();
    expect(window.webContents.reloadCount).toBe(0);
    expect(running.phone.activeCalls()).toHaveLength(1);
    window.pressAccelerator(platform === 'darwin' ? 'Alt+Command+I' : 'Ctrl+Shift+I');
    expect(window.webContents.isDevToolsOpened()).toBe(false);
  });

  it('on macOS, keeps Edit (copy and paste in the account form) and Quit', async () => {
    const { window } = await started({ platform: 'darwin' });
    expect(window.pressAccelerator('Cmd+C')).toBe('copy');
    expect(window.pressAccelerator('Cmd+V')).toBe('paste');
    expect(window.pressAccelerator('Cmd+Q')).toBe('quit');
    expect(app.quitCount).toBe(1);
  });

  it('offers DevTools, and still no Reload, when run with `electron .`', async () => {
    const { window } = await started({ packaged: false });
    expect(window.pressAccelerator('Ctrl+Shift+I')).toBe('toggledevtools');
    expect(window.webContents.isDevToolsOpened()).toBe(true);
    expect(window.pressAccelerator('Ctrl+R')).toBeNull();
  });
});

describe('incoming calls nobody is looking at', () => {
  it('macOS: both buttons labelled Decline decline the call (no closeButtonText dismissal)', async () => {
    const { sender, window } = await started({ platform: 'darwin' });
    window.hide();
    publishCall(sender, incomingRinging('c1@pbx'));
    const [notification] = FakeNotification.shown();
    const buttons = notification!.buttons();
    expect(buttons.filter((label) => label === 'Decline')).toHaveLength(1);
    notification!.pressButton(buttons.lastIndexOf('Decline'));
    expect(commandsTo(window)).toEqual([{ kind: 'decline', callId: 'c1@pbx' }]);
  });

  it('macOS: a call rings in the popup too, which stays when an unsigned build’s notification fails', async () => {
    FakeNotification.signed = false;
    const { sender, window } = await started({ platform: 'darwin' });
    window.hide();
    publishCall(sender, incomingRinging('c1@pbx'));
    const popup = await shownPopup(window);
    expect(popup.isAlwaysOnTop()).toBe(true);
    await waitFor(() => window.flashing, 'the window to ask for attention');
    expect(FakeNotification.shown().filter((notification) => notification.visible)).toEqual([]);
    ipcMain.sendFrom(senderAt(`${APP_ORIGIN}/incoming-call/index.html`, { contents: popup.webContents }), 'popup:action', { callId: 'c1@pbx', action: 'answer' });
    expect(commandsTo(window)).toEqual([{ kind: 'answer', callId: 'c1@pbx' }]);
  });

  it('Windows: a toast that fails (no Start-menu shortcut) still leaves the popup to answer from', async () => {
    FakeNotification.windowsFailure = 'The notification platform is unavailable.';
    const { sender, window } = await started({ platform: 'win32' });
    window.hide();
    publishCall(sender, incomingRinging('c1@pbx'));
    await shownPopup(window);
    expect(window.flashing).toBe(true);
  });

  it('Wayland: the popup may land anywhere, so a critical notification that never expires comes too', async () => {
    const { sender, window } = await started({ displayServer: 'wayland' });
    window.hide();
    publishCall(sender, incomingRinging('c1@pbx'));
    const popup = await shownPopup(window);
    expect(popup.position).toBeNull();
    const [notification] = FakeNotification.shown();
    expect(notification?.options).toMatchObject({ title: 'Incoming call', urgency: 'critical', timeoutType: 'never' });
    notification!.click();
    expect(window.visible).toBe(true);
    // The call is still ringing: only the window was brought, nothing was answered.
    expect(commandsTo(window)).toEqual([]);
  });

  it('a click on the incoming-call notification shows the window and leaves the missed-call count alone', async () => {
    const { running, sender, window } = await started({ platform: 'win32' });
    ringThenEnd(sender, 'missed@pbx');
    expect(running.trayModel()?.tooltip).toContain('1 missed call');
    window.hide();
    publishCall(sender, incomingRinging('c2@pbx'));
    const incoming = FakeNotification.shown().find((notification) => notification.options.title === 'Incoming call')!;
    incoming.click();
    expect(window.visible).toBe(true);
    expect(running.trayModel()?.tooltip).toContain('1 missed call');
  });
});

describe('missed-call notifications', () => {
  it('are kept until the user is done with them, so a click after a garbage collection still works', async () => {
    const { running, sender, window } = await started();
    window.hide();
    ringThenEnd(sender, 'm1@pbx');
    await collectGarbage();
    const [missed] = FakeNotification.shown().filter((notification) => notification.options.title === 'Missed call');
    expect(missed).toBeDefined();
    missed!.click();
    expect(window.visible).toBe(true);
    expect(running.trayModel()?.tooltip).not.toContain('missed call');
  });

  it('Linux with no notification daemon: the window asks for attention and the tray counts the call', async () => {
    FakeNotification.daemonRunning = false;
    const { running, sender, window } = await started();
    window.minimize();
    ringThenEnd(sender, 'm1@pbx');
    expect(window.flashing).toBe(true);
    expect(running.trayModel()?.tooltip).toContain('1 missed call');
    window.show();
    window.focus();
    window.emit('focus');
    expect(window.flashing).toBe(false);
  });
});

describe('global shortcuts', () => {
  it('hold no key while idle: answer and decline while a call rings, hang up and mute while one is up', async () => {
    const { sender } = await started();
    const held = () => globalShortcut.registeredAccelerators().sort();
    expect(held()).toEqual([]);
    publishCall(sender, incomingRinging('c1@pbx'));
    expect(held()).toEqual(['commandorcontrol+shift+a', 'commandorcontrol+shift+h']);
    publishCall(sender, answered(incomingRinging('c1@pbx')));
    expect(held()).toEqual(['commandorcontrol+shift+h', 'commandorcontrol+shift+m']);
    publishCall(sender, ended(answered(incomingRinging('c1@pbx'))));
    expect(held()).toEqual([]);
    expect(await ipcMain.invokeFrom(sender, 'shortcuts:status', undefined)).toMatchObject({ answer: { registered: true }, toggleMute: { registered: true } });
  });

  it('say when another application took a key in the meantime', async () => {
    const { sender } = await started();
    globalShortcut.ownedByOtherApps.add('commandorcontrol+shift+a');
    publishCall(sender, incomingRinging('c1@pbx'));
    expect(await ipcMain.invokeFrom(sender, 'shortcuts:status', undefined)).toMatchObject({ answer: { registered: false, error: 'in-use' } });
  });

  it('Wayland: are "requested" from the portal, and a changed shortcut really releases the old key', async () => {
    const { sender, window } = await started({ displayServer: 'wayland' });
    expect(await ipcMain.invokeFrom(sender, 'shortcuts:status', undefined)).toEqual({
      answer: { accelerator: 'CommandOrControl+Shift+A', registered: false, requested: true },
      hangup: { accelerator: 'CommandOrControl+Shift+H', registered: false, requested: true },
      toggleMute: { accelerator: 'CommandOrControl+Shift+M', registered: false, requested: true },
    });
    const next = { ...defaultAppPreferences(), shortcuts: { answer: 'F8', hangup: 'CommandOrControl+Shift+H', toggleMute: '' } };
    await ipcMain.invokeFrom(sender, 'preferences:save', next);
    publishCall(sender, incomingRinging('c1@pbx'));
    expect(globalShortcut.press('CommandOrControl+Shift+A')).toBe(false);
    expect(globalShortcut.press('CommandOrControl+Shift+M')).toBe(false);
    expect(globalShortcut.press('F8')).toBe(true);
    expect(commandsTo(window)).toEqual([{ kind: 'answer', callId: 'c1@pbx' }]);
  });
});

describe('the tray', () => {
  it('macOS: a click opens the tray menu without also hiding the window', async () => {
    const { window } = await started({ platform: 'darwin' });
    expect(window.visible).toBe(true);
    const tray = FakeTray.all()[0]!;
    tray.click();
    expect(tray.menuOpenCount).toBe(1);
    expect(window.visible).toBe(true);
  });

  it('Windows and Linux: a click still toggles the window', async () => {
    const { window } = await started({ platform: 'win32' });
    FakeTray.all()[0]!.click();
    expect(window.visible).toBe(false);
    FakeTray.all()[0]!.click();
    expect(window.visible).toBe(true);
  });

  it.each(['win32', 'linux'] as const)('on %s, says Show window while the window is minimised, and shows it from there', async (platform) => {
    const { window } = await started({ platform });
    const label = () => FakeTray.all()[0]!.contextMenu!.items.find((item) => item.id === 'toggle-window')?.label;
    expect(label()).toBe('Hide window');
    window.minimize();
    expect(label()).toBe('Show window');
    FakeTray.all()[0]!.contextMenu!.click('toggle-window');
    expect(window.isMinimized()).toBe(false);
    expect(label()).toBe('Hide window');
  });

  it('with no tray host (stock GNOME), closing the window quits instead of hiding it out of reach', async () => {
    const { window } = await started({ trayHostAvailable: () => Promise.resolve(false) });
    window.close();
    expect(window.isDestroyed()).toBe(true);
    expect(app.quitCount).toBe(1);
  });
});

describe('Linux identity', () => {
  it('uses the reverse-DNS desktop file name the portal and the notification daemon look up', async () => {
    await started();
    expect(app.desktopName).toBe('org.softphone.Softphone.desktop');
  });
});

describe('sip:, tel: and callto: registration with the OS', () => {
  it('is not done without the user’s consent', async () => {
    await started();
    expect(app.protocolClients).toEqual([]);
  });

  it('is never done for `electron .`, consent or not', async () => {
    await saveSettingsFile({ account: null, preferences: { handleCallLinks: true } });
    await started({ packaged: false });
    expect(app.protocolClients).toEqual([]);
  });

  it('registers the installed app when the user agrees, and removes it when they withdraw', async () => {
    const { sender } = await started({ platform: 'win32' });
    await ipcMain.invokeFrom(sender, 'preferences:save', { ...defaultAppPreferences(), handleCallLinks: true });
    expect(app.protocolClientCalls).toEqual([{ scheme: 'sip' }, { scheme: 'tel' }, { scheme: 'callto' }]);
    await ipcMain.invokeFrom(sender, 'preferences:save', { ...defaultAppPreferences(), handleCallLinks: false });
    expect(app.removedProtocolClients).toEqual(['sip', 'tel', 'callto']);
  });

  it('takes a link that arrives with Chromium’s switches in front of it', async () => {
    await saveSettingsFile({ account });
    const { window } = await started({ platform: 'win32' });
    app.launchSecondInstance(['C:\\Program Files\\Softphone\\Softphone.exe', 'sip:1007@pbx.example.com', '--disable-gpu']);
    expect(commandsTo(window)).toEqual([{ kind: 'dial', target: '1007', autoDial: false }]);
  });
});

describe('screen sharing that cannot start', () => {
  it('a Cancel in the picker says nothing', async () => {
    const { window } = await started();
    desktopCapturer.sources = [{ id: 'window:7:0', name: 'Mail' }, { id: 'screen:0:0', name: 'Entire Screen' }];
    const request = session.defaultSession.requestDisplayMedia(window.webContents.mainFrame);
    const picker = await shownWindowAt(`${APP_ORIGIN}/screen-share-picker/index.html`);
    ipcMain.sendFrom(senderAt(`${APP_ORIGIN}/screen-share-picker/index.html`, { contents: picker.webContents }), 'screen-picker:cancel', undefined);
    expect(await request).toMatchObject({ granted: false });
    expect(dialog.shown).toEqual([]);
  });

  it('macOS without Screen Recording consent: the user is told where to allow it', async () => {
    systemPreferences.screenAccess = 'denied';
    const { window } = await started({ platform: 'darwin' });
    desktopCapturer.sources = [{ id: 'screen:0:0', name: 'Entire Screen' }];
    expect((await session.defaultSession.requestDisplayMedia(window.webContents.mainFrame)).granted).toBe(false);
    expect(desktopCapturer.requests).toEqual([]);
    await waitFor(() => electron.shell.opened.length > 0, 'System Settings to open');
    expect(dialog.shown[0]).toMatchObject({ window, options: { buttons: ['Open System Settings', 'Close'] } });
    expect(electron.shell.opened).toEqual(['x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture']);
  });

  it('a desktop that lists nothing to share is explained too', async () => {
    const { window } = await started();
    desktopCapturer.failure = new Error('portal cancelled');
    await session.defaultSession.requestDisplayMedia(window.webContents.mainFrame);
    await waitFor(() => dialog.shown.length > 0, 'the explanation');
    expect(dialog.shown[0]?.options.message).toBe('Screen sharing did not start.');
  });
});

describe('the e2e build for the Playwright _electron suite', () => {
  it('is served by `electron .` when the suite asks, with the hooks', () => {
    const env = { SOFTPHONE_E2E_HOOKS: '1' };
    expect(e2eRun(false, env)).toBe(true);
    expect(bundledAppPaths('/repo/dist/electron', { packaged: false, env }).webRoot).toBe(path.resolve('/repo/dist/e2e'));
    expect(bundledAppPaths('/repo/dist/electron', { packaged: false, env: { ...env, SOFTPHONE_E2E_DIST: '/tmp/e2e-build' } }).webRoot).toBe('/tmp/e2e-build');
  });

  it('is never served by an installed app, whatever its environment says', () => {
    const env = { SOFTPHONE_E2E_HOOKS: '1', SOFTPHONE_E2E_DIST: '/tmp/evil' };
    expect(e2eRun(true, env)).toBe(false);
    expect(bundledAppPaths('/opt/Softphone/resources/app.asar/dist/electron', { packaged: true, env }).webRoot).toBe(path.join('/opt/Softphone/resources/app.asar/dist', 'web'));
    expect(bundledAppPaths('/repo/dist/electron').webRoot).toBe(path.join('/repo/dist', 'web'));
  });
});
