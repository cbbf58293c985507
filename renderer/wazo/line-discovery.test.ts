import { describe, expect, test } from 'vitest';
import { discoverLine, displayNameOf, isWebRtcEndpoint, sipCredentialsOf } from './line-discovery';
import { parseWazoServer, type WazoServer } from './server-address';
import type { WazoHttp } from './wazo-http';
import { WazoError } from './wazo-errors';

const server = (parseWazoServer('wazo.example.com') as { ok: true; server: WazoServer }).server;
const session = { token: 'tok', userUuid: 'u-1' };

/** An EndpointSIP in the merged view, as confd gives it since 20.13. */
function endpoint(options: { webrtc?: string; username?: string; password?: string }) {
  return {
    uuid: 'e',
    label: 'line',
    auth_section_options: [
      ...(options.username !== undefined ? [['username', options.username]] : []),
      ...(options.password !== undefined ? [['password', options.password]] : []),
    ],
    endpoint_section_options: [['allow', 'opus,ulaw'], ...(options.webrtc ? [['webrtc', options.webrtc]] : [])],
  };
}

/** confd answers by path; a missing path is a 404, as confd does for an unknown endpoint. */
function confd(routes: Record<string, unknown>): { http: WazoHttp; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    http: {
      async request({ url, token }) {
        expect(token).toBe('tok');
        const path = url.replace('https://wazo.example.com/api/confd/1.1/', '');
        asked.push(path);
        if (!(path in routes)) throw new WazoError('server-error', 404);
        return routes[path];
      },
    },
  };
}

const SIP = '/associated/endpoints/sip?view=merged';

describe('reading SIP endpoints', () => {
  test('webrtc = yes, in any of Asterisk\'s spellings, and the old flat shape', () => {
    expect(isWebRtcEndpoint(endpoint({ webrtc: 'yes' }))).toBe(true);
    expect(isWebRtcEndpoint(endpoint({ webrtc: 'true' }))).toBe(true);
    expect(isWebRtcEndpoint(endpoint({ webrtc: 'no' }))).toBe(false);
    expect(isWebRtcEndpoint(endpoint({}))).toBe(false);
    expect(isWebRtcEndpoint({ options: [['webrtc', 'yes']] })).toBe(true);
    expect(sipCredentialsOf({ username: 'old', secret: 's' })).toEqual({ username: 'old', password: 's' });
  });

  test('credentials need both a user name and a password', () => {
    expect(sipCredentialsOf(endpoint({ username: 'abc', password: 'pw' }))).toEqual({ username: 'abc', password: 'pw' });
    expect(sipCredentialsOf(endpoint({ username: 'abc' }))).toBeNull();
    expect(sipCredentialsOf(endpoint({ username: ' ', password: 'pw' }))).toBeNull();
  });

  test('a display name without what a SIP header cannot carry', () => {
    expect(displayNameOf({ firstname: 'Alice', lastname: 'Martin' })).toBe('Alice Martin');
    expect(displayNameOf({ firstname: 'Al"ice\\', lastname: null })).toBe('Alice');
    expect(displayNameOf({})).toBe('');
  });
});

describe('discoverLine', () => {
  test('takes the first WebRTC line of the user, skipping a desk phone and a custom line', async () => {
    const { http, asked } = confd({
      'users/u-1': {
        firstname: 'Alice',
        lastname: 'Martin',
        lines: [
          { id: 3, endpoint_sip: { uuid: 'desk' } },
          { id: 4, endpoint_sip: null, endpoint_custom: { id: 1 } },
          { id: 7, endpoint_sip: { uuid: 'webrtc' } },
        ],
      },
      [`users/u-1/lines/3${SIP}`]: endpoint({ username: 'desk', password: 'x' }),
      [`users/u-1/lines/7${SIP}`]: endpoint({ webrtc: 'yes', username: 'wrtc7', password: 'pw7' }),
    });
    await expect(discoverLine(server, http, session)).resolves.toEqual({ lineId: 7, username: 'wrtc7', password: 'pw7', displayName: 'Alice Martin' });
    expect(asked).toEqual(['users/u-1', `users/u-1/lines/3${SIP}`, `users/u-1/lines/7${SIP}`]);
  });

  test('does not ask about a line confd already says is not WebRTC, and skips an endpoint gone missing', async () => {
    const { http, asked } = confd({
      'users/u-1': { lines: [{ id: 1, is_webrtc: false, endpoint_sip: { uuid: 'a' } }, { id: 2, endpoint_sip: { uuid: 'gone' } }, { id: 5, is_webrtc: true, endpoint_sip: { uuid: 'b' } }] },
      [`users/u-1/lines/5${SIP}`]: endpoint({ username: 'u5', password: 'p5' }),
    });
    await expect(discoverLine(server, http, session)).resolves.toMatchObject({ lineId: 5, username: 'u5' });
    expect(asked).toEqual(['users/u-1', `users/u-1/lines/2${SIP}`, `users/u-1/lines/5${SIP}`]);
  });

  test('no WebRTC line, or no line at all, is said as such', async () => {
    const noWebRtc = confd({ 'users/u-1': { lines: [{ id: 3, endpoint_sip: { uuid: 'desk' } }] }, [`users/u-1/lines/3${SIP}`]: endpoint({ username: 'd', password: 'p' }) });
    await expect(discoverLine(server, noWebRtc.http, session)).rejects.toMatchObject({ code: 'no-webrtc-line' });
    await expect(discoverLine(server, confd({ 'users/u-1': { lines: [] } }).http, session)).rejects.toMatchObject({ code: 'no-webrtc-line' });
  });

  test('a WebRTC line without SIP credentials is said as such', async () => {
    const { http } = confd({ 'users/u-1': { lines: [{ id: 9, endpoint_sip: { uuid: 'w' } }] }, [`users/u-1/lines/9${SIP}`]: endpoint({ webrtc: 'yes', username: 'w9' }) });
    await expect(discoverLine(server, http, session)).rejects.toMatchObject({ code: 'line-without-credentials' });
  });
});
