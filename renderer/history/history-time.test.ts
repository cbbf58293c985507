import { describe, expect, test } from 'vitest';
import { callTimeText } from './history-time';

const words = { today: (time: string) => `Today, ${time}`, yesterday: (time: string) => `Yesterday, ${time}` };

describe('callTimeText', () => {
  const now = new Date(2025, 2, 12, 18, 0).getTime();
  test('today and yesterday by name, older calls by date, with the year only when it differs', () => {
    expect(callTimeText(new Date(2025, 2, 12, 9, 5).getTime(), now, 'en-GB', words)).toBe('Today, 09:05');
    expect(callTimeText(new Date(2025, 2, 11, 23, 59).getTime(), now, 'en-GB', words)).toBe('Yesterday, 23:59');
    expect(callTimeText(new Date(2025, 2, 1, 8, 0).getTime(), now, 'en-GB', words)).toBe('1 Mar, 08:00');
    expect(callTimeText(new Date(2024, 11, 31, 8, 0).getTime(), now, 'fr', words)).toMatch(/^31 déc\.? 2024, 08:00$/);
  });
});
