import { describe, expect, test } from 'vitest';
import { apiUrl, parseWazoServer, sipWebSocketUrl, websocketdUrl, type WazoServer } from './server-address';

function server(input: string): WazoServer {
  const result = parseWazoServer(input);
  if (!result.ok) throw new Error(`${input}: ${result.code}`);
  return result.server;
}

describe('parseWazoServer', () => {
  test('a bare name means https on 443', () => {
    expect(server('wazo.example.com')).toEqual({ origin: 'https://wazo.example.com', host: 'wazo.example.com', hostname: 'wazo.example.com', secure: true });
    expect(server('  WAZO.example.com  ').origin).toBe('https://wazo.example.com');
    expect(server('https://wazo.example.com/').origin).toBe('https://wazo.example.com');
    expect(server('https://wazo.example.com:443').host).toBe('wazo.example.com');
  });

  test('keeps a port', () => {
    expect(server('wazo.example.com:8443')).toMatchObject({ origin: 'https://wazo.example.com:8443', host: 'wazo.example.com:8443', hostname: 'wazo.example.com' });
  });

  test('http:// only for this computer (the test stand-in)', () => {
    expect(server('http://127.0.0.1:9000')).toMatchObject({ origin: 'http://127.0.0.1:9000', secure: false });
    expect(server('http://localhost:9000').secure).toBe(false);
    expect(server('http://[::1]:9000').hostname).toBe('[::1]');
    expect(parseWazoServer('http://wazo.example.com')).toEqual({ ok: false, code: 'server-insecure' });
    expect(parseWazoServer('http://10.0.0.5')).toEqual({ ok: false, code: 'server-insecure' });
  });

  test('refuses what it would have to guess about', () => {
    expect(parseWazoServer('')).toEqual({ ok: false, code: 'server-missing' });
    expect(parseWazoServer('   ')).toEqual({ ok: false, code: 'server-missing' });
    for (const input of [
      'wazo example.com',
      'wss://wazo.example.com',
      'ftp://wazo.example.com',
      'https://wazo.example.com/api',
      'wazo.example.com/portal',
      'https://user:secret@wazo.example.com',
      'wazo.example.com?x=1',
      'wazo.example.com#top',
      'wazo.example.com:99999',
      'https://',
    ]) {
      expect(parseWazoServer(input), input).toEqual({ ok: false, code: 'server-invalid' });
    }
  });
});

describe('URLs built from the server name', () => {
  test('REST APIs under /api/<service>/<version>', () => {
    const wazo = server('wazo.example.com');
    expect(apiUrl(wazo, 'auth', 'token')).toBe('https://wazo.example.com/api/auth/0.1/token');
    expect(apiUrl(wazo, 'confd', '/users/u-1')).toBe('https://wazo.example.com/api/confd/1.1/users/u-1');
    expect(apiUrl(wazo, 'calld', 'users/me/calls/1.2/record/start')).toBe('https://wazo.example.com/api/calld/1.0/users/me/calls/1.2/record/start');
  });

  test('websocketd v2 and the SIP WebSocket: wss by default, ws beside an explicit http://', () => {
    expect(websocketdUrl(server('wazo.example.com'), 'a b+c')).toBe('wss://wazo.example.com/api/websocketd/?token=a%20b%2Bc&version=2');
    expect(sipWebSocketUrl(server('wazo.example.com:8443'))).toBe('wss://wazo.example.com:8443/api/asterisk/ws');
    expect(sipWebSocketUrl(server('http://127.0.0.1:9000'))).toBe('ws://127.0.0.1:9000/api/asterisk/ws');
    expect(websocketdUrl(server('http://127.0.0.1:9000'), 't')).toBe('ws://127.0.0.1:9000/api/websocketd/?token=t&version=2');
  });
});
