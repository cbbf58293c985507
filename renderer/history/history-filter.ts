// Which rows the list shows: All or Missed, and a search by name or number. A number matches
// whatever way it is written ("+33 1 23", "0123"), so digits are compared without spaces,
// dots or dashes.

import { isMissed, type HistoryEntry } from './history-entry';

export type HistoryFilter = 'all' | 'missed';

function digitsOf(text: string): string {
  return text.replace(/[\s().\-/]/g, '');
}

function folded(text: string): string {
  // Accents ignored: "helene" finds "Hélène".
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function matchesSearch(entry: Pick<HistoryEntry, 'name' | 'number'>, query: string): boolean {
  const words = folded(query.trim());
  if (words === '') return true;
  if (folded(entry.name).includes(words) || folded(entry.number).includes(words)) return true;
  const digits = digitsOf(words);
  return digits !== '' && digitsOf(folded(entry.number)).includes(digits);
}

export function filterHistory(entries: readonly HistoryEntry[], filter: HistoryFilter, query: string): HistoryEntry[] {
  return entries.filter((entry) => (filter === 'all' || isMissed(entry)) && matchesSearch(entry, query));
}
