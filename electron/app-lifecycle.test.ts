import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultAppPreferences } from '../shared/app-preferences';
import type { AutoAnswerRequest } from '../shared/auto-answer-signals';
import { CallSession, type CallSessionJSON } from '../shared/call-session';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-origin';
import { startApp, type AppPaths, type StartOptions } from './app-lifecycle';
import { answered, incomingRinging } from './test-support/calls';
import * as electron from './test-support/electron-fake';
import {
  app,
  BrowserWindow,
  desktopCapturer,
  FakeNotification,
  FakeTray,
  globalShortcut,
  ipcMain,
  protocol,
  resetElectronFake,
  senderAt,
  session,
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

async function started(options: StartOptions = {}) {
  const running = startApp(electron, paths, { platform: 'linux', argv: ['/opt/Softphone/softphone'], defaultApp: false, ...options });
  if (!running) throw new Error('the app did not start');
  app.emitReady();
  await running.ready;
  const [window] = BrowserWindow.getAllWindows();
  if (!window) throw new Error('no window was opened');
  await nextTask(); // did-finish-load
  return { running, window, sender: senderAt(APP_ENTRY_URL, { contents: window.webContents }) };
}

/** What the renderer's `publishCall` puts on the wire: the snapshot, and what the INVITE asked. */
function publishCall(sender: ReturnType<typeof senderAt>, session: CallSessionJSON, autoAnswerRequest?: AutoAnswerRequest) {
  ipcMain.sendFrom(sender, 'phone:call-changed', autoAnswerRequest ? { session, autoAnswerRequest } : { session });
}

const commandsTo = (window: BrowserWindow) =>
  window.webContents.sent.filter((message) => message.channel === 'phone:command').map((message) => message.args[0]);

describe('start-up order', () => {
  it('sandboxes, locks, registers the schemes before ready, and opens the window after', async () => {
    const { window } = await started();
    expect(app.calls.slice(0, 4)).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'registerSchemesAsPrivileged', 'ready']);
    expect(app.protocolClients).toEqual(['sip', 'tel', 'callto']);
    expect(app.sandboxEnabled).toBe(true);
    expect(window.webContents.getURL()).toBe(APP_ENTRY_URL);
    expect(window.options.webPreferences?.preload).toBe(paths.preload);
    expect(app.appUserModelId).toBeNull();
  });

  it('sets the AppUserModelID on Windows, for notifications', async () => {
    await started({ platform: 'win32' });
    expect(app.appUserModelId).toBe('org.softphone.desktop');
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
    expect(globalShortcut.registeredAccelerators().sort()).toEqual(['f8', 'f9']);
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
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(window.webContents.sent.some((message) => message.channel === 'preferences:changed')).toBe(true);
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
    const popup = BrowserWindow.getAllWindows().find((candidate) => candidate !== window)!;
    expect(popup.webContents.getURL()).toBe(`${APP_ORIGIN}/incoming-call/index.html`);
    await nextTask();
    expect(popup.visible).toBe(true);
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
    const popup = BrowserWindow.getAllWindows().find((candidate) => candidate !== window)!;
    await nextTask();
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
    await nextTask(); // the popup's page loads
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
    expect(globalShortcut.press('CommandOrControl+Shift+A')).toBe(true);
    expect(commandsTo(window)).toEqual([]);
  });

  it('auto-answers again after a reload dropped a call that was up', async () => {
    await saveSettingsFile({ account, preferences: { autoAnswer: 'when-requested' } });
    const { sender, window } = await started();
    publishCall(sender, answered(incomingRinging('up@pbx')));
    window.webContents.reload();
    await nextTask();
    publishCall(sender, incomingRinging('paging@pbx', { autoAnswer: true }), { requested: true, delaySeconds: 0, source: 'answer-mode' });
    await new Promise((resolve) => setTimeout(resolve, 5));
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

    window.webContents.reload();
    await nextTask();
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
    await nextTask();
    await nextTask();
    const picker = BrowserWindow.getAllWindows().find((candidate) => candidate.webContents.getURL() === PICKER_URL);
    if (!picker) throw new Error('no picker window');
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
    const running = startApp(electron, paths, { platform: 'darwin', argv: ['/Applications/Softphone.app'], defaultApp: false })!;
    app.emit('open-url', { preventDefault: () => {} }, 'sip:1004@pbx.example.com');
    app.emitReady();
    await running.ready;
    const window = BrowserWindow.getAllWindows()[0]!;
    expect(commandsTo(window)).toEqual([]);
    await nextTask();
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
