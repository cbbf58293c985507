import { beforeEach, describe, expect, it } from 'vitest';
import { openExternalLink, toExternalUrl } from './external-links';
import { resetElectronFake, shell } from './test-support/electron-fake';

beforeEach(resetElectronFake);

describe('external links', () => {
  it.each([
    ['https://example.com/help?q=1#top', 'https://example.com/help?q=1#top'],
    ['HTTPS://Example.COM', 'https://example.com/'],
    ['mailto:support@example.com', 'mailto:support@example.com'],
    ['mailto:support@example.com?subject=Call%20quality', 'mailto:support@example.com?subject=Call%20quality'],
  ])('allows %s', (raw, normalised) => {
    expect(toExternalUrl(raw)).toBe(normalised);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'smb://server/share',
    'javascript:alert(1)',
    'app://softphone/index.html',
    'sip:1002@pbx.example.com',
    'https://trusted.example@evil.example/',
    'mailto:a@example.com,b@example.com',
    'mailto:%E0%A4%A',
    '/relative/path',
    '',
    'x'.repeat(3000),
  ])('refuses %s', (raw) => {
    expect(toExternalUrl(raw)).toBeNull();
  });

  it('refuses non-strings', () => {
    expect(toExternalUrl(undefined)).toBeNull();
    expect(toExternalUrl({ href: 'https://example.com' })).toBeNull();
  });

  it('hands only allowed links to the OS', async () => {
    await expect(openExternalLink(shell, 'https://example.com/')).resolves.toBe(true);
    await expect(openExternalLink(shell, 'file:///bin/sh')).resolves.toBe(false);
    expect(shell.opened).toEqual(['https://example.com/']);
  });
});
