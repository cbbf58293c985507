import { describe, expect, test } from 'vitest';
import { filterHistory, matchesSearch } from './history-filter';
import { testEntry } from './test-entry';

describe('history filter', () => {
  test('search finds a name whatever its case and accents, and a number whatever its spacing', () => {
    const helene = { name: 'Hélène Dupont', number: '+33 1 23-45-67' };
    expect(matchesSearch(helene, 'helene')).toBe(true);
    expect(matchesSearch(helene, 'DUP')).toBe(true);
    expect(matchesSearch(helene, '2345')).toBe(true);
    expect(matchesSearch(helene, '1 23 45')).toBe(true);
    expect(matchesSearch(helene, '+331')).toBe(true);
    expect(matchesSearch(helene, 'bob')).toBe(false);
    expect(matchesSearch(helene, '999')).toBe(false);
    expect(matchesSearch(helene, '  ')).toBe(true);
  });

  test('Missed keeps the calls the user missed, do-not-disturb included', () => {
    const rows = [
      testEntry({ id: 'a', outcome: 'missed' }),
      testEntry({ id: 'b', outcome: 'answered' }),
      testEntry({ id: 'c', outcome: 'do-not-disturb', name: 'Carol', number: '1003' }),
      testEntry({ id: 'd', outcome: 'declined' }),
    ];
    expect(filterHistory(rows, 'all', '').map((row) => row.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(filterHistory(rows, 'missed', '').map((row) => row.id)).toEqual(['a', 'c']);
    expect(filterHistory(rows, 'missed', 'carol').map((row) => row.id)).toEqual(['c']);
    expect(filterHistory(rows, 'all', '1002').map((row) => row.id)).toEqual(['a', 'b', 'd']);
  });
});
