// Every message between the renderer and the Electron main process, declared once. The
// preload bridge, the main-process router and the renderer's platform adapter are all built
// from this map, so adding a channel is one edit here, a wrong payload is a type error at
// compile time, and a forged one is rejected by the schema at run time.

import { z } from 'zod';
import { type AccountSettings, accountSettingsSchema } from './account-settings';
import { appPreferencesSchema, SHORTCUT_ACTIONS, type AppPreferences, type ShortcutStatusReport } from './app-preferences';
import { type AutoAnswerRequest, MAX_AUTO_ANSWER_DELAY_SECONDS } from './auto-answer-signals';
import { callSessionJsonSchema } from './call-session';
import type { PhoneCommand, PublishCallDetails, SaveAccountOptions, SaveAccountResult, SettingsNotice, StoredAccount } from './platform';
import type { PhoneError, RegistrationSnapshot } from './phone-status';

// SIP call ids and dial targets are short; the caps stop a page from pushing megabytes
// through a channel that only ever needs a line of text.
const callIdSchema = z.string().min(1).max(256);

export const phoneCommandSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('answer'),
    callId: callIdSchema,
    video: z.boolean().optional(),
    auto: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal('decline'), callId: callIdSchema }),
  z.strictObject({ kind: z.literal('reject-busy'), callId: callIdSchema }),
  z.strictObject({ kind: z.literal('hangup'), callId: callIdSchema }),
  z.strictObject({ kind: z.literal('toggle-mute'), callId: callIdSchema }),
  z.strictObject({ kind: z.literal('dial'), target: z.string().min(1).max(256), autoDial: z.boolean() }),
  z.strictObject({ kind: z.literal('show-history') }),
]);

export const autoAnswerRequestSchema = z.strictObject({
  requested: z.boolean(),
  delaySeconds: z.number().int().min(0).max(MAX_AUTO_ANSWER_DELAY_SECONDS),
  source: z.enum(['answer-mode', 'call-info', 'alert-info']).nullable(),
});

/** A call snapshot, with what the INVITE asked beside it (see PublishCallDetails). */
export const callChangedSchema = z.strictObject({
  session: callSessionJsonSchema,
  autoAnswerRequest: autoAnswerRequestSchema.optional(),
});

const phoneErrorSchema = z.strictObject({
  code: z.enum([
    'auth-failed', 'server-unreachable', 'bad-server-url', 'registration-rejected',
    'registration-timeout', 'server-unavailable', 'connection-lost', 'not-registered', 'microphone-denied',
    'microphone-missing', 'microphone-busy', 'camera-denied', 'camera-missing', 'camera-busy',
    'screen-share-denied', 'hold-failed', 'resume-failed', 'dtmf-failed', 'renegotiation-failed', 'transfer-failed',
    'invalid-target', 'call-failed', 'conference-failed',
  ]),
  message: z.string().max(2000),
  sipCode: z.number().int().min(100).max(699).optional(),
});

export const registrationSnapshotSchema = z.strictObject({
  status: z.enum(['unregistered', 'connecting', 'registering', 'registered', 'reconnecting', 'failed']),
  aor: z.string().max(512).nullable(),
  error: phoneErrorSchema.nullable(),
  reconnectAttempt: z.number().int().positive().optional(),
  retryInSeconds: z.number().int().min(0).max(86_400).optional(),
});

export const settingsNoticeSchema = z.strictObject({
  code: z.enum(['settings-corrupt', 'secrets-unprotected', 'password-unreadable']),
  message: z.string(),
});

// Stand-in for a TURN credential that the stored form leaves out. Only used to run the usual
// rules over the rest of the entry; it is removed again and never leaves this schema.
const CREDENTIAL_STAND_IN = 'kept-in-the-secret-store';

/**
 * The account as stored: every rule of accountSettingsSchema, except that an ICE server's
 * credential may be missing, as the password may be empty. TURN credentials are secrets, kept
 * apart from settings.json; one that could not be kept or decrypted is asked for again.
 */
