// The desktop around the phone: tray, incoming-call alerts (popup and, where it alone can be
// missed, a notification: incoming-call-alerts.ts), missed calls, global shortcuts and auto-answer, all driven by the call and registration snapshots
// the renderer publishes. Every action they take reaches the renderer as a PhoneCommand
// through `sendCommand`; the renderer alone talks SIP.

import type { AppPreferences, ShortcutStatusReport } from '../shared/app-preferences';
import type { AutoAnswerRequest } from '../shared/auto-answer-signals';
import type { CallSessionJSON } from '../shared/call-session';
import type { PhoneCommand } from '../shared/platform';
import { createAutoAnswerService } from './auto-answer-service';
import { createGlobalShortcuts, type GlobalShortcutPort, shortcutCommand } from './global-shortcuts';
import type { IpcArgs } from '../shared/ipc-contract';
import type { IncomingCallAlerts } from './incoming-call-alerts';
import type { IncomingCallPopup } from './incoming-call-popup';
import { createMissedCallTracker } from './missed-calls';
import { createCallNotifier, type NotificationPort } from './notifications';
import { isRingingIncoming } from './phone-calls';
import type { PhoneStateMirror } from './phone-state-mirror';
import { createTrayController, type TrayPorts } from './tray-controller';
import type { TrayModel } from './tray-model';

