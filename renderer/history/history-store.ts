// The call history as the UI shows it, kept in IndexedDB (history-database.ts). A call's row is
// written when it starts and rewritten when it is answered and when it ends, so a page closed
// or killed mid-call still leaves the row; such a row, found "in progress" when the page opens
// again, is shown as interrupted with what was known (who, when, roughly how long).

import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { CallSession } from '../../shared/call-session';
import type { CallOutcome } from '../../shared/phone-status';
import { appContext } from '../app-context';
import {
  clearHistory,
  deleteEntry,
  openHistoryDatabase,
  pruneHistory,
  putEntries,
  putEntry,
  readHistory,
  type HistoryDatabase,
} from './history-database';
import { isMissed, type CallDirection, type HistoryEntry } from './history-entry';
import { filterHistory, type HistoryFilter } from './history-filter';
import { historyOutcome } from './history-outcome';

/** How often a call in progress rewrites its row's `aliveAt` (what an interrupted call's duration rests on). */
export const ALIVE_INTERVAL_MS = 15_000;

export interface HistoryStoreOptions {
  /** Opens the database; tests pass one of their own. */
  open?: () => Promise<HistoryDatabase>;
}

let storeOptions: HistoryStoreOptions = {};

/** Set before the store is first used (tests only: the app uses the default database). */
export function configureHistoryStore(options: HistoryStoreOptions): void {
  storeOptions = options;
}

function newestFirst(rows: HistoryEntry[]): HistoryEntry[] {
  return rows.sort((a, b) => b.startedAt - a.startedAt);
}

