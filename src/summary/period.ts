/**
 * Period starts ("since" values) and time zones. A duration (`90m`, `24h`,
 * `7d`, `2w`) counts back from a reference time; a date (`2026-11-01`) means
 * midnight in the summary time zone (SUMMARY_TIMEZONE), because "since November 1st"
 * means the team's November 1st, not UTC's; a full ISO time with an offset is
 * taken as is.
 */
import { ArgumentError } from '../core/errors.js';

export const SINCE_PATTERN = /^(?:\d{1,4}\s*(?:m|min|h|d|w)|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)$/i;
export const SINCE_HINT = 'a duration like 90m, 24h, 7d, 2w or a date like 2026-11-01 (or 2026-11-01T09:00)';

const UNIT_MS: Record<string, number> = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A "since" value that cannot be read: an ArgumentError, so the router shows
 * its message as is. It names the parameter (`param`) and says what is wrong
 * (`problem`) separately: the chat layer words the parameter as the option
 * the user typed; the summariser knows no command line.
 */
export class PeriodError extends ArgumentError {
  constructor(
    readonly param: string,
    readonly problem: string,
  ) {
    super(`${param} ${problem}`);
  }
}

/** Throws PeriodError with a problem that says what is accepted. */
export function parseSince(value: string, reference: Date, timeZone: string): Date {
  const text = value.trim();
  if (!SINCE_PATTERN.test(text)) throw new PeriodError('since', `"${value}" is not ${SINCE_HINT}`);
  const duration = /^(\d{1,4})\s*(m|min|h|d|w)$/i.exec(text);
  if (duration !== null) {
    const amount = Number(duration[1]);
    if (amount === 0) throw new PeriodError('since', 'must be a duration greater than zero');
    return new Date(reference.getTime() - amount * (UNIT_MS[(duration[2] as string).toLowerCase()] as number));
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text) as RegExpExecArray;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    throw new PeriodError('since', `"${value}" is not a real date or time; use ${SINCE_HINT}`);
  }
  let date: Date;
  if (m[7] !== undefined) {
    date = new Date(text.replace(' ', 'T'));
  } else {
    date = zonedTimeToUtc({ year, month, day, hour, minute, second }, timeZone);
  }
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || Number.isNaN(date.getTime())) {
    throw new PeriodError('since', `"${value}" is not a real date; use ${SINCE_HINT}`);
  }
  return date;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeIn(date: Date, timeZone: string): WallTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** The instant at which the wall clock in `timeZone` shows `wall` (two passes settle DST changes). */
function zonedTimeToUtc(wall: WallTime, timeZone: string): Date {
  const target = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  let guess = target;
  for (let i = 0; i < 2; i++) {
    const shown = wallTimeIn(new Date(guess), timeZone);
    const shownMs = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute, shown.second);
    guess += target - shownMs;
  }
  return new Date(guess);
}

/** "2026-11-01 09:30" in the given zone. */
export function formatLocal(date: Date, timeZone: string): string {
  const w = wallTimeIn(date, timeZone);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}