export interface ShellWindow {
  isVisible(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  /** Shows, restores and focuses the main window (creating it again if it was closed). */
  show(): void;
  hide(): void;
  /** Asks the desktop to draw the user's eye to the window (taskbar flash, urgency hint, dock). */
  requestAttention(): void;
}

export interface DesktopShellOptions<M> {
  phone: PhoneStateMirror;
  preferences: () => AppPreferences;
  setDoNotDisturb: (enabled: boolean) => void;
  sendCommand: (command: PhoneCommand) => void;
  window: ShellWindow;
  quit: () => void;
  platform: NodeJS.Platform;
  tray: TrayPorts<M>;
  Notification: NotificationPort;
  globalShortcut: GlobalShortcutPort;
  /** Wayland: global shortcuts go through the desktop portal (global-shortcuts.ts). */
  shortcutsViaPortal: boolean;
  /** How an incoming call is shown when the user is not looking at the app (incoming-call-alerts.ts). */
  alerts: IncomingCallAlerts;
  /** Makes the incoming-call popup (Answer / Decline), or null where there is none. */
  createPopup: ((onAction: (action: IpcArgs<'popup:action'>) => void) => IncomingCallPopup) | null;
  setTimer?: (callback: () => void, delayMs: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface DesktopShell {
  /** Feed every call snapshot after the mirror has taken it, with what its INVITE asked when known. */
  callChanged(snapshot: CallSessionJSON, autoAnswerRequest?: AutoAnswerRequest): void;
  /**
   * The page is gone (reloading, crashed, closed) and `phone.reset()` returned `droppedCalls`:
   * their alerts are withdrawn, pending auto-answers cancelled, and the tray redrawn.
   */
  pageGone(droppedCalls: readonly CallSessionJSON[]): void;
  /** Redraw the tray (registration, preferences or window visibility changed). */
  refresh(): void;
  /** Registers the shortcuts of the current preferences again. */
  applyShortcuts(): ShortcutStatusReport;
  shortcutStatus(): ShortcutStatusReport;
  /**
   * The page's call history says how many missed calls the user has not seen: from then on the
   * tray shows that number (the history also knows the calls of earlier runs, and when they
   * were looked at).
   */
  pageMissedCallsChanged(count: number): void;
  missedCalls(): number;
  /** What the tray shows now (for the end-to-end suite, which cannot see the OS tray). */
  trayModel(): TrayModel;
  dispose(): void;
}

export function createDesktopShell<M>(options: DesktopShellOptions<M>): DesktopShell {
  const { phone, window } = options;
  // Counts (and notifies) missed calls from the snapshots; once the page's history reports its
  // own count, that one is shown: the same number as the History tab.
  const missed = createMissedCallTracker();
  let pageMissedCalls: number | null = null;
  const missedCount = () => pageMissedCalls ?? missed.count();

  // Every command of the shell goes through here, so a decline the user chose is never
  // counted as a missed call.
  const command = (next: PhoneCommand) => {
    if (next.kind === 'decline' || next.kind === 'reject-busy') missed.markDeclined(next.callId);
    options.sendCommand(next);
  };
  // Answering from a popup or notification means the user wants the call in front of them.
  const answerAndShow = (callId: string) => {
    command({ kind: 'answer', callId });
    window.show();
  };
  // The page then shows its history, which marks the calls seen and reports 0.
  const showMissedCalls = () => {
    missed.clear();
    options.sendCommand({ kind: 'show-history' });
    window.show();
    refresh();
  };

  const autoAnswer = createAutoAnswerService({
    preferences: options.preferences,
    sendCommand: command,
    ...(options.setTimer ? { setTimer: options.setTimer } : {}),
    ...(options.clearTimer ? { clearTimer: options.clearTimer } : {}),
  });
  const notifier = createCallNotifier(options.Notification, options.platform, {
    answer: answerAndShow,
    decline: (callId) => command({ kind: 'decline', callId }),
    // The incoming call's body: the window shows the call; the missed-call count is not touched.
    showWindow: () => {
      window.show();
      refresh();
    },
    showMissedCalls,
    // Nothing reached the screen (no daemon, unsigned macOS build, Windows without its
    // shortcut): the window asks for attention, and for a ringing call the popup stays.
    failed: (kind, _callId, error) => {
      console.warn(`[notifications] a ${kind}-call notification could not be shown${error ? `: ${error}` : ''}`);
      window.requestAttention();
    },
  });
  const popup =
    options.createPopup?.((action) => {
      if (action.action === 'answer') answerAndShow(action.callId);
      else command({ kind: 'decline', callId: action.callId });
    }) ?? null;
  const shortcuts = createGlobalShortcuts(
    options.globalShortcut,
    (action) => {
      const next = shortcutCommand(action, phone.activeCalls());
      if (next) command(next);
    },
    { portal: options.shortcutsViaPortal },
  );
  const windowShown = () => window.isVisible() && !window.isMinimized();

  const trayState = () => ({
    registration: phone.registration(),
    calls: phone.activeCalls(),
    doNotDisturb: options.preferences().doNotDisturb,
    missedCalls: missedCount(),
    // A minimised window is not in front of the user (and on Windows isVisible() says so too).
    windowVisible: windowShown(),
  });
  const tray = createTrayController(
    options.tray,
    {
      toggleWindow: () => {
        if (windowShown()) window.hide();
        else window.show();
        refresh();
      },
      command,
      setDoNotDisturb: options.setDoNotDisturb,
      showMissedCalls,
      quit: options.quit,
    },
    trayState(),
    options.platform,
  );
  let shown: TrayModel;
  function refresh() {
    shown = tray.update(trayState());
  }
  refresh();

  function alertIncoming(call: CallSessionJSON) {
    // The user is looking at the app, which shows the call itself.
    if (windowShown() && window.isFocused()) return;
    if (options.alerts.popup && popup) popup.show(call);
    if (options.alerts.notification || !popup) notifier.incoming(call);
  }

  return {
    callChanged(snapshot, autoAnswerRequest) {
      const decision = autoAnswer.onCallChanged(snapshot, phone.activeCalls(), autoAnswerRequest);
      const answersAtOnce = decision?.action === 'answer' && decision.delayMs === 0;
      if (decision && decision.action !== 'reject-busy' && !answersAtOnce) alertIncoming(snapshot);
      if (!isRingingIncoming(snapshot)) {
        popup?.close(snapshot.sipCallId);
        notifier.stopRinging(snapshot.sipCallId);
      }
      const missedCall = missed.observe(snapshot);
      if (missedCall) notifier.missed(missedCall);
      shortcuts.sync(phone.activeCalls());
      refresh();
    },
    pageGone(droppedCalls) {
      autoAnswer.reset();
      // Every call of the page went with it, so whatever the popup shows is gone too.
      popup?.close();
      for (const call of droppedCalls) {
        notifier.stopRinging(call.sipCallId);
        missed.forget(call.sipCallId);
      }
      shortcuts.sync(phone.activeCalls());
      refresh();
    },
    refresh,
    applyShortcuts: () => shortcuts.apply(options.preferences().shortcuts, phone.activeCalls()),
    shortcutStatus: () => shortcuts.status(),
    pageMissedCallsChanged(count) {
      pageMissedCalls = count;
      refresh();
    },
    missedCalls: missedCount,
    trayModel: () => shown,
    dispose() {
      autoAnswer.dispose();
      shortcuts.releaseAll();
      popup?.dispose();
      tray.destroy();
    },
  };
}
