import { describe, expect, test } from 'vitest';
import { validateAccountSettings } from '../../shared/account-settings';
import { iceServersFromText, iceServersToText } from './ice-servers-text';

describe('ICE servers as text', () => {
  test('round-trips servers with and without credentials, one URL per line', () => {
    const servers = [
      { urls: 'stun:stun.example.com:3478' },
      { urls: 'turn:turn.example.com?transport=tcp', username: 'user', credential: 'pass' },
    ];
    expect(iceServersFromText(iceServersToText(servers))).toEqual(servers);
  });

  test('writes a server with several URLs as one line per URL', () => {
    expect(iceServersToText([{ urls: ['stun:a.example.com', 'stun:b.example.com'] }])).toBe(
      'stun:a.example.com\nstun:b.example.com',
    );
  });

  test('ignores blank lines and surrounding spaces', () => {
    expect(iceServersFromText('\n  stun:a.example.com  \r\n\n')).toEqual([{ urls: 'stun:a.example.com' }]);
  });

  test('a line with extra words stays invalid for the validator instead of losing them', () => {
    const servers = iceServersFromText('turn:t.example.com user pass extra');
    const result = validateAccountSettings({
      serverUrl: 'wss://pbx.example.com/ws',
      sipUri: 'sip:1001@pbx.example.com',
      username: '1001',
      password: 'x',
      iceServers: servers,
    });
    expect(result.ok).toBe(false);
  });
});
