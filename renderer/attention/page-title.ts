// The tab's title says what the phone is doing, so a call is noticed in a row of tabs or a
// task bar: "Ringing: Bob — Softphone", "In call with Bob (01:23)". Names come from the
// network: they are made safe and short here (shared/display-name), like everywhere else.

import type { CallSessionJSON } from '../../shared/call-session';
import { safeDisplayText } from '../../shared/display-name';
import type { RegistrationSnapshot } from '../../shared/phone-status';
import type { MessageKey, MessageParams } from '../i18n';
import { formatDuration } from '../i18n/format-duration';

/** A title is read at a glance: a long name is cut well before the tab's own ellipsis. */
export const TITLE_NAME_LENGTH = 40;

type Translate = (key: MessageKey, params?: MessageParams) => string;

function isOver(call: CallSessionJSON): boolean {
  return call.endTime !== null || call.sipStatus === 'Terminated';
}

export function isRingingIncoming(call: CallSessionJSON): boolean {
  return !call.isCaller && !call.answered && !call.ignored && call.ringing && !isOver(call);
}

function nameOf(call: CallSessionJSON): string {
  return safeDisplayText(call.displayName, TITLE_NAME_LENGTH) || safeDisplayText(call.number, TITLE_NAME_LENGTH);
}

function durationOf(call: CallSessionJSON, now: number): string {
  const answered = call.answerTime ? Date.parse(call.answerTime) : Number.NaN;
  return formatDuration((now - answered) / 1000);
}

/** The title for these calls and this line at `now` (ms since the epoch). */
export function pageTitle(calls: readonly CallSessionJSON[], registration: RegistrationSnapshot | null, now: number, t: Translate): string {
  const live = calls.filter((call) => !isOver(call));
  const ringing = live.find(isRingingIncoming);
  if (ringing) return t('title.incoming', { name: nameOf(ringing) });
  const talking = live.find((call) => call.answered && !call.paused);
  if (talking) return t('title.inCall', { name: nameOf(talking), duration: durationOf(talking, now) });
  const held = live.find((call) => call.answered);
  if (held) return t('title.onHold', { name: nameOf(held), duration: durationOf(held, now) });
  const outgoing = live.find((call) => call.isCaller);
  if (outgoing) return t('title.calling', { name: nameOf(outgoing) });
  return registration && registration.status !== 'registered' ? t('title.offline') : t('title.idle');
}

/** Whether the title shows a running duration (and so needs redrawing every second). */
export function titleHasClock(calls: readonly CallSessionJSON[]): boolean {
  return calls.some((call) => call.answered && !isOver(call));
}
