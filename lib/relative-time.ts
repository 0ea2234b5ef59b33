const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/**
 * "just now", "5 minutes ago", "yesterday"… for a moment relative to `now`
 * (milliseconds), in whole units cut towards zero: 119 seconds is "1 minute ago".
 * Pure, so a server-rendered line and one added in the browser read the same.
 */
export function relativeTime(at: string | Date, now: number): string {
  const seconds = Math.round(((typeof at === 'string' ? Date.parse(at) : at.getTime()) - now) / 1000);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}
