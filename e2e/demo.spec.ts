// `npm run demo`, as a newcomer runs it: the real script starts its own Kamailio and echo line,
// prints the phone's address; the page there has the account filled in, connects, calls the echo
// line through the UI, hears the announcement and then itself (muting the microphone silences
// the echo, so what comes back is our own sound); Ctrl+C leaves no process behind.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { instrumentPeerConnections, launchChromium } from './support/browser';
import { counterGrowth, expectRising, inboundStats } from './support/media-stats';
import { lineStatus } from './support/phone-page';

const REPO = fileURLToPath(new URL('..', import.meta.url));
/** The e2e build (global setup checked it exists): the demo serves it instead of building dist/web. */
const E2E_BUILD = resolve(process.env.SOFTPHONE_E2E_DIST ?? join(REPO, 'dist', 'e2e'));

/** `npm run demo` in its own process group, as a terminal runs it, with its output collected. */
class Demo {
  readonly process: ChildProcess;
  output = '';
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor() {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      // Any free port for the page too: another demo may run on this machine.
      PORT: '0',
      SIP_PORT: '',
      SIP_WS_PORT: '',
      SOFTPHONE_DEMO_WEB_ROOT: E2E_BUILD,
      SOFTPHONE_DEMO_OPEN: 'none',
    };
    this.process = spawn('npm', ['run', '--silent', 'demo'], { cwd: REPO, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (chunk: Buffer) => (this.output += chunk.toString('utf8'));
    this.process.stdout?.on('data', collect);
    this.process.stderr?.on('data', collect);
    this.exited = new Promise((settle) => this.process.once('exit', (code, signal) => settle({ code, signal })));
  }

  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.process.exitCode !== null) throw new Error(`the demo exited (${this.process.exitCode}) before printing ${pattern}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`the demo did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((wake) => setTimeout(wake, 50));
    }
  }

  /** Ctrl+C in a terminal: SIGINT to the whole foreground process group (npm, sh, node). */
  interrupt(): void {
    process.kill(-this.process.pid!, 'SIGINT');
  }

  /**
   * How npm ended: 0, or killed by the SIGINT it passed on, as a shell reports Ctrl+C (npm runs
   * the script through `sh -c`, which dies of the signal once the demo has finished stopping).
   */
  exit(timeoutMs: number): Promise<string> {
    const ended = this.exited.then(({ code, signal }) => (signal === 'SIGINT' ? 'interrupted' : `exit ${String(code)}${signal ? ` ${signal}` : ''}`));
    return Promise.race([ended, new Promise<string>((settle) => setTimeout(() => settle('still running'), timeoutMs))]);
  }
}