export const useHistoryStore = defineStore('history', () => {
  const { phone, platform } = appContext();
  const open = storeOptions.open ?? (() => openHistoryDatabase());

  /** Every row, newest first (plain objects replaced on each change, never mutated in place). */
  const entries = shallowRef<HistoryEntry[]>([]);
  const loaded = ref(false);
  /** IndexedDB could not be opened (private browsing in some browsers, a full disk): calls are listed for this session only. */
  const unavailable = ref(false);
  const filter = ref<HistoryFilter>('all');
  const search = ref('');

  const shown = computed(() => filterHistory(entries.value, filter.value, search.value));
  /** Missed calls the user has not seen in the list yet. */
  const missedCount = computed(() => entries.value.filter((entry) => isMissed(entry) && !entry.seen).length);

  let database: Promise<HistoryDatabase | null> | null = null;
  function db(): Promise<HistoryDatabase | null> {
    database ??= open().catch((error: unknown) => {
      console.warn('[history] the call history database could not be opened', error);
      unavailable.value = true;
      return null;
    });
    return database;
  }

  // Every database step waits for the one before: a call's end can never be overwritten by its
  // start, and the first step (reading what an earlier page left) sees only that page's rows.
  let queue: Promise<void> = Promise.resolve();
  function persist(step: (database: HistoryDatabase) => Promise<unknown>): Promise<void> {
    queue = queue
      .then(async () => {
        const opened = await db();
        if (opened) await step(opened);
      })
      .catch((error: unknown) => console.warn('[history] a call history write failed', error));
    return queue;
  }

  function find(id: string): HistoryEntry | undefined {
    return entries.value.find((entry) => entry.id === id);
  }

  function save(entry: HistoryEntry): void {
    entries.value = newestFirst([entry, ...entries.value.filter((other) => other.id !== entry.id)]);
    void persist((opened) => putEntry(opened, entry));
  }

  function start(session: CallSession, direction: CallDirection, video: boolean): void {
    const id = session.getId();
    if (!id || find(id)) return;
    save({
      id,
      direction,
      name: session.displayName,
      number: session.number,
      startedAt: session.startTime.getTime(),
      answeredAt: null,
      endedAt: null,
      aliveAt: null,
      outcome: 'in-progress',
      video,
      seen: false,
    });
  }

  function answered(session: CallSession, video: boolean): void {
    const id = session.getId();
    const entry = id ? find(id) : undefined;
    if (!entry) return;
    const now = Date.now();
    save({ ...entry, answeredAt: session.answerTime?.getTime() ?? now, aliveAt: now, video: entry.video || video });
  }

  function ended(session: CallSession, outcome: CallOutcome): void {
    const id = session.getId();
    if (!id) return;
    // A call refused before it rang (an offer we cannot take) was never announced: its row starts here.
    if (!find(id)) start(session, session.isCaller ? 'outgoing' : 'incoming', false);
    const entry = find(id);
    if (!entry) return;
    const direction = entry.direction;
    const endedAt = session.endTime?.getTime() ?? Date.now();
    const answeredAt = entry.answeredAt ?? session.answerTime?.getTime() ?? null;
    const next: HistoryEntry = {
      ...entry,
      // The far end's name may have arrived after the call started (a provisional answer, call events).
      name: session.displayName || entry.name,
      number: session.number || entry.number,
      answeredAt: session.answered ? answeredAt : null,
      endedAt,
      aliveAt: endedAt,
      outcome: historyOutcome(direction, session.answered, outcome),
    };
    if (outcome.sipCode !== undefined) next.sipCode = outcome.sipCode;
    save(next);
  }

  phone.on('onCallIncoming', (session, wantsVideo) => start(session, 'incoming', wantsVideo));
  phone.on('onCallOutgoing', (session) => start(session, 'outgoing', session.cameraEnabled));
  phone.on('onCallAccepted', (session, cameraEnabled) => answered(session, cameraEnabled));
  // onCallEnded is the engine's last word on every call.
  phone.on('onCallEnded', ended);

  // While a call is up its row says so every little while: if the page dies, the row keeps
  // roughly how long the call lasted.
  let aliveTimer: ReturnType<typeof setInterval> | undefined;
  const liveAnswered = computed(() => entries.value.some((entry) => entry.outcome === 'in-progress' && entry.answeredAt !== null));
  watch(liveAnswered, (live) => {
    clearInterval(aliveTimer);
    aliveTimer = live ? setInterval(markAlive, ALIVE_INTERVAL_MS) : undefined;
  });
  function markAlive(): void {
    const now = Date.now();
    const live = entries.value.filter((entry) => entry.outcome === 'in-progress' && entry.answeredAt !== null).map((entry) => ({ ...entry, aliveAt: now }));
    const byId = new Map(live.map((entry) => [entry.id, entry]));
    entries.value = entries.value.map((entry) => byId.get(entry.id) ?? entry);
    void persist((opened) => putEntries(opened, live));
  }

  // The desktop tray counts the same calls (from what was read, not a 0 before that).
  watch([missedCount, loaded], ([count, ready]) => {
    if (ready) platform.publishMissedCalls?.(count);
  });

  /** Reads what earlier pages left; rows still "in progress" there were cut off by the page closing. */
  function load(): Promise<void> {
    return persist(async (opened) => {
      const stored = await readHistory(opened);
      const interrupted = stored
        .filter((entry) => entry.outcome === 'in-progress')
        .map((entry): HistoryEntry => ({ ...entry, outcome: 'interrupted' }));
      if (interrupted.length > 0) await putEntries(opened, interrupted);
      const dropped = new Set(await pruneHistory(opened));
      const fixed = new Map(interrupted.map((entry) => [entry.id, entry]));
      // Calls that started while the database was opening are this page's: they win.
      const mine = new Map(entries.value.map((entry) => [entry.id, entry]));
      const earlier = stored.filter((entry) => !mine.has(entry.id) && !dropped.has(entry.id)).map((entry) => fixed.get(entry.id) ?? entry);
      entries.value = newestFirst([...entries.value, ...earlier]);
    }).finally(() => {
      loaded.value = true;
    });
  }

  /** The user looked at the list: its missed calls are no longer news. */
  function markMissedSeen(): void {
    const unseen = entries.value.filter((entry) => isMissed(entry) && !entry.seen).map((entry) => ({ ...entry, seen: true }));
    if (unseen.length === 0) return;
    const byId = new Map(unseen.map((entry) => [entry.id, entry]));
    entries.value = entries.value.map((entry) => byId.get(entry.id) ?? entry);
    void persist((opened) => putEntries(opened, unseen));
  }

  /** Deletes one finished call; a call still in progress stays (its end would write it again). */
  function remove(id: string): boolean {
    const entry = find(id);
    if (!entry || entry.outcome === 'in-progress') return false;
    entries.value = entries.value.filter((other) => other.id !== id);
    void persist((opened) => deleteEntry(opened, id));
    return true;
  }

  /** Deletes every finished call; calls in progress stay until they end. */
  function clear(): void {
    const live = entries.value.filter((entry) => entry.outcome === 'in-progress');
    entries.value = live;
    void persist(async (opened) => {
      await clearHistory(opened);
      if (live.length > 0) await putEntries(opened, live);
    });
  }

  /** Resolves once every write asked for so far is done (tests, and the page before it reloads). */
  function settled(): Promise<void> {
    return queue;
  }

  return { entries, loaded, unavailable, filter, search, shown, missedCount, load, markMissedSeen, remove, clear, settled };
});
