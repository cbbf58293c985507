import { describe, expect, it } from 'vitest';
import { defaultAppPreferences } from './app-preferences';
import { CallSession } from './call-session';
import { checkIpcArgs, checkIpcResult, ipcChannels, ipcContract, isIpcChannel } from './ipc-contract';

const account = {
  serverUrl: 'wss://pbx.example.com:8089/ws',
  sipUri: 'sip:1001@pbx.example.com',
  username: '1001',
  password: '',
  iceServers: [],
};

describe('ipcContract', () => {
  it('declares every channel with its direction, and a result schema exactly for invoke channels', () => {
    expect(Object.fromEntries(ipcChannels.map((channel) => [channel, ipcContract[channel].direction]))).toEqual({
      'account:load': 'invoke',
      'account:save': 'invoke',
      'phone:call-changed': 'send',
      'phone:registration-changed': 'send',
      'phone:command': 'event',
      'phone:missed-calls': 'send',
      'shell:open-external': 'invoke',
      'preferences:load': 'invoke',
      'preferences:save': 'invoke',
      'preferences:changed': 'event',
      'shortcuts:status': 'invoke',
      'popup:show-call': 'event',
      'popup:action': 'send',
      'screen-picker:sources': 'event',
      'screen-picker:choose': 'send',
      'screen-picker:cancel': 'send',
    });
    for (const channel of ipcChannels) {
      expect('result' in ipcContract[channel]).toBe(ipcContract[channel].direction === 'invoke');
    }
  });

  it('recognises only its own channel names', () => {
    expect(isIpcChannel('account:load')).toBe(true);
    expect(isIpcChannel('toString')).toBe(false);
    expect(isIpcChannel('account:delete')).toBe(false);
    expect(isIpcChannel(42)).toBe(false);
  });
});

