import { beforeEach, describe, expect, it } from 'vitest';
import { applyCallLinkRegistration, callLinkCommand, findCallLink } from './call-links';
import { app, fakeSystem, resetElectronFake } from './test-support/electron-fake';

const options = { autoDial: false, defaultDomain: 'pbx.example.com' };

describe('call links', () => {
  it('finds the link among the arguments of a launch, skipping switches and the app path', () => {
    expect(findCallLink(['/opt/Softphone/softphone', '--no-sandbox', 'tel:+33123456789'])).toBe('tel:+33123456789');
    expect(findCallLink(['/usr/bin/electron', '/app/main.cjs', '--flag=sip:1001', 'SIP:1001@pbx.example.com'])).toBe('SIP:1001@pbx.example.com');
    expect(findCallLink(['/opt/Softphone/softphone', 'https://evil.example/'])).toBeNull();
  });

  it.each([
    ['sip:1001@pbx.example.com', '1001'],
    ['sip:alice@other.example.org;transport=wss', 'alice@other.example.org'],
    ['sips:1001@pbx.example.com', 'sips:1001@pbx.example.com'],
    ['tel:+33-1-23-45-67-89', '+33123456789'],
    ['tel:+33%201%2023%2045%2067%2089', '+33123456789'],
    ['callto:1002', '1002'],
    ['callto://1002', '1002'],
  ])('turns %s into a dial command for %s', (link, target) => {
    expect(callLinkCommand(link, options)).toEqual({ kind: 'dial', target, autoDial: false });
  });

  it.each([
    'https://pbx.example.com/',
    'javascript:alert(1)',
    'sip:1001@pbx.example.com?Subject=hi',
    'sip:"><script>@pbx.example.com',
    'tel:%0d%0aVia:%20x',
    'tel:',
    `sip:${'1'.repeat(600)}@pbx.example.com`,
  ])('refuses %s', (link) => {
    expect(callLinkCommand(link, options)).toBeNull();
  });

  it('dials at once only when the preference says so', () => {
    expect(callLinkCommand('tel:1002', { ...options, autoDial: true })).toEqual({ kind: 'dial', target: '1002', autoDial: true });
  });

  describe('registration', () => {
    beforeEach(() => resetElectronFake());

    it('claims sip:, tel: and callto: for the installed app, with the user’s consent only', () => {
      expect(applyCallLinkRegistration(app, { packaged: true, wanted: false, previously: false })).toBe('unchanged');
      expect(app.protocolClients).toEqual([]);
      expect(applyCallLinkRegistration(app, { packaged: true, wanted: true, previously: false })).toBe('registered');
      expect(app.protocolClientCalls).toEqual([{ scheme: 'sip' }, { scheme: 'tel' }, { scheme: 'callto' }]);
    });

    it('never registers `electron .`, which would point the OS at a bare Electron', () => {
      expect(applyCallLinkRegistration(app, { packaged: false, wanted: true, previously: false })).toBe('not-packaged');
      expect(app.protocolClients).toEqual([]);
    });

    it('removes the registration when consent is withdrawn (Electron cannot on Linux)', () => {
      fakeSystem.platform = 'win32';
      expect(applyCallLinkRegistration(app, { packaged: true, wanted: false, previously: true })).toBe('removed');
      expect(app.removedProtocolClients).toEqual(['sip', 'tel', 'callto']);
    });
  });
});
