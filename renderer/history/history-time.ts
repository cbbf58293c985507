// When a call was, as a list of calls says it: "Today, 14:03", "Yesterday, 09:12", then the date.

export interface CallTimeWords {
  today: (time: string) => string;
  yesterday: (time: string) => string;
}

function dayStart(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

export function callTimeText(startedAt: number, now: number, locale: string, words: CallTimeWords): string {
  const when = new Date(startedAt);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(when);
  const days = Math.round((dayStart(new Date(now)) - dayStart(when)) / 86_400_000);
  if (days === 0) return words.today(time);
  if (days === 1) return words.yesterday(time);
  const sameYear = when.getFullYear() === new Date(now).getFullYear();
  const date = new Intl.DateTimeFormat(locale, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' }).format(when);
  return `${date}, ${time}`;
}
