import { describe, expect, it } from 'vitest';
import { linuxDisplayServer } from './display-server';
import { incomingCallAlerts } from './incoming-call-alerts';

describe('display server', () => {
  it('is Wayland in a Wayland session, as Electron 38+ runs there natively', () => {
    expect(linuxDisplayServer('linux', { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }, [])).toBe('wayland');
    expect(linuxDisplayServer('linux', { XDG_SESSION_TYPE: 'x11' }, [])).toBe('x11');
  });

  it('follows --ozone-platform when the user forces XWayland (or Wayland)', () => {
    expect(linuxDisplayServer('linux', { XDG_SESSION_TYPE: 'wayland' }, ['/opt/Softphone/softphone', '--ozone-platform=x11'])).toBe('x11');
    expect(linuxDisplayServer('linux', { XDG_SESSION_TYPE: 'x11' }, ['--ozone-platform=wayland'])).toBe('wayland');
  });

  it('is none elsewhere', () => {
    expect(linuxDisplayServer('darwin', { XDG_SESSION_TYPE: 'wayland' }, [])).toBe('none');
  });
});

describe('how an incoming call is shown', () => {
  it('uses the popup everywhere, and a notification too wherever the popup alone can be missed', () => {
    expect(incomingCallAlerts('linux', 'x11')).toEqual({ popup: true, notification: false });
    expect(incomingCallAlerts('linux', 'wayland')).toEqual({ popup: true, notification: true });
    expect(incomingCallAlerts('darwin', 'none')).toEqual({ popup: true, notification: true });
    expect(incomingCallAlerts('win32', 'none')).toEqual({ popup: true, notification: true });
  });
});
