/**
 * Which table columns are right-aligned: the one rule every adapter's tables
 * follow (the console, the CLI, Slack and Discord all lay tables out with
 * `renderTable` in ./text.ts, which asks this file).
 *
 * A column is numeric — right-aligned, header included — when at least one
 * cell looks numeric and every other cell is blank. Presenters often send
 * numbers already formatted, so a string looks numeric too when it is one
 * or more quantities joined by " / " or " → " (an arrow may also lead), a
 * quantity being:
 *
 *   [~ ≈ < > ≤ ≥] [sign] [currency] [sign] digits [, or thin-space groups] [.decimals] [suffix]
 *
 * sign: + - − ±; currency: $ ¥ € £ ₹; suffix: % ‰ × x, or a unit of up to
 * three letters, with or without a space ("12 ms", "1.2K", "5 GB").
 * So "$3.00", "−$590.25", "0.400", "12%", "+275%", "3.89×", "¥20 → ¥0.5",
 * "→ ¥1" and "$3.00 / $15.00" are numeric; "below cost", "firm 4",
 * "made free (−100%)", "2024-05-06" and model names are not.
 * Blank: null, "", "—", "–", "-", "n/a".
 */
import type { ReplyTable, TableCell } from '../../core/reply.js';

const QUALIFIER = '[~≈<>≤≥]\\s?';
const SIGN = '[+\\-−±]';
const CURRENCY = '[$¥€£₹]';
const DIGITS = '\\d{1,3}(?:[,\\u2009\\u202f]\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?|\\.\\d+';
const SUFFIX = '(?:\\s?[%‰×x]|\\s?[A-Za-z]{1,3})';
const QUANTITY = `(?:${QUALIFIER})?${SIGN}?${CURRENCY}?${SIGN}?(?:${DIGITS})${SUFFIX}?`;
const NUMERIC_TEXT = new RegExp(`^(?:→\\s?)?${QUANTITY}(?:\\s(?:/|→)\\s${QUANTITY})*$`, 'u');
const BLANK_TEXT = /^(?:|—|–|-|n\/a)$/i;

/** Null, or a string that stands for "no value". */
export function isBlankCell(cell: TableCell): boolean {
  return cell === null || (typeof cell === 'string' && BLANK_TEXT.test(cell.trim()));
}

/** A number, or a string that shows one (money, percent, a ratio, a number with a unit). */
export function looksNumeric(cell: TableCell): boolean {
  if (typeof cell === 'number') return Number.isFinite(cell);
  return typeof cell === 'string' && NUMERIC_TEXT.test(cell.trim());
}

/** For each column: whether it is right-aligned. */
export function numericColumns(table: ReplyTable): boolean[] {
  return table.columns.map((_, i) => {
    const cells = table.rows.map((row) => row[i] ?? null);
    return cells.some(looksNumeric) && cells.every((cell) => looksNumeric(cell) || isBlankCell(cell));
  });
}
