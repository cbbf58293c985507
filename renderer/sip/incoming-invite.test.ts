import { describe, expect, it } from 'vitest';
import { inviteWantsVideo, serverCallId, sessionFromInvite, type InviteMessageLike } from './incoming-invite';

function message(headers: Record<string, string[]>, extra: Partial<InviteMessageLike> = {}): InviteMessageLike {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    callId: 'abc-123',
    body: '',
    ruri: { user: '1002' },
    getHeader: (name) => lower[name.toLowerCase()]?.[0],
    getHeaders: (name) => lower[name.toLowerCase()] ?? [],
    ...extra,
  };
}

describe('sessionFromInvite', () => {
  it('builds a ringing incoming session from the caller identity', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const s = sessionFromInvite(message({}), { displayName: 'Alice Martin', uri: { user: '1001', host: 'pbx' } }, now);
    expect(s.isIncoming()).toBe(true);
    expect(s.isRinging()).toBe(true);
    expect(s.displayName).toBe('Alice Martin');
    expect(s.number).toBe('1001');
    expect(s.callerNumber).toBe('1001');
    expect(s.dialedExtension).toBe('1002');
    expect(s.sipCallId).toBe('abc-123');
    expect(s.getId()).toBe('abc-123');
    expect(s.startTime).toEqual(now);
    expect(s.autoAnswer).toBe(false);
  });

  it('reports no dialled extension when the Request-URI holds the random Contact token SIP.js registered', () => {
    const remote = { displayName: 'Alice', uri: { user: '1001', host: 'pbx' } };
    const routedByRegistration = message({}, { ruri: { user: 'k3v9qz1m' } });
    expect(sessionFromInvite(routedByRegistration, remote, new Date(), 'k3v9qz1m').dialedExtension).toBe('');
    // A PBX that calls the extension itself (R-URI = what was dialled) is reported as such.
    expect(sessionFromInvite(message({}), remote, new Date(), 'k3v9qz1m').dialedExtension).toBe('1002');
    expect(sessionFromInvite(message({}, { ruri: undefined }), remote, new Date(), 'k3v9qz1m').dialedExtension).toBe('');
  });

  it('falls back to the number when there is no display name', () => {
    const s = sessionFromInvite(message({}), { displayName: '', uri: { user: '1001', host: 'pbx' } });
    expect(s.displayName).toBe('1001');
  });

  it('copes with a From header without display name (SIP.js leaves it undefined)', () => {
    const s = sessionFromInvite(message({}), { displayName: undefined, uri: { user: '1001', host: 'pbx' } });
    expect(s.displayName).toBe('1001');
  });

  it('reads the server call id and auto-answer requests', () => {
    const s = sessionFromInvite(
      message({ 'X-Wazo-Call-ID': ['1594062407.123'], 'Answer-Mode': ['Auto'] }),
      { displayName: 'Intercom', uri: { user: '9000', host: 'pbx' } },
    );
    expect(s.callId).toBe('1594062407.123');
    expect(s.autoAnswer).toBe(true);
  });

  it('strips control characters and bounds hostile names', () => {
    const s = sessionFromInvite(message({}), { displayName: `Eve\r\nX-Evil: 1${'x'.repeat(1000)}`, uri: { user: '66', host: 'pbx' } });
    expect(s.displayName).not.toMatch(/[\r\n]/);
    expect(s.displayName.length).toBeLessThanOrEqual(128);
  });

  it('drops bidi overrides and invisible characters from the name and the number', () => {
    const s = sessionFromInvite(message({}), { displayName: '\u202Elive\u200B\u2066', uri: { user: '10\u202E02', host: 'pbx' } });
    expect(s.displayName).toBe('live');
    expect(s.number).toBe('1002');
    expect(s.callerNumber).toBe('1002');
  });

  it('decodes the quoted-string escapes SIP.js leaves in a display name', () => {
    const s = sessionFromInvite(message({}), { displayName: 'Alice \\"Boss\\" Martin', uri: { user: '1001', host: 'pbx' } });
    expect(s.displayName).toBe('Alice "Boss" Martin');
  });

  it('cuts a 6 KB name to 128 code points with an ellipsis', () => {
    const s = sessionFromInvite(message({}), { displayName: '\u{1F600}'.repeat(3000), uri: { user: '1001', host: 'pbx' } });
    expect(Array.from(s.displayName)).toHaveLength(128);
    expect(s.displayName.endsWith('\u2026')).toBe(true);
  });

  it('shows the number when nothing visible is left of the name', () => {
    const s = sessionFromInvite(message({}), { displayName: '\u202E\u200D\u{E0041} \r\n', uri: { user: '1001', host: 'pbx' } });
    expect(s.displayName).toBe('1001');
  });

  it('survives a message whose header accessors throw', () => {
    const broken = message({}, { getHeader: () => { throw new Error('bad'); }, getHeaders: () => { throw new Error('bad'); } });
    const s = sessionFromInvite(broken, { displayName: 'A', uri: { user: '1', host: 'pbx' } });
    expect(s.autoAnswer).toBe(false);
    expect(s.callId).toBeUndefined();
  });
});

describe('inviteWantsVideo', () => {
  it('sees an active video stream', () => {
    expect(inviteWantsVideo('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n')).toBe(true);
  });
  it('ignores a disabled video stream and audio-only offers', () => {
    expect(inviteWantsVideo('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 0 UDP/TLS/RTP/SAVPF 96\r\n')).toBe(false);
    expect(inviteWantsVideo('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n')).toBe(false);
  });
});

describe('serverCallId', () => {
  it('reads the Wazo call id, then a generic one, from any message with headers (INVITE, 18x, 2xx)', () => {
    expect(serverCallId(message({ 'X-Wazo-Call-ID': ['1594062407.123'] }))).toBe('1594062407.123');
    expect(serverCallId(message({ 'X-Call-ID': ['77'] }))).toBe('77');
    expect(serverCallId(message({}))).toBeUndefined();
    expect(serverCallId({ getHeader: () => { throw new Error('malformed'); } })).toBeUndefined();
  });
});
