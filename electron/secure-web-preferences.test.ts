import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './secure-web-preferences';

describe('secure web preferences', () => {
  it('let a page play sound without a user gesture, so the first ring is never swallowed', () => {
    expect(secureWebPreferences('/preload.cjs')).toMatchObject({ autoplayPolicy: 'no-user-gesture-required' });
    expect(secureWebPreferences('/preload.cjs', '--role=popup')).toMatchObject({
      autoplayPolicy: 'no-user-gesture-required',
      additionalArguments: ['--role=popup'],
    });
  });
});
