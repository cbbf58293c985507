// The call history's IndexedDB database, through `idb` (a thin promise wrapper over the real
// API): the same code path in a browser tab and in the desktop app's renderer. The schema goes
// version by version, so a profile left at any older version is brought up step by step.

import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { HistoryEntry } from './history-entry';

export const HISTORY_DB_NAME = 'softphone-history';
export const HISTORY_DB_VERSION = 2;
/** Rows kept: a phone used all day for years must not grow without end. */
export const HISTORY_LIMIT = 1000;

export interface HistorySchema extends DBSchema {
  calls: { key: string; value: HistoryEntry; indexes: { startedAt: number } };
}

export type HistoryDatabase = IDBPDatabase<HistorySchema>;
type UpgradeTransaction = IDBPTransaction<HistorySchema, Array<'calls'>, 'versionchange'>;

/** Migration N brings a database from version N to N + 1. Never edit one that has shipped: add the next. */
const MIGRATIONS: ReadonlyArray<(db: HistoryDatabase, tx: UpgradeTransaction) => Promise<void> | void> = [
  // v1: the calls, keyed by call id, listed newest first through their start.
  (db) => {
    const calls = db.createObjectStore('calls', { keyPath: 'id' });
    calls.createIndex('startedAt', 'startedAt');
  },
  // v2: missed calls carry `seen` (the missed-call count). Calls kept before it existed are old
  // news: they were seen.
  async (_db, tx) => {
    let cursor = await tx.objectStore('calls').openCursor();
    while (cursor) {
      await cursor.update({ ...cursor.value, seen: true });
      cursor = await cursor.continue();
    }
  },
];

/** `version` is for the migration tests, which build an older database first. */
export function openHistoryDatabase(name = HISTORY_DB_NAME, version = HISTORY_DB_VERSION): Promise<HistoryDatabase> {
  return openDB<HistorySchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // One step after the other, so a step that walks the rows finishes before the next
      // starts; all in this one versionchange transaction, which stays open while its requests do.
      const migrate = async () => {
        for (let from = oldVersion; from < (newVersion ?? version); from += 1) {
          const step = MIGRATIONS[from];
          if (!step) throw new Error(`No migration from call history version ${from}`);
          await step(db, tx);
        }
      };
      // A failed step aborts the upgrade: the database stays at its old version, untouched.
      migrate().catch(() => tx.abort());
    },
    // Another tab opened a newer version: let it upgrade rather than block it.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/** Every row, newest first. */
export async function readHistory(db: HistoryDatabase): Promise<HistoryEntry[]> {
  const rows = await db.getAllFromIndex('calls', 'startedAt');
  return rows.reverse();
}

export async function putEntry(db: HistoryDatabase, entry: HistoryEntry): Promise<void> {
  await db.put('calls', entry);
}

export async function putEntries(db: HistoryDatabase, entries: readonly HistoryEntry[]): Promise<void> {
  const tx = db.transaction('calls', 'readwrite');
  await Promise.all([...entries.map((entry) => tx.store.put(entry)), tx.done]);
}

export async function deleteEntry(db: HistoryDatabase, id: string): Promise<void> {
  await db.delete('calls', id);
}

export async function clearHistory(db: HistoryDatabase): Promise<void> {
  await db.clear('calls');
}

/** Drops the oldest rows beyond `limit`; returns the ids dropped. */
export async function pruneHistory(db: HistoryDatabase, limit = HISTORY_LIMIT): Promise<string[]> {
  const tx = db.transaction('calls', 'readwrite');
  const excess = (await tx.store.count()) - limit;
  const dropped: string[] = [];
  let cursor = excess > 0 ? await tx.store.index('startedAt').openCursor() : null;
  while (cursor && dropped.length < excess) {
    dropped.push(cursor.primaryKey);
    await cursor.delete();
    cursor = await cursor.continue();
  }
  await tx.done;
  return dropped;
}
