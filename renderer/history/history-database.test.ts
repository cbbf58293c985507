// The globals idb needs (IDBRequest, IDBCursor...); each test then gets an empty factory.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, test } from 'vitest';
import {
  clearHistory,
  deleteEntry,
  HISTORY_DB_VERSION,
  openHistoryDatabase,
  pruneHistory,
  putEntry,
  readHistory,
} from './history-database';
import { testEntry } from './test-entry';

beforeEach(() => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
});

describe('history database', () => {
  test('rows come back newest first, and can be deleted one by one or all at once', async () => {
    const db = await openHistoryDatabase('h');
    await putEntry(db, testEntry({ id: 'a', startedAt: 1_000 }));
    await putEntry(db, testEntry({ id: 'c', startedAt: 3_000 }));
    await putEntry(db, testEntry({ id: 'b', startedAt: 2_000 }));
    expect((await readHistory(db)).map((row) => row.id)).toEqual(['c', 'b', 'a']);
    // A row written again (the call ended) replaces the one written when it started.
    await putEntry(db, testEntry({ id: 'b', startedAt: 2_000, outcome: 'answered' }));
    expect((await readHistory(db)).map((row) => [row.id, row.outcome])).toEqual([
      ['c', 'in-progress'],
      ['b', 'answered'],
      ['a', 'in-progress'],
    ]);
    await deleteEntry(db, 'c');
    expect((await readHistory(db)).map((row) => row.id)).toEqual(['b', 'a']);
    await clearHistory(db);
    expect(await readHistory(db)).toEqual([]);
    db.close();
  });

  test('only the newest rows are kept beyond the limit', async () => {
    const db = await openHistoryDatabase('h');
    for (let i = 0; i < 6; i += 1) await putEntry(db, testEntry({ id: `call-${i}`, startedAt: 1_000 * i }));
    expect(await pruneHistory(db, 4)).toEqual(['call-0', 'call-1']);
    expect((await readHistory(db)).map((row) => row.id)).toEqual(['call-5', 'call-4', 'call-3', 'call-2']);
    expect(await pruneHistory(db, 4)).toEqual([]);
    db.close();
  });

  test('a version 1 database is migrated to version 2: its rows kept, its missed calls marked seen', async () => {
    expect(HISTORY_DB_VERSION).toBe(2);
    // Built by the real version 1 step, then filled with rows as version 1 wrote them (no `seen`).
    const v1 = await openHistoryDatabase('h', 1);
    expect(v1.version).toBe(1);
    const { seen: _none, ...v1Row } = testEntry({ id: 'old-missed', outcome: 'missed', endedAt: 2_000 });
    const { seen: _none2, ...v1Answered } = testEntry({ id: 'old-answered', startedAt: 500, outcome: 'answered' });
    const raw = await openDB('h', 1);
    v1.close();
    await raw.put('calls', v1Row);
    await raw.put('calls', v1Answered);
    raw.close();

    const v2 = await openHistoryDatabase('h');
    expect(v2.version).toBe(2);
    const rows = await readHistory(v2);
    expect(rows.map((row) => [row.id, row.outcome, row.seen])).toEqual([
      ['old-missed', 'missed', true],
      ['old-answered', 'answered', true],
    ]);
    expect(rows[0]).toEqual({ ...v1Row, seen: true });
    // The index made by version 1 still orders what version 2 writes.
    await putEntry(v2, testEntry({ id: 'new', startedAt: 1_800_000_000_000, outcome: 'missed' }));
    expect((await readHistory(v2)).map((row) => [row.id, row.seen])).toEqual([
      ['new', false],
      ['old-missed', true],
      ['old-answered', true],
    ]);
    v2.close();
  });

  test('a fresh profile goes through every step up to the current version', async () => {
    const db = await openHistoryDatabase('h');
    expect(db.version).toBe(HISTORY_DB_VERSION);
    expect([...db.objectStoreNames]).toEqual(['calls']);
    expect([...db.transaction('calls').store.indexNames]).toEqual(['startedAt']);
    db.close();
  });
});