describe('checkIpcArgs', () => {
  it('accepts an account save and normalises the settings', () => {
    const checked = checkIpcArgs('account:save', { settings: { ...account, serverUrl: ' WSS://pbx.example.com:8089/ws ' }, password: 's3cret' });
    expect(checked).toMatchObject({ ok: true, value: { password: 's3cret', settings: { serverUrl: 'wss://pbx.example.com:8089/ws' } } });
  });

  it('carries the consent to keep an unprotected password only as a boolean', () => {
    expect(checkIpcArgs('account:save', { settings: account, password: 'pw', allowUnprotectedPassword: true })).toMatchObject({
      ok: true,
      value: { allowUnprotectedPassword: true },
    });
    expect(checkIpcArgs('account:save', { settings: account, password: 'pw', allowUnprotectedPassword: 'yes' }).ok).toBe(false);
  });

  it('rejects account saves with invalid settings, a non-string password or extra keys', () => {
    expect(checkIpcArgs('account:save', { settings: { ...account, serverUrl: 'https://pbx' }, password: null }).ok).toBe(false);
    expect(checkIpcArgs('account:save', { settings: account, password: 42 }).ok).toBe(false);
    expect(checkIpcArgs('account:save', { settings: account, password: null, admin: true }).ok).toBe(false);
    expect(checkIpcArgs('account:save', undefined).ok).toBe(false);
  });

  it('lets account:load give back a TURN server whose credential could not be kept, and nothing else invalid', () => {
    const turn = { urls: 'turn:turn.example.com:3478', username: 'alice' };
    const result = checkIpcResult('account:load', { settings: { ...account, iceServers: [turn] }, password: null, notices: [] });
    expect(result).toEqual({ ok: true, value: { settings: { ...account, iceServers: [turn] }, password: null, notices: [] } });
    const withCredential = { ...turn, credential: 'turn-s3cret' };
    expect(checkIpcResult('account:load', { settings: { ...account, iceServers: [withCredential] }, password: null, notices: [] })).toMatchObject({
      ok: true,
      value: { settings: { iceServers: [withCredential] } },
    });
    const badUrl = { ...account, iceServers: [{ ...turn, urls: 'http://turn.example.com' }] };
    expect(checkIpcResult('account:load', { settings: badUrl, password: null, notices: [] }).ok).toBe(false);
    expect(checkIpcResult('account:load', { settings: { ...account, serverUrl: 'https://pbx' }, password: null, notices: [] }).ok).toBe(false);
    // Saving still requires the credential of a TURN server.
    expect(checkIpcArgs('account:save', { settings: { ...account, iceServers: [turn] }, password: null }).ok).toBe(false);
  });

  it('takes no payload on account:load', () => {
    expect(checkIpcArgs('account:load', undefined).ok).toBe(true);
    expect(checkIpcArgs('account:load', { path: '/etc/passwd' }).ok).toBe(false);
  });

  it('accepts a real CallSession snapshot and rejects a forged one', () => {
    const snapshot = new CallSession({ sipCallId: 'abc@host', number: '1002' }).toJSON();
    expect(checkIpcArgs('phone:call-changed', { session: snapshot }).ok).toBe(true);
    expect(checkIpcArgs('phone:call-changed', { session: { ...snapshot, sipStatus: 'Exploded' } }).ok).toBe(false);
    // The bare snapshot of the earlier contract is not a call-changed message any more.
    expect(checkIpcArgs('phone:call-changed', snapshot).ok).toBe(false);
  });

  it("carries the INVITE's auto-answer request beside the snapshot, bounded as the detector bounds it", () => {
    const session = new CallSession({ sipCallId: 'abc@host', number: '1002', ringing: true }).toJSON();
    const request = { requested: true, delaySeconds: 30, source: 'call-info' };
    expect(checkIpcArgs('phone:call-changed', { session, autoAnswerRequest: request })).toMatchObject({ ok: true, value: { autoAnswerRequest: request } });
    expect(checkIpcArgs('phone:call-changed', { session, autoAnswerRequest: { ...request, delaySeconds: 3601 } }).ok).toBe(false);
    expect(checkIpcArgs('phone:call-changed', { session, autoAnswerRequest: { ...request, delaySeconds: 1.5 } }).ok).toBe(false);
    expect(checkIpcArgs('phone:call-changed', { session, autoAnswerRequest: { ...request, source: 'x-header' } }).ok).toBe(false);
    expect(checkIpcArgs('phone:call-changed', { session, autoAnswerRequest: { ...request, answerNow: true } }).ok).toBe(false);
    expect(checkIpcArgs('phone:call-changed', { session, extra: 1 }).ok).toBe(false);
  });

  it('checks registration snapshots field by field', () => {
    const registered = { status: 'registered', aor: 'sip:1001@pbx.example.com', error: null };
    expect(checkIpcArgs('phone:registration-changed', registered).ok).toBe(true);
    const failed = { status: 'failed', aor: null, error: { code: 'auth-failed', message: 'Wrong password', sipCode: 403 } };
    expect(checkIpcArgs('phone:registration-changed', failed).ok).toBe(true);
    expect(checkIpcArgs('phone:registration-changed', { ...registered, status: 'online' }).ok).toBe(false);
    expect(checkIpcArgs('phone:registration-changed', { ...failed, error: { ...failed.error, sipCode: 1000 } }).ok).toBe(false);
  });

  it('accepts each phone command shape and nothing else', () => {
    expect(checkIpcArgs('phone:command', { kind: 'answer', callId: 'c1', video: true }).ok).toBe(true);
    expect(checkIpcArgs('phone:command', { kind: 'dial', target: '1002', autoDial: false }).ok).toBe(true);
    expect(checkIpcArgs('phone:command', { kind: 'dial', target: '1002' }).ok).toBe(false);
    expect(checkIpcArgs('phone:command', { kind: 'show-history' }).ok).toBe(true);
    expect(checkIpcArgs('phone:missed-calls', 4).ok).toBe(true);
    expect(checkIpcArgs('phone:missed-calls', 1.5).ok).toBe(false);
    expect(checkIpcArgs('phone:missed-calls', -1).ok).toBe(false);
    expect(checkIpcArgs('phone:command', { kind: 'transfer', callId: 'c1' }).ok).toBe(false);
    expect(checkIpcArgs('phone:command', { kind: 'hangup', callId: '' }).ok).toBe(false);
  });

  it('knows auto-answers and busy rejections', () => {
    expect(checkIpcArgs('phone:command', { kind: 'answer', callId: 'c1', auto: true }).ok).toBe(true);
    expect(checkIpcArgs('phone:command', { kind: 'reject-busy', callId: 'c1' }).ok).toBe(true);
    expect(checkIpcArgs('phone:command', { kind: 'reject-busy', callId: 'c1', code: 600 }).ok).toBe(false);
  });

  it('has no channel by which the page names a server to allow (it saves an account instead)', () => {
    expect(isIpcChannel('account:allow-server')).toBe(false);
    expect(ipcChannels.filter((channel) => channel.includes('allow'))).toEqual([]);
  });

  it('accepts an account to save only with a ws:/wss: server URL without credentials', () => {
    const saving = (serverUrl: unknown) => checkIpcArgs('account:save', { settings: { ...account, serverUrl }, password: null });
    for (const url of ['wss://pbx.example.com:8089/ws', 'ws://127.0.0.1:8080', 'WSS://[2001:db8::1]:443/ws?x=1']) {
      expect(saving(url).ok).toBe(true);
    }
    for (const url of ['https://pbx.example.com', 'wss://user:pw@pbx.example.com/ws', 'wss://', 'wss://pbx.example.com /ws', 'ws:pbx', 42]) {
      expect(saving(url).ok).toBe(false);
    }
  });

  it('validates saved preferences, accelerators included', () => {
    const preferences = defaultAppPreferences();
    expect(checkIpcArgs('preferences:save', preferences).ok).toBe(true);
    expect(checkIpcArgs('preferences:save', { ...preferences, shortcuts: { ...preferences.shortcuts, answer: 'A' } }).ok).toBe(false);
    expect(checkIpcArgs('preferences:save', { ...preferences, autoAnswerDelaySeconds: -1 }).ok).toBe(false);
  });

  it('accepts only the two popup actions', () => {
    expect(checkIpcArgs('popup:action', { callId: 'c1', action: 'answer' }).ok).toBe(true);
    expect(checkIpcArgs('popup:action', { callId: 'c1', action: 'hangup' }).ok).toBe(false);
  });

  it('lets only PNG data URLs through as picker thumbnails and icons', () => {
    const source = { id: 'screen:0:0', name: 'Entire screen', kind: 'screen', thumbnailDataUrl: 'data:image/png;base64,iVBORw0KGgo=', iconDataUrl: null };
    expect(checkIpcArgs('screen-picker:sources', [source]).ok).toBe(true);
    expect(checkIpcArgs('screen-picker:sources', []).ok).toBe(false);
    for (const url of ['https://evil.example/x.png', 'javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'data:image/png;base64,"><script>']) {
      expect(checkIpcArgs('screen-picker:sources', [{ ...source, thumbnailDataUrl: url }]).ok).toBe(false);
      expect(checkIpcArgs('screen-picker:sources', [{ ...source, iconDataUrl: url }]).ok).toBe(false);
    }
    expect(checkIpcArgs('screen-picker:sources', [{ ...source, kind: 'tab' }]).ok).toBe(false);
    expect(checkIpcArgs('screen-picker:choose', { sourceId: 'window:42:0' }).ok).toBe(true);
    expect(checkIpcArgs('screen-picker:choose', { sourceId: '' }).ok).toBe(false);
    expect(checkIpcArgs('screen-picker:cancel', undefined).ok).toBe(true);
  });

  it('reports readable issues for a rejected payload', () => {
    const checked = checkIpcArgs('shell:open-external', 12);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues).toMatch(/string/i);
  });
});

describe('checkIpcResult', () => {
  it('holds main-process answers to the contract too', () => {
    expect(checkIpcResult('account:load', { settings: null, password: null, notices: [] }).ok).toBe(true);
    expect(checkIpcResult('account:load', { settings: null, password: null, notices: [{ code: 'oops', message: '' }] }).ok).toBe(false);
    expect(checkIpcResult('account:save', { ok: true, passwordSaved: false }).ok).toBe(true);
    expect(checkIpcResult('shell:open-external', 'yes').ok).toBe(false);
    const status = { accelerator: 'F9', registered: false, error: 'in-use' };
    expect(checkIpcResult('shortcuts:status', { answer: status, hangup: status, toggleMute: status }).ok).toBe(true);
    expect(checkIpcResult('shortcuts:status', { answer: status, hangup: status }).ok).toBe(false);
  });
});