export const storedAccountSettingsSchema = z.unknown().transform((input, ctx): AccountSettings => {
  const servers = typeof input === 'object' && input !== null && 'iceServers' in input ? input.iceServers : undefined;
  const missing = new Set<number>();
  const filled = Array.isArray(servers)
    ? servers.map((server: unknown, index) => {
        if (typeof server !== 'object' || server === null || Array.isArray(server)) return server;
        const credential = (server as { credential?: unknown }).credential;
        if (credential !== undefined && credential !== '') return server;
        missing.add(index);
        return { ...server, credential: CREDENTIAL_STAND_IN };
      })
    : servers;
  const parsed = accountSettingsSchema.safeParse(Array.isArray(servers) ? { ...(input as object), iceServers: filled } : input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: 'params' in issue ? issue.params : undefined });
    }
    return z.NEVER;
  }
  const iceServers = parsed.data.iceServers.map((server, index) => {
    if (!missing.has(index)) return server;
    const { credential: _standIn, ...rest } = server;
    return rest;
  });
  return { ...parsed.data, iceServers };
});

export const storedAccountSchema = z.strictObject({
  settings: storedAccountSettingsSchema.nullable(),
  password: z.string().nullable(),
  notices: z.array(settingsNoticeSchema),
});

export const saveAccountRequestSchema = z.strictObject({
  settings: accountSettingsSchema,
  // A SIP password is never this long; the cap keeps the encrypted file small.
  password: z.string().max(1024).nullable(),
  // The user's consent to keep the password where the OS keyring cannot protect it; absent
  // means no, so a page that forgets to ask never weakens the default.
  allowUnprotectedPassword: z.boolean().optional(),
});

export const saveAccountResultSchema = z.strictObject({
  ok: z.boolean(),
  passwordSaved: z.boolean(),
  error: z.string().optional(),
});

export const externalUrlSchema = z.string().min(1).max(2048);

const shortcutStatusSchema = z.strictObject({
  accelerator: z.string().max(200),
  registered: z.boolean(),
  requested: z.boolean().optional(),
  error: z.enum(['in-use', 'invalid']).optional(),
});

export const shortcutStatusReportSchema = z.strictObject(
  Object.fromEntries(SHORTCUT_ACTIONS.map((action) => [action, shortcutStatusSchema])) as Record<
    (typeof SHORTCUT_ACTIONS)[number],
    typeof shortcutStatusSchema
  >,
);

/** What the incoming-call popup shows; the text is built in the main process. */
export const incomingCallViewSchema = z.strictObject({
  callId: callIdSchema,
  title: z.string().max(300),
  detail: z.string().max(300),
});

export const incomingCallActionSchema = z.strictObject({
  callId: callIdSchema,
  action: z.enum(['answer', 'decline']),
});

// A desktopCapturer id looks like `screen:0:0` or `window:1234:0`; the main process accepts
// only ids it offered, so the schema merely bounds what a page can push through.
const screenShareSourceIdSchema = z.string().min(1).max(256);

// NativeImage.toDataURL() always gives PNG. Only that shape reaches the picker's <img>, so a
// page cannot be handed a remote or script URL through a thumbnail; the cap bounds one
// 320x180 thumbnail with plenty of margin.
export const SCREEN_SHARE_IMAGE_MAX_LENGTH = 2_000_000;
const pngDataUrlSchema = z
  .string()
  .max(SCREEN_SHARE_IMAGE_MAX_LENGTH)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'must be a base64 PNG data URL');

/** One screen or window the user may share, as the picker window shows it. */
export const screenShareSourceSchema = z.strictObject({
  id: screenShareSourceIdSchema,
  name: z.string().min(1).max(300),
  kind: z.enum(['screen', 'window']),
  thumbnailDataUrl: pngDataUrlSchema.nullable(),
  iconDataUrl: pngDataUrlSchema.nullable(),
});
export type ScreenShareSource = z.output<typeof screenShareSourceSchema>;

/** Who starts the exchange: renderer asks and awaits a result, renderer notifies, main notifies. */
export type IpcDirection = 'invoke' | 'send' | 'event';

interface ChannelSpec {
  readonly direction: IpcDirection;
  readonly args: z.ZodType;
  readonly result?: z.ZodType;
}

