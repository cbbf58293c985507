// Keypad tones as SIP INFO (application/dtmf-relay), for PBXs that do not take them in the
// audio (RFC 4733 telephone-event). The body is the de facto format Cisco introduced and
// Asterisk, FreeSWITCH and most phones speak: "Signal=5\r\nDuration=160\r\n".

import { isDtmfTone, type DtmfTone } from '../../shared/dial-string';

export const DTMF_RELAY_TYPE = 'application/dtmf-relay';
/** How long each tone lasts, in ms: the length RFC 4733 senders use by default in SIP.js. */
export const DTMF_INFO_DURATION_MS = 160;
/** Between two INFO tones, as a phone's keypad would leave; ',' in a dial string waits longer. */
export const DTMF_INFO_GAP_MS = 80;
export const DTMF_INFO_PAUSE_MS = 500;

export function dtmfRelayBody(tone: DtmfTone, durationMs = DTMF_INFO_DURATION_MS): string {
  return `Signal=${tone}\r\nDuration=${Math.round(durationMs)}\r\n`;
}

/**
 * The tone an incoming INFO carries, or null when it is not a keypad tone. Reads
 * application/dtmf-relay ("Signal=5") and application/dtmf (the bare tone); 'A'-'D' any case,
 * '10' and '11' as some senders spell '*' and '#'.
 */
export function toneOfInfo(contentType: string | undefined, body: string): DtmfTone | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let signal: string | undefined;
  if (type === DTMF_RELAY_TYPE) signal = /^\s*signal\s*=\s*(\S+)\s*$/im.exec(body)?.[1];
  else if (type === 'application/dtmf') signal = body.trim();
  if (signal === undefined) return null;
  const normalised = signal === '10' ? '*' : signal === '11' ? '#' : signal.toUpperCase();
  return isDtmfTone(normalised) ? normalised : null;
}

/** One step of sending a dial string as INFO: a tone to send, or a pause. */
export type DtmfInfoStep = { tone: DtmfTone } | { pauseMs: number };

export function dtmfInfoSteps(tones: string): DtmfInfoStep[] {
  const steps: DtmfInfoStep[] = [];
  for (const key of tones.toUpperCase()) {
    if (key === ',') steps.push({ pauseMs: DTMF_INFO_PAUSE_MS });
    else if (isDtmfTone(key)) steps.push({ tone: key });
    else throw new Error(`“${key}” is not a keypad tone.`);
  }
  return steps;
}

/** What sending tones as INFO needs of a SIP.js Session (its `info` method). */
export interface InfoSender {
  info(options: {
    requestDelegate?: { onAccept?: () => void; onReject?: (response: { message: { statusCode?: number } }) => void };
    requestOptions?: { body?: { contentDisposition: string; contentType: string; content: string } };
  }): Promise<unknown>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends each tone as its own INFO, one after the other: the next leaves once the previous was
 * answered, so the PBX gets them in order. A refusal (a PBX that takes no INFO) stops the rest.
 */
export async function sendDtmfByInfo(session: InfoSender, tones: string, pause: (ms: number) => Promise<void> = wait): Promise<void> {
  const steps = dtmfInfoSteps(tones);
  for (const [index, step] of steps.entries()) {
    if ('pauseMs' in step) {
      await pause(step.pauseMs);
      continue;
    }
    await new Promise<void>((resolve, reject) => {
      session
        .info({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response) => reject(new Error(`The INFO for “${step.tone}” was refused (${response.message.statusCode ?? '?'}).`)),
          },
          requestOptions: { body: { contentDisposition: 'render', contentType: DTMF_RELAY_TYPE, content: dtmfRelayBody(step.tone) } },
        })
        .catch(reject);
    });
    if (index < steps.length - 1) await pause(DTMF_INFO_GAP_MS);
  }
}
