import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildJsSipPage } from './jssip-build';
import { freePort, startKamailio } from './kamailio';
import { serveStatic } from './web-server';

/** The e2e build of the web target; SOFTPHONE_E2E_DIST moves it (see vite.config.ts). */
const E2E_BUILD = resolve(process.env.SOFTPHONE_E2E_DIST ?? fileURLToPath(new URL('../../dist/e2e', import.meta.url)));

/**
 * One Kamailio and one static server for the whole run. Workers are started after this
 * function returns and inherit process.env, which is how the tests learn the addresses.
 * The returned function is Playwright's global teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(E2E_BUILD, 'index.html'))) {
    throw new Error(`${E2E_BUILD}/index.html is missing: run \`npm run build:e2e\` first`);
  }
  const runDir = await mkdtemp(join(tmpdir(), 'softphone-kamailio-'));
  const kamailio = await startKamailio({ sipPort: await freePort(), wsPort: await freePort(), runDir, auth: true });
  let web;
  // An independent SIP stack (JsSIP) in a page of its own, bundled fresh for every run.
  let jssipPage;
  let jssip;
  try {
    web = await serveStatic(E2E_BUILD);
    jssipPage = await buildJsSipPage();
    jssip = await serveStatic(jssipPage.dir);
  } catch (error) {
    await web?.close();
    await jssipPage?.remove();
    await kamailio.stop();
    throw error;
  }

  process.env.SOFTPHONE_WS_URL = kamailio.wsUrl;
  process.env.SOFTPHONE_SIP_PORT = String(kamailio.sipPort);
  process.env.SOFTPHONE_SIP_DOMAIN = kamailio.domain;
  process.env.SOFTPHONE_SIP_PASSWORD = 'secret';
  process.env.SOFTPHONE_WEB_URL = web.url;
  process.env.SOFTPHONE_JSSIP_URL = jssip.url;
  process.env.SOFTPHONE_KAMAILIO_LOG = kamailio.logFile;

  const server = web;
  const jssipServer = jssip;
  const jssipFolder = jssipPage;
  return async () => {
    await server.close();
    await jssipServer.close();
    await jssipFolder.remove();
    await kamailio.stop();
    // The log is the first thing to read when a test fails: keep the run folder then.
    if (process.env.SOFTPHONE_KEEP_TESTBED !== '1') await rm(runDir, { recursive: true, force: true });
  };
}