export const ipcContract = {
  'account:load': { direction: 'invoke', args: z.undefined(), result: storedAccountSchema },
  // The stored account's server is also the only one WebSockets may reach (electron/server-allow-list.ts).
  'account:save': { direction: 'invoke', args: saveAccountRequestSchema, result: saveAccountResultSchema },
  'phone:call-changed': { direction: 'send', args: callChangedSchema },
  'phone:registration-changed': { direction: 'send', args: registrationSnapshotSchema },
  'phone:command': { direction: 'event', args: phoneCommandSchema },
  // The call history's unseen missed calls, for the tray (the history keeps at most a few thousand rows).
  'phone:missed-calls': { direction: 'send', args: z.number().int().min(0).max(100_000) },
  'shell:open-external': { direction: 'invoke', args: externalUrlSchema, result: z.boolean() },
  'preferences:load': { direction: 'invoke', args: z.undefined(), result: appPreferencesSchema },
  'preferences:save': { direction: 'invoke', args: appPreferencesSchema, result: appPreferencesSchema },
  'preferences:changed': { direction: 'event', args: appPreferencesSchema },
  'shortcuts:status': { direction: 'invoke', args: z.undefined(), result: shortcutStatusReportSchema },
  // The incoming-call popup window only (see electron/incoming-call-popup.ts).
  'popup:show-call': { direction: 'event', args: incomingCallViewSchema },
  'popup:action': { direction: 'send', args: incomingCallActionSchema },
  // The screen-share picker window only (see electron/screen-share-picker.ts).
  'screen-picker:sources': { direction: 'event', args: z.array(screenShareSourceSchema).min(1).max(100) },
  'screen-picker:choose': { direction: 'send', args: z.strictObject({ sourceId: screenShareSourceIdSchema }) },
  'screen-picker:cancel': { direction: 'send', args: z.undefined() },
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
    options?: SaveAccountOptions,
  ): Promise<IpcResult<'account:save'>>;
  publishCall(snapshot: IpcArgs<'phone:call-changed'>['session'], details?: PublishCallDetails): void;
  publishRegistration(snapshot: IpcArgs<'phone:registration-changed'>): void;
  publishMissedCalls(count: IpcArgs<'phone:missed-calls'>): void;
  /** Returns the function that removes `listener`. */
  onCommand(listener: (command: IpcArgs<'phone:command'>) => void): () => void;
  /** Resolves `false` when the URL is not an https: or mailto: link. */
  openExternal(url: IpcArgs<'shell:open-external'>): Promise<IpcResult<'shell:open-external'>>;
  loadPreferences(): Promise<IpcResult<'preferences:load'>>;
  /** Resolves with the preferences as saved; rejects when they fail validation. */
  savePreferences(preferences: IpcArgs<'preferences:save'>): Promise<IpcResult<'preferences:save'>>;
  /** Preferences changed from outside the page (tray do-not-disturb). Returns the unsubscribe function. */
  onPreferencesChanged(listener: (preferences: IpcArgs<'preferences:changed'>) => void): () => void;
  /** Which global shortcuts work, and why the others do not. */
  shortcutStatus(): Promise<IpcResult<'shortcuts:status'>>;
}

/** The object the preload exposes as `window.incomingCall` in the incoming-call popup only. */
export interface IncomingCallBridge {
  onShowCall(listener: (view: IpcArgs<'popup:show-call'>) => void): () => void;
  answer(callId: string): void;
  decline(callId: string): void;
}

/** The object the preload exposes as `window.screenSharePicker` in the screen-share picker only. */
export interface ScreenSharePickerBridge {
  /** The screens and windows to offer, screens first. Returns the unsubscribe function. */
  onSources(listener: (sources: IpcArgs<'screen-picker:sources'>) => void): () => void;
  choose(sourceId: string): void;
  cancel(): void;
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
  Exactly<Omit<IpcArgs<'account:save'>, 'settings' | 'password'>, SaveAccountOptions>,
  Exactly<IpcResult<'preferences:load'>, AppPreferences>,
  Exactly<IpcResult<'shortcuts:status'>, ShortcutStatusReport>,
  Exactly<z.output<typeof autoAnswerRequestSchema>, AutoAnswerRequest>,
  Exactly<Omit<IpcArgs<'phone:call-changed'>, 'session'>, PublishCallDetails>,
] = [true, true, true, true, true, true, true, true, true, true, true];
