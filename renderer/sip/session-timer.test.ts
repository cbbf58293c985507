import { describe, expect, it } from 'vitest';
import { sessionRefreshAnswer } from './session-timer';

function update(headers: Record<string, string>, body = '') {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { body, getHeader: (name: string) => lower[name.toLowerCase()] };
}

describe('sessionRefreshAnswer', () => {
  it('accepts a refresh UPDATE and echoes its Session-Expires and refresher', () => {
    expect(sessionRefreshAnswer(update({ 'Session-Expires': '1800;refresher=uac', Supported: 'timer, 100rel' }))).toEqual({
      statusCode: 200,
      extraHeaders: ['Session-Expires: 1800;refresher=uac', 'Require: timer'],
      timer: true,
    });
  });

  it('names the refresher uac when the request does not say, and requires timer only when supported', () => {
    expect(sessionRefreshAnswer(update({ 'Session-Expires': '600' })).extraHeaders).toEqual(['Session-Expires: 600;refresher=uac']);
    expect(sessionRefreshAnswer(update({ 'Session-Expires': '600 ; refresher=UAS' })).extraHeaders[0]).toBe('Session-Expires: 600;refresher=uas');
  });

  it('accepts a plain UPDATE with no session timer', () => {
    expect(sessionRefreshAnswer(update({}))).toEqual({ statusCode: 200, extraHeaders: [], timer: false });
  });

  it('asks for a longer interval below 90 s (422 with Min-SE)', () => {
    expect(sessionRefreshAnswer(update({ 'Session-Expires': '30' }))).toEqual({ statusCode: 422, extraHeaders: ['Min-SE: 90'], timer: true });
  });

  it('refuses an UPDATE that carries a new offer, leaving the session as it was', () => {
    expect(sessionRefreshAnswer(update({ 'Session-Expires': '1800' }, 'v=0\r\n')).statusCode).toBe(488);
  });
});
