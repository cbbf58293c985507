import { describe, expect, it } from 'vitest';
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
      'shell:open-external': 'invoke',
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

  it('rejects account saves with invalid settings, a non-string password or extra keys', () => {
    expect(checkIpcArgs('account:save', { settings: { ...account, serverUrl: 'https://pbx' }, password: null }).ok).toBe(false);
    expect(checkIpcArgs('account:save', { settings: account, password: 42 }).ok).toBe(false);
    expect(checkIpcArgs('account:save', { settings: account, password: null, admin: true }).ok).toBe(false);
    expect(checkIpcArgs('account:save', undefined).ok).toBe(false);
  });

  it('takes no payload on account:load', () => {
    expect(checkIpcArgs('account:load', undefined).ok).toBe(true);
    expect(checkIpcArgs('account:load', { path: '/etc/passwd' }).ok).toBe(false);
  });

  it('accepts a real CallSession snapshot and rejects a forged one', () => {
    const snapshot = new CallSession({ sipCallId: 'abc@host', number: '1002' }).toJSON();
    expect(checkIpcArgs('phone:call-changed', snapshot).ok).toBe(true);
    expect(checkIpcArgs('phone:call-changed', { ...snapshot, sipStatus: 'Exploded' }).ok).toBe(false);
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
    expect(checkIpcArgs('phone:command', { kind: 'transfer', callId: 'c1' }).ok).toBe(false);
    expect(checkIpcArgs('phone:command', { kind: 'hangup', callId: '' }).ok).toBe(false);
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
  });
});