/** Every process below `root` now (Chromium and its helpers are children of the demo's Node). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the parent pid follows the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Kamailio daemonizes (it is nobody's child): its processes are the ones started with our config. */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('npm run demo: the account is filled in, the echo line answers, we hear ourselves, Ctrl+C leaves nothing behind', async () => {
  const startedAt = Date.now();
  const demo = new Demo();
  const browser = await launchChromium();
  let kamailioConfig = '';
  let started: number[] = [];
  try {
    const [, address] = await demo.waitFor(/Phone: +(http:\/\/127\.0\.0\.1:\d+\/\S*)/, 30_000);
    const [, kamailioRunDir] = await demo.waitFor(/log (\S+)\/kamailio\.log/, 1_000);
    const [, serverUrl, password] = await demo.waitFor(/on (ws:\/\/127\.0\.0\.1:\d+), password (\S+)/, 1_000);
    kamailioConfig = `${kamailioRunDir}/kamailio.cfg`;
    const readyMs = Date.now() - startedAt;

    const context = await browser.newContext();
    await instrumentPeerConnections(context);
    const page = await context.newPage();
    await page.goto(address!);

    // The form (first run: the account alone) holds the demo account, as printed; once the
    // line is up, the phone's dialpad holds the echo line's number.
    await expect(page.getByLabel('WebSocket server')).toHaveValue(serverUrl!);
    await expect(page.getByLabel('SIP address', { exact: true })).toHaveValue('sip:1000@127.0.0.1');
    await expect(page.getByLabel('User name', { exact: true })).toHaveValue('1000');
    await expect(page.getByLabel('Password')).toHaveValue(password!);
    await expect(page.getByLabel('Display name')).toHaveValue('Demo user');

    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(lineStatus(page)).toContainText('Connected as sip:1000@127.0.0.1');
    await expect(page.getByLabel('Number or SIP address')).toHaveValue('9196');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(page.getByText('Connected', { exact: true })).toBeVisible();
    const answeredAt = (await inboundStats(page, 'audio')).totalAudioEnergy;
    const callMs = Date.now() - startedAt;

    // Sound comes back at once: the announcement, then the echo.
    await expectRising(page, 'audio', 'totalAudioEnergy');
    await demo.waitFor(/Echo 9196: echoing Demo user \(1000\)/, 5_000);
    const announcement = (await inboundStats(page, 'audio')).totalAudioEnergy - answeredAt;
    expect(announcement, 'energy heard before the echo started (the tones)').toBeGreaterThan(0.02);

    // What comes back is our own microphone: muted, the echo falls silent; unmuted, it returns.
    const speaking = await counterGrowth(page, 'audio', 'totalAudioEnergy');
    await page.getByRole('button', { name: 'Mute' }).click();
    const muted = await counterGrowth(page, 'audio', 'totalAudioEnergy', { settleMs: 400 });
    expect(muted, `echo energy in 1 s: ${speaking} speaking, ${muted} muted`).toBeLessThan(speaking * 0.1);
    await page.getByRole('button', { name: 'Unmute' }).click();
    const unmuted = await counterGrowth(page, 'audio', 'totalAudioEnergy', { settleMs: 400 });
    // "Back" is judged against the muted level (near zero) as well as the level before: the
    // microphone's automatic gain control moves the level by itself between two windows.
    expect(unmuted, `echo energy in 1 s: ${speaking} speaking, ${muted} muted, ${unmuted} after unmute`).toBeGreaterThan(Math.max(muted * 10, speaking * 0.1));

    // Our camera comes back too.
    await page.getByRole('button', { name: 'Camera', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Camera', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect.poll(async () => (await inboundStats(page, 'video')).framesDecoded, { message: 'echoed video frames decoded', timeout: 5_000 }).toBeGreaterThan(10);

    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect(page.getByRole('button', { name: 'Hang up' })).toHaveCount(0);
    await demo.waitFor(/Echo 9196: call with Demo user \(1000\) ended/, 5_000);
    await context.close();

    // Ctrl+C: everything the demo started goes, Kamailio included, and its files with it.
    started = [...descendants(demo.process.pid!), ...processesMentioning(kamailioConfig)];
    expect(processesMentioning(kamailioConfig).length, 'Kamailio processes while the demo runs').toBeGreaterThan(0);
    expect(started.length).toBeGreaterThan(3);
    const stopAt = Date.now();
    demo.interrupt();
    expect(['exit 0', 'interrupted']).toContain(await demo.exit(15_000));
    await expect.poll(() => started.filter(alive), { message: 'processes the demo started, still alive', timeout: 10_000 }).toEqual([]);
    const stopMs = Date.now() - stopAt;
    expect(demo.output).toContain('Demo stopped.');
    expect(demo.output).not.toContain('Could not stop');
    expect(existsSync(kamailioRunDir!)).toBe(false);
    console.log(
      `demo: ready ${readyMs} ms after npm run demo, stopped ${stopMs} ms after Ctrl+C, whole test ${Date.now() - startedAt} ms; ` +
        `call connected at ${callMs} ms; audio energy heard: tones ${announcement.toFixed(3)}, echo in 1 s speaking ${speaking.toFixed(3)} / muted ${muted.toFixed(4)} / unmuted ${unmuted.toFixed(3)}`,
    );
  } finally {
    await browser.close();
    // A failed test still stops the demo the normal way first, so it removes its files.
    if (demo.process.exitCode === null && demo.process.signalCode === null) {
      try {
        demo.interrupt();
        await demo.exit(10_000);
      } catch {
        // gone meanwhile
      }
    }
    // Whatever failed, nothing of the demo outlives the test.
    const leftovers = [-demo.process.pid!, ...started, ...(kamailioConfig ? processesMentioning(kamailioConfig) : [])];
    for (const pid of leftovers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});
