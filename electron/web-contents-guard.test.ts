import { beforeEach, describe, expect, it } from 'vitest';
import { FakeWebContents, resetElectronFake, shell } from './test-support/electron-fake';
import { guardWebContents } from './web-contents-guard';

let contents: FakeWebContents;
let log: string[];

beforeEach(() => {
  resetElectronFake();
  contents = new FakeWebContents();
  log = [];
  guardWebContents(contents, { shell, log: (message) => log.push(message) });
});

describe('web contents guard', () => {
  it('blocks navigation away from our app', () => {
    expect(contents.attemptNavigation('https://evil.example/')).toBe(true);
    expect(contents.attemptNavigation('file:///etc/passwd')).toBe(true);
    expect(contents.attemptNavigation('app://other/index.html')).toBe(true);
    expect(log).toHaveLength(3);
  });

  it('lets our own documents load', () => {
    expect(contents.attemptNavigation('app://softphone/index.html')).toBe(false);
  });

  it('denies every new window and opens allowed links in the browser instead', async () => {
    expect(contents.attemptWindowOpen('https://example.com/help')).toEqual({ action: 'deny' });
    expect(contents.attemptWindowOpen('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.attemptWindowOpen('app://softphone/index.html')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(shell.opened).toEqual(['https://example.com/help']);
    expect(log).toEqual(['[guard] refused to open file:///etc/passwd', '[guard] refused to open app://softphone/index.html']);
  });

  it('refuses to attach a <webview>', () => {
    expect(contents.attemptAttachWebview('https://example.com/')).toBe(true);
  });
});
