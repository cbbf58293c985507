import { describe, expect, it } from 'vitest';
import { sentenceAroundParty, shownParty } from './party-name';

describe('shownParty', () => {
  it('shows the number on its own only when it adds something', () => {
    expect(shownParty('Alice', '1001')).toEqual({ name: 'Alice', number: '1001' });
    expect(shownParty('1001', '1001')).toEqual({ name: '1001', number: null });
    expect(shownParty('', '1001')).toEqual({ name: '1001', number: null });
  });

  it('cleans both, and names the number when nothing visible is left of the name', () => {
    expect(shownParty('\u202E\u200B', '10\u202E01')).toEqual({ name: '1001', number: null });
    expect(shownParty('\u202Elive', '1001')).toEqual({ name: 'live', number: '1001' });
  });
});

describe('sentenceAroundParty', () => {
  it('splits a sentence around {party} and {name}, wherever the translation puts them', () => {
    expect(sentenceAroundParty(({ party }) => `Missed call from ${party}`, 'Alice', '1001')).toEqual([
      { text: 'Missed call from ', party: false },
      { text: 'Alice (1001)', party: true },
    ]);
    expect(sentenceAroundParty(({ name }) => `${name} hung up`, 'Alice', '1001')).toEqual([
      { text: 'Alice', party: true },
      { text: ' hung up', party: false },
    ]);
    expect(sentenceAroundParty(() => 'Busy', 'Alice', '1001')).toEqual([{ text: 'Busy', party: false }]);
  });

  it('never lets the name add pieces of its own', () => {
    const parts = sentenceAroundParty(({ name }) => `${name} hung up`, 'A\u00000\u0000B', '1');
    expect(parts).toEqual([
      { text: 'A0B', party: true },
      { text: ' hung up', party: false },
    ]);
  });
});
