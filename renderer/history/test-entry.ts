// A history row for tests, with whatever the test cares about changed.

import type { HistoryEntry } from './history-entry';

export function testEntry(init: Partial<HistoryEntry> & { id: string }): HistoryEntry {
  return {
    direction: 'incoming',
    name: 'Bob',
    number: '1002',
    startedAt: 1_700_000_000_000,
    answeredAt: null,
    endedAt: null,
    aliveAt: null,
    outcome: 'in-progress',
    video: false,
    seen: false,
    ...init,
  };
}
