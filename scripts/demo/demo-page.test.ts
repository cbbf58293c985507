// @vitest-environment happy-dom
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { validateAccountSettings } from '../../shared/account-settings';
import { DEMO_ACCOUNT_META_NAME as RENDERER_META_NAME, demoAccountOfPage } from '../../renderer/platform/demo-account';
import { DEMO_ACCOUNT_META_NAME, demoAccount, newDemoPassword, withDemoAccount, writeDemoPage } from './demo-page.mjs';

const BUILT_INDEX = '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <script type="module" crossorigin src="./assets/index.js"></script>\n  </head>\n  <body><div id="app"></div></body>\n</html>\n';
const LINE = { wsUrl: 'ws://127.0.0.1:41234', domain: '127.0.0.1', user: '1000', password: 'abcd-efgh-jkmn', displayName: 'Demo user' };

function pageOf(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('the demo page', () => {
  test('names the meta tag as the web target reads it', () => {
    expect(DEMO_ACCOUNT_META_NAME).toBe(RENDERER_META_NAME);
  });

  test('the account written into index.html is read back, whole, by the web target', () => {
    const account = demoAccount(LINE);
    expect(validateAccountSettings(account)).toMatchObject({ ok: true, value: account });
    expect(demoAccountOfPage(pageOf(withDemoAccount(BUILT_INDEX, account)), '127.0.0.1')).toEqual(account);
  });

  test('characters that mean something in HTML stay inside the attribute', () => {
    // Not a valid account (the web target refuses it), but the page must stay intact whatever the value.
    const hostile = { ...demoAccount(LINE), displayName: '"><script>alert(1)</script>&amp;\'' };
    const page = pageOf(withDemoAccount(BUILT_INDEX, hostile));
    expect(page.querySelectorAll('script')).toHaveLength(1);
    expect(JSON.parse(page.querySelector(`meta[name="${DEMO_ACCOUNT_META_NAME}"]`)?.getAttribute('content') ?? '')).toEqual(hostile);
  });

  test('refuses a page that is not a build of the web target, or already has an account', () => {
    expect(() => withDemoAccount('<html><body></body></html>', demoAccount(LINE))).toThrow('no </head>');
    expect(() => withDemoAccount(withDemoAccount(BUILT_INDEX, demoAccount(LINE)), demoAccount(LINE))).toThrow('already');
  });

  test('passwords differ every run, are long, and are typeable', () => {
    const passwords = new Set(Array.from({ length: 200 }, () => newDemoPassword()));
    expect(passwords.size).toBe(200);
    for (const password of passwords) expect(password).toMatch(/^[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}$/);
  });

  describe('writeDemoPage', () => {
    let folder = '';
    afterEach(() => rm(folder, { recursive: true, force: true }));

    test('copies the build and adds the account to the copy only', async () => {
      folder = await mkdtemp(join(tmpdir(), 'demo-page-test-'));
      const build = join(folder, 'build');
      await mkdir(join(build, 'assets'), { recursive: true });
      await writeFile(join(build, 'index.html'), BUILT_INDEX);
      await writeFile(join(build, 'assets', 'index.js'), 'console.log(1)');
      await writeDemoPage(build, join(folder, 'served'), demoAccount(LINE));
      expect(await readFile(join(build, 'index.html'), 'utf8')).toBe(BUILT_INDEX);
      expect(await readFile(join(folder, 'served', 'assets', 'index.js'), 'utf8')).toBe('console.log(1)');
      expect(await readFile(join(folder, 'served', 'index.html'), 'utf8')).toContain(DEMO_ACCOUNT_META_NAME);
    });
  });
});
