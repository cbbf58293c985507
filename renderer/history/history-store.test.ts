// The store driven by the engine's own events, over a real (in-memory) IndexedDB.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CallSession, type CallSessionInit } from '../../shared/call-session';
import { fakeContext } from '../stores/test-support/fake-context';
import { openHistoryDatabase, putEntry, readHistory } from './history-database';
import { ALIVE_INTERVAL_MS, configureHistoryStore, useHistoryStore } from './history-store';
import { testEntry } from './test-entry';

const DB = 'history-store-test';
const T0 = Date.parse('2025-03-01T10:00:00Z');

function call(init: Partial<CallSessionInit>): CallSession {
  return new CallSession({ sipCallId: 'call-1', displayName: 'Bob', number: '1002', startTime: T0, ...init });
}

async function stored() {
  const db = await openHistoryDatabase(DB);
  const rows = await readHistory(db);
  db.close();
  return rows;
}

describe('history store', () => {
  let context: ReturnType<typeof fakeContext>;
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    configureHistoryStore({ open: () => openHistoryDatabase(DB) });
    context = fakeContext();
    setActivePinia(createPinia());
  });
  afterEach(() => {
    vi.useRealTimers();
    configureHistoryStore({});
  });

  test('an outgoing call is written when it starts, then updated when answered and when it ends', async () => {
    const history = useHistoryStore();
    await history.load();
    context.events.emit('onCallOutgoing', call({ isCaller: true }));
    await history.settled();
    expect(await stored()).toEqual([expect.objectContaining({ id: 'call-1', direction: 'outgoing', outcome: 'in-progress', startedAt: T0, endedAt: null })]);

    context.events.emit('onCallAccepted', call({ isCaller: true, answerTime: new Date(T0 + 2_000) }), false);
    context.events.emit('onCallEnded', call({ isCaller: true, answerTime: new Date(T0 + 2_000), endTime: T0 + 65_000 }), { reason: 'hung-up-locally' });
    await history.settled();
    const [row] = await stored();
    expect(row).toMatchObject({ direction: 'outgoing', name: 'Bob', number: '1002', outcome: 'answered', answeredAt: T0 + 2_000, endedAt: T0 + 65_000 });
    expect(history.entries).toEqual([row]);
  });

  test('incoming calls end as missed, declined or refused by do-not-disturb; missed ones are counted until seen', async () => {
    const history = useHistoryStore();
    await history.load();
    const ring = (id: string, name: string) => context.events.emit('onCallIncoming', call({ sipCallId: id, displayName: name, ringing: true }), false, { requested: false, delaySeconds: 0, source: null });
    const end = (id: string, name: string, reason: 'missed' | 'declined-locally' | 'do-not-disturb', sipCode?: number) =>
      context.events.emit('onCallEnded', call({ sipCallId: id, displayName: name, endTime: T0 + 5_000 }), sipCode ? { reason, sipCode } : { reason });
    ring('a', 'Alice');
    ring('b', 'Bob');
    ring('c', 'Carol');
    end('a', 'Alice', 'missed');
    end('b', 'Bob', 'declined-locally', 603);
    end('c', 'Carol', 'do-not-disturb', 486);
    await history.settled();
    const outcomes = Object.fromEntries((await stored()).map((row) => [row.name, [row.direction, row.outcome, row.sipCode]]));
    expect(outcomes).toEqual({
      Alice: ['incoming', 'missed', undefined],
      Bob: ['incoming', 'declined', 603],
      Carol: ['incoming', 'do-not-disturb', 486],
    });
    expect(history.missedCount).toBe(2);
    history.filter = 'missed';
    expect(history.shown.map((row) => row.name).sort()).toEqual(['Alice', 'Carol']);

    history.markMissedSeen();
    expect(history.missedCount).toBe(0);
    await history.settled();
    // Seen survives a restart: a new page counts nothing.
    setActivePinia(createPinia());
    const again = useHistoryStore();
    await again.load();
    expect(again.entries).toHaveLength(3);
    expect(again.missedCount).toBe(0);
  });

  test('a row left "in progress" by a page that closed mid-call is shown as interrupted, with its known duration', async () => {
    const db = await openHistoryDatabase(DB);
    await putEntry(db, testEntry({ id: 'cut', startedAt: T0, answeredAt: T0 + 1_000, aliveAt: T0 + 31_000, outcome: 'in-progress' }));
    await putEntry(db, testEntry({ id: 'done', startedAt: T0 - 60_000, outcome: 'answered', answeredAt: T0 - 59_000, endedAt: T0 - 50_000 }));
    db.close();

    const history = useHistoryStore();
    await history.load();
    expect(history.entries.map((row) => [row.id, row.outcome])).toEqual([
      ['cut', 'interrupted'],
      ['done', 'answered'],
    ]);
    expect(history.entries[0]).toMatchObject({ answeredAt: T0 + 1_000, aliveAt: T0 + 31_000, endedAt: null });
    // And so it stays: the database was corrected too.
    expect((await stored()).map((row) => row.outcome)).toEqual(['interrupted', 'answered']);
  });

  test('a call in progress rewrites its row now and then, so an interruption keeps how long it lasted', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(T0);
    const history = useHistoryStore();
    await history.load();
    context.events.emit('onCallOutgoing', call({ isCaller: true }));
    context.events.emit('onCallAccepted', call({ isCaller: true, answerTime: new Date(T0) }), false);
    await vi.advanceTimersByTimeAsync(ALIVE_INTERVAL_MS * 2);
    await history.settled();
    expect((await stored())[0]).toMatchObject({ outcome: 'in-progress', aliveAt: T0 + ALIVE_INTERVAL_MS * 2 });
  });

  test('a call that starts before the database is read keeps its row, next to the earlier ones', async () => {
    const db = await openHistoryDatabase(DB);
    await putEntry(db, testEntry({ id: 'earlier', startedAt: T0 - 60_000, outcome: 'missed', seen: true }));
    db.close();
    const history = useHistoryStore();
    context.events.emit('onCallOutgoing', call({ sipCallId: 'now', isCaller: true }));
    await history.load();
    expect(history.entries.map((row) => [row.id, row.outcome])).toEqual([
      ['now', 'in-progress'],
      ['earlier', 'missed'],
    ]);
  });

  test('delete one, clear all (a call in progress stays until it ends)', async () => {
    const history = useHistoryStore();
    await history.load();
    for (const id of ['x', 'y']) {
      context.events.emit('onCallOutgoing', call({ sipCallId: id, isCaller: true }));
      context.events.emit('onCallEnded', call({ sipCallId: id, isCaller: true, endTime: T0 + 1_000 }), { reason: 'busy', sipCode: 486 });
    }
    context.events.emit('onCallOutgoing', call({ sipCallId: 'live', isCaller: true, startTime: T0 + 5_000 }));
    expect(history.remove('live')).toBe(false);
    expect(history.remove('x')).toBe(true);
    await history.settled();
    expect((await stored()).map((row) => row.id)).toEqual(['live', 'y']);
    history.clear();
    await history.settled();
    expect((await stored()).map((row) => row.id)).toEqual(['live']);
    context.events.emit('onCallEnded', call({ sipCallId: 'live', isCaller: true, endTime: T0 + 9_000 }), { reason: 'canceled-locally' });
    await history.settled();
    expect((await stored()).map((row) => [row.id, row.outcome])).toEqual([['live', 'cancelled']]);
  });

  test('the count of unseen missed calls goes to the host (the desktop tray) once the rows are read, and each time it changes', async () => {
    const db = await openHistoryDatabase(DB);
    await putEntry(db, testEntry({ id: 'old', startedAt: T0 - 60_000, outcome: 'missed', endedAt: T0 - 50_000 }));
    db.close();
    const publishMissedCalls = vi.fn();
    Object.assign(context.platform, { publishMissedCalls });
    const history = useHistoryStore();
    await history.load();
    await vi.waitFor(() => expect(publishMissedCalls).toHaveBeenLastCalledWith(1));
    // Never a 0 before the rows were read.
    expect(publishMissedCalls.mock.calls).toEqual([[1]]);
    context.events.emit('onCallIncoming', call({ sipCallId: 'new', ringing: true }), false, { requested: false, delaySeconds: 0, source: null });
    context.events.emit('onCallEnded', call({ sipCallId: 'new', endTime: T0 + 1_000 }), { reason: 'missed' });
    await vi.waitFor(() => expect(publishMissedCalls).toHaveBeenLastCalledWith(2));
    history.markMissedSeen();
    await vi.waitFor(() => expect(publishMissedCalls).toHaveBeenLastCalledWith(0));
  });

  test('without IndexedDB the calls are still listed for this page', async () => {
    configureHistoryStore({ open: () => Promise.reject(new Error('no IndexedDB here')) });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const history = useHistoryStore();
    await history.load();
    context.events.emit('onCallOutgoing', call({ isCaller: true }));
    await history.settled();
    expect(history.unavailable).toBe(true);
    expect(history.entries.map((row) => row.outcome)).toEqual(['in-progress']);
  });
});
