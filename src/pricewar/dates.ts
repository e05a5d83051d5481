/**
 * Calendar dates as ISO strings (`2024-05-21`) and whole UTC day numbers.
 * Prices change on days, not instants, so every computation works on day
 * numbers and no time zone can shift a date.
 */
import { ParamError } from './errors.js';

const DAY_MS = 86_400_000;
/** Mean Gregorian year, so that a fitted slope per day converts to per year without a leap-year wobble. */
export const DAYS_PER_YEAR = 365.2425;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH_RE = /^(\d{4})-(\d{2})$/;

/** Day number (days since 1970-01-01 UTC) of a valid ISO date, or undefined. */
export function parseIsoDay(text: string): number | undefined {
  const m = ISO_DATE_RE.exec(text);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Reject 2024-02-30 and friends: Date.UTC silently rolls them over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return Math.round(ms / DAY_MS);
}

export function isIsoDate(text: string): boolean {
  return parseIsoDay(text) !== undefined;
}

/** What a date option must be: one wording for the chat layer's argument check and the analyses' own. */
export const ISO_DATE_RULE = 'must be a real date written YYYY-MM-DD, like 2024-05-21';

/** The day number of an optional date option; a value that is not a real date is a `ParamError` naming `param`. */
export function dayParam(param: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const day = parseIsoDay(text);
  if (day === undefined) throw new ParamError([param], (name) => `${name(param)} ${ISO_DATE_RULE} (got "${text}").`);
  return day;
}

export function dayToIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** First and last day of a `YYYY-MM` month, or undefined if it is not one. */
export function parseIsoMonth(text: string): { first: number; last: number } | undefined {
  const m = ISO_MONTH_RE.exec(text);
  if (m === null) return undefined;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12) return undefined;
  const first = Math.round(Date.UTC(y, mo - 1, 1) / DAY_MS);
  const last = Math.round(Date.UTC(y, mo, 1) / DAY_MS) - 1;
  return { first, last };
}

/** Day number of the first day of the month after `day`'s month. */
export function nextMonthStart(day: number): number {
  const d = new Date(day * DAY_MS);
  return Math.round(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
}

export function yearsBetween(fromDay: number, toDay: number): number {
  return (toDay - fromDay) / DAYS_PER_YEAR;
}
