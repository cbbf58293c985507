import { describe, expect, it } from 'vitest';
import { dtmfInfoSteps, dtmfRelayBody, toneOfInfo } from './dtmf-info';

describe('DTMF over SIP INFO', () => {
  it('builds the dtmf-relay body', () => {
    expect(dtmfRelayBody('5')).toBe('Signal=5\r\nDuration=160\r\n');
    expect(dtmfRelayBody('#', 250)).toBe('Signal=#\r\nDuration=250\r\n');
  });

  it('reads the tone of an incoming INFO', () => {
    expect(toneOfInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toBe('5');
    expect(toneOfInfo('Application/DTMF-Relay; charset=utf-8', 'signal= *\nDuration=100')).toBe('*');
    expect(toneOfInfo('application/dtmf-relay', 'Signal=11\r\n')).toBe('#');
    expect(toneOfInfo('application/dtmf', 'a')).toBe('A');
  });

  it('refuses what is not a keypad tone', () => {
    expect(toneOfInfo('application/dtmf-relay', 'Signal=X\r\n')).toBeNull();
    expect(toneOfInfo('application/dtmf-relay', 'Duration=160\r\n')).toBeNull();
    expect(toneOfInfo('application/media_control+xml', '<media_control/>')).toBeNull();
    expect(toneOfInfo(undefined, 'Signal=5')).toBeNull();
  });

  it('turns a dial string into tones and pauses', () => {
    expect(dtmfInfoSteps('1,#')).toEqual([{ tone: '1' }, { pauseMs: 500 }, { tone: '#' }]);
    expect(() => dtmfInfoSteps('1x')).toThrow();
  });
});

describe('sendDtmfByInfo', () => {
  type Options = Parameters<import('./dtmf-info').InfoSender['info']>[0];
  it('sends one INFO per tone, in order, each after the previous was answered', async () => {
    const { sendDtmfByInfo } = await import('./dtmf-info');
    const sent: Options[] = [];
    const session = {
      info: async (options: Options) => {
        sent.push(options);
        options.requestDelegate?.onAccept?.();
      },
    };
    const pauses: number[] = [];
    await sendDtmfByInfo(session, '1,#', async (ms) => void pauses.push(ms));
    expect(sent.map((o) => o.requestOptions?.body)).toEqual([
      { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=1\r\nDuration=160\r\n' },
      { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=#\r\nDuration=160\r\n' },
    ]);
    expect(pauses).toEqual([80, 500]);
  });

  it('stops at the first refusal', async () => {
    const { sendDtmfByInfo } = await import('./dtmf-info');
    let count = 0;
    const session = {
      info: async (options: Options) => {
        count += 1;
        options.requestDelegate?.onReject?.({ message: { statusCode: 415 } });
      },
    };
    await expect(sendDtmfByInfo(session, '12', async () => undefined)).rejects.toThrow(/415/);
    expect(count).toBe(1);
  });
});
