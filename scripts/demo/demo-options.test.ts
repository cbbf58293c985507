import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { commandName, DEFAULT_WEB_PORT, parseDemoOptions, portFailureMessage } from './demo-options.mjs';

describe('parseDemoOptions', () => {
  test('defaults: the page on 8090, free ports for Kamailio, open what this machine can open, build dist/web', () => {
    expect(parseDemoOptions([], {})).toEqual({
      ok: true,
      options: { webPort: DEFAULT_WEB_PORT, sipPort: null, wsPort: null, open: 'auto', webRoot: null },
    });
  });

  test('ports from the environment; 0 means any free port; blank means unset', () => {
    const parsed = parseDemoOptions([], { PORT: '0', SIP_PORT: ' 5070 ', SIP_WS_PORT: '' });
    expect(parsed.ok && parsed.options).toMatchObject({ webPort: 0, sipPort: 5070, wsPort: null });
    expect(parseDemoOptions([], { SIP_WS_PORT: '0' })).toMatchObject({ ok: true, options: { wsPort: null } });
  });

  test('--no-open and --browser, and SOFTPHONE_DEMO_OPEN; an argument wins over the environment', () => {
    expect(parseDemoOptions(['--no-open'], {})).toMatchObject({ options: { open: 'none' } });
    expect(parseDemoOptions(['--browser'], {})).toMatchObject({ options: { open: 'browser' } });
    expect(parseDemoOptions([], { SOFTPHONE_DEMO_OPEN: 'none' })).toMatchObject({ options: { open: 'none' } });
    expect(parseDemoOptions(['--browser'], { SOFTPHONE_DEMO_OPEN: 'none' })).toMatchObject({ options: { open: 'browser' } });
  });

  test('SOFTPHONE_DEMO_WEB_ROOT serves a build that exists already', () => {
    expect(parseDemoOptions([], { SOFTPHONE_DEMO_WEB_ROOT: '/tmp/e2e-build' })).toMatchObject({ options: { webRoot: '/tmp/e2e-build' } });
  });

  test.each([
    ['PORT', 'abc'],
    ['PORT', '-1'],
    ['PORT', '65536'],
    ['PORT', '80.5'],
    ['SIP_PORT', '1e3'],
    ['SIP_WS_PORT', '0x50'],
  ])('%s=%s is refused in one line that names the variable and gives an example', (name, value) => {
    const parsed = parseDemoOptions([], { [name]: value });
    expect(parsed).toMatchObject({ ok: false, exitCode: 1 });
    const message = parsed.ok ? '' : parsed.message;
    expect(message).toContain(`${name}="${value}" is not a port number`);
    expect(message).toMatch(new RegExp(`e\\.g\\. ${name}=\\d+$`));
    expect(message).not.toContain('\n');
  });

  test('two variables naming the same port are refused', () => {
    expect(parseDemoOptions([], { PORT: '5070', SIP_PORT: '5070' })).toMatchObject({ ok: false, message: 'PORT and SIP_PORT are both 5070: give them different ports.' });
  });

  test('an unknown argument or mode is refused with the usage; --help prints it and exits 0', () => {
    expect(parseDemoOptions(['--port=1'], {})).toMatchObject({ ok: false, exitCode: 1 });
    expect(parseDemoOptions([], { SOFTPHONE_DEMO_OPEN: 'desktop' })).toMatchObject({ ok: false, exitCode: 1 });
    const help = parseDemoOptions(['--help'], {});
    expect(help).toMatchObject({ ok: false, exitCode: 0 });
    expect(help.ok ? '' : help.message).toContain('Ctrl+C stops everything');
  });

  test('never throws on any arguments or environment, and any port it accepts is a port', () => {
    const value = fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -5, max: 70_000 }).map(String)), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), value, value, value, value, (argv, PORT, SIP_PORT, SIP_WS_PORT, SOFTPHONE_DEMO_OPEN) => {
        const parsed = parseDemoOptions(argv, { PORT, SIP_PORT, SIP_WS_PORT, SOFTPHONE_DEMO_OPEN });
        if (!parsed.ok) {
          expect(parsed.message.length).toBeGreaterThan(0);
          return;
        }
        for (const port of [parsed.options.webPort, parsed.options.sipPort ?? 1, parsed.options.wsPort ?? 1]) {
          expect(Number.isInteger(port) && port >= 0 && port <= 65535).toBe(true);
        }
      }),
    );
  });
});

describe('portFailureMessage', () => {
  const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' });

  test('a port in use: which one, what it is for, and the command to choose another', () => {
    expect(portFailureMessage(inUse, 8090, 'web', 'npm run demo')).toBe(
      "Port 8090 (the phone's web page) is already in use. Choose another: PORT=8091 npm run demo",
    );
    expect(portFailureMessage(inUse, 5060, 'sip', 'npm run demo')).toBe(
      'Port 5060 (SIP over UDP/TCP, for Kamailio) is already in use. Choose another: SIP_PORT=5061 npm run demo (or leave SIP_PORT unset for a free one)',
    );
    expect(portFailureMessage(inUse, 65535, 'ws', 'npm run demo')).toContain('SIP_WS_PORT=65534 npm run demo');
  });

  test('a privileged port suggests one above 1023', () => {
    const denied = Object.assign(new Error('listen EACCES'), { code: 'EACCES' });
    expect(portFailureMessage(denied, 80, 'web', 'npm run demo')).toBe(
      "Port 80 (the phone's web page) needs administrator rights. Choose one above 1023: PORT=1024 npm run demo",
    );
  });

  test('anything else is not about the port', () => {
    expect(portFailureMessage(new Error('boom'), 8090, 'web', 'npm run demo')).toBeNull();
    expect(portFailureMessage(null, 8090, 'web', 'npm run demo')).toBeNull();
  });

  test('the command is the one the user typed', () => {
    expect(commandName('demo')).toBe('npm run demo');
    expect(commandName(undefined)).toBe('node scripts/demo/demo.mjs');
  });
});
