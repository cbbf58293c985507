// Every message between the renderer and the Electron main process, declared once. The
// preload bridge, the main-process router and the renderer's platform adapter are all built
// from this map, so adding a channel is one edit here, a wrong payload is a type error at
// compile time, and a forged one is rejected by the schema at run time.

import { z } from 'zod';
import { accountSettingsSchema } from './account-settings';
import { callSessionJsonSchema } from './call-session';
import type { PhoneCommand, SaveAccountResult, SettingsNotice, StoredAccount } from './platform';
import type { PhoneError, RegistrationSnapshot } from './phone-status';

// SIP call ids and dial targets are short; the caps stop a page from pushing megabytes
// through a channel that only ever needs a line of text.
const callIdSchema = z.string().min(1).max(256);

export const phoneCommandSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('answer'), callId: callIdSchema, video: z.boolean().optional() }),
  z.strictObject({ kind: z.literal('decline'), callId: callIdSchema }),
  z.strictObject({ kind: z.literal('hangup'), callId: callIdSchema }),
  z.strictObject({ kind: z.literal('toggle-mute'), callId: callIdSchema }),
  z.strictObject({ kind: z.literal('dial'), target: z.string().min(1).max(256), autoDial: z.boolean() }),
]);

const phoneErrorSchema = z.strictObject({
  code: z.enum([
    'auth-failed', 'server-unreachable', 'bad-server-url', 'registration-rejected',
    'registration-timeout', 'connection-lost', 'not-registered', 'microphone-denied',
    'microphone-missing', 'microphone-busy', 'camera-denied', 'camera-missing', 'camera-busy',
    'screen-share-denied', 'hold-failed', 'resume-failed', 'dtmf-failed', 'renegotiation-failed',
    'invalid-target', 'call-failed',
  ]),
  message: z.string().max(2000),
  sipCode: z.number().int().min(100).max(699).optional(),
});

export const registrationSnapshotSchema = z.strictObject({
  status: z.enum(['unregistered', 'connecting', 'registering', 'registered', 'reconnecting', 'failed']),
  aor: z.string().max(512).nullable(),
  error: phoneErrorSchema.nullable(),
  reconnectAttempt: z.number().int().positive().optional(),
});

export const settingsNoticeSchema = z.strictObject({
  code: z.enum(['settings-corrupt', 'secrets-unprotected', 'password-unreadable']),
  message: z.string(),
});

export const storedAccountSchema = z.strictObject({
  settings: accountSettingsSchema.nullable(),
  password: z.string().nullable(),
  notices: z.array(settingsNoticeSchema),
});

export const saveAccountRequestSchema = z.strictObject({
  settings: accountSettingsSchema,
  // A SIP password is never this long; the cap keeps the encrypted file small.
  password: z.string().max(1024).nullable(),
});

export const saveAccountResultSchema = z.strictObject({
  ok: z.boolean(),
  passwordSaved: z.boolean(),
  error: z.string().optional(),
});

export const externalUrlSchema = z.string().min(1).max(2048);

/** Who starts the exchange: renderer asks and awaits a result, renderer notifies, main notifies. */
export type IpcDirection = 'invoke' | 'send' | 'event';

interface ChannelSpec {
  readonly direction: IpcDirection;
  readonly args: z.ZodType;
  readonly result?: z.ZodType;
}

export const ipcContract = {
  'account:load': { direction: 'invoke', args: z.undefined(), result: storedAccountSchema },
  'account:save': { direction: 'invoke', args: saveAccountRequestSchema, result: saveAccountResultSchema },
  'phone:call-changed': { direction: 'send', args: callSessionJsonSchema },
  'phone:registration-changed': { direction: 'send', args: registrationSnapshotSchema },
  'phone:command': { direction: 'event', args: phoneCommandSchema },
  'shell:open-external': { direction: 'invoke', args: externalUrlSchema, result: z.boolean() },
} as const satisfies Record<string, ChannelSpec>;

type Contract = typeof ipcContract;
export type IpcChannel = keyof Contract;
type ChannelsWhere<D extends IpcDirection> = {
  [C in IpcChannel]: Contract[C]['direction'] extends D ? C : never;
}[IpcChannel];
export type InvokeChannel = ChannelsWhere<'invoke'>;
export type SendChannel = ChannelsWhere<'send'>;
export type EventChannel = ChannelsWhere<'event'>;

/** The single payload a channel carries (`undefined` for channels that need none). */
export type IpcArgs<C extends IpcChannel> = z.output<Contract[C]['args']>;
/** What an `invoke` channel resolves to. */
export type IpcResult<C extends InvokeChannel> = z.output<Contract[C]['result']>;

export const ipcChannels = Object.keys(ipcContract) as IpcChannel[];

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}

export type PayloadCheck<T> = { ok: true; value: T } | { ok: false; issues: string };

function check<T>(schema: z.ZodType, value: unknown): PayloadCheck<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data as T };
  return { ok: false, issues: z.prettifyError(parsed.error) };
}

/** Validates what a sender put on `channel` against the contract. */
export function checkIpcArgs<C extends IpcChannel>(channel: C, value: unknown): PayloadCheck<IpcArgs<C>> {
  return check(ipcContract[channel].args, value);
}

/** Validates what a handler is about to answer on an `invoke` channel. */
export function checkIpcResult<C extends InvokeChannel>(channel: C, value: unknown): PayloadCheck<IpcResult<C>> {
  return check(ipcContract[channel].result, value);
}

/**
 * The object the preload exposes as `window.softphone`: one intent-level function per
 * channel, typed from the contract. Page code never sees channel names or IPC events.
 */
export interface SoftphoneBridge {
  loadAccount(): Promise<IpcResult<'account:load'>>;
  saveAccount(
    settings: IpcArgs<'account:save'>['settings'],
    password: IpcArgs<'account:save'>['password'],
  ): Promise<IpcResult<'account:save'>>;
  publishCall(snapshot: IpcArgs<'phone:call-changed'>): void;
  publishRegistration(snapshot: IpcArgs<'phone:registration-changed'>): void;
  /** Returns the function that removes `listener`. */
  onCommand(listener: (command: IpcArgs<'phone:command'>) => void): () => void;
  /** Resolves `false` when the URL is not an https: or mailto: link. */
  openExternal(url: IpcArgs<'shell:open-external'>): Promise<IpcResult<'shell:open-external'>>;
}

// Compile-time proof that each schema describes exactly the hand-written type of
// platform.ts / phone-status.ts, so the runtime check and the static type cannot drift.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemasMatchSharedTypes: [
  Exactly<IpcArgs<'phone:command'>, PhoneCommand>,
  Exactly<IpcArgs<'phone:registration-changed'>, RegistrationSnapshot>,
  Exactly<z.output<typeof phoneErrorSchema>, PhoneError>,
  Exactly<z.output<typeof settingsNoticeSchema>, SettingsNotice>,
  Exactly<IpcResult<'account:load'>, StoredAccount>,
  Exactly<IpcResult<'account:save'>, SaveAccountResult>,
] = [true, true, true, true, true, true];
