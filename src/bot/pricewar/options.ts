/**
 * The /pricewar options as the chat spells them, defined once: the argument
 * schemas the subcommands share (dates, ratios, shares, provider, blend)
 * with one wording for each check, and the rule that turns an analysis'
 * parameter key into its flag (`minChange` → `--min-change`), so that an
 * error from the feature names the option the user typed.
 */
import { z } from 'zod';
import { camelToKebab } from '../../core/schema.js';
import { ISO_DATE_RULE, isIsoDate } from '../../pricewar/dates.js';
import { namesParams, type ParamName } from '../../pricewar/errors.js';
import { parseRatio } from '../../pricewar/prices.js';

// The constants the command's argument descriptions and limits use.
export { COST_PRESET_IDS } from '../../pricewar/cost-presets.js';
export { MAX_COMPARE } from '../../pricewar/compare.js';
export { DEFAULT_SIMULATION } from '../../pricewar/simulate.js';

/** A parameter key as its chat flag. */
export const flagName: ParamName = (param) => `--${camelToKebab(param)}`;

/** Run an analysis; an error that names its parameters is re-worded with their flags. */
export function inFlagWords<T>(analysis: () => T): T {
  try {
    return analysis();
  } catch (error) {
    throw namesParams(error) ? error.inWords(flagName) : error;
  }
}

/** A calendar day, YYYY-MM-DD (checked as a real date: no 2024-02-30). */
export const dateOption = (what: string) => z.string().refine(isIsoDate, ISO_DATE_RULE).describe(what);

/** `3:1` → `{ input: 3, output: 1 }`. */
/** The largest weight on either side of a ratio option. */
export const MAX_RATIO_SIDE = 1000;

export const ratioOption = (what: string) =>
  z
    .string()
    // Each side at most MAX_RATIO_SIDE: a 400-digit weight is Infinity, and the blend NaN.
    .refine((s) => {
      const r = parseRatio(s);
      return r !== undefined && r.input <= MAX_RATIO_SIDE && r.output <= MAX_RATIO_SIDE;
    }, `must be two numbers like 3:1 (input:output), each at most ${MAX_RATIO_SIDE}`)
    .transform((s) => parseRatio(s) as NonNullable<ReturnType<typeof parseRatio>>)
    .describe(what);

/** "20%", "20" (read as per cent) or "0.2" (a fraction ≤ 1), as a fraction; at most `max`. */
export const shareOption = (what: string, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?\s*%?$/, 'must be a percentage like 20% (or a fraction like 0.2)')
    .transform((s) => {
      const n = Number(s.replace('%', '').trim());
      return s.includes('%') || n > 1 ? n / 100 : n;
    })
    .refine((v) => v <= max, `must be at most ${max * 100}%`)
    .describe(what);

/** The first day of a range; the default differs by subcommand, so it is part of `what`. */
export const sinceOption = (what = 'First day, YYYY-MM-DD') => dateOption(what).optional();

/** The last day of a range: the newest data unless given. */
export const untilOption = dateOption('Last day, YYYY-MM-DD (default: newest data)').optional();

/** A LiteLLM provider label that narrows the listings. */
export const providerOption = z.string().min(1).optional().describe('Only this provider (LiteLLM label such as openai, deepinfra, azure)');

/** The input:output weights of a blended price, 3:1 unless given. */
export const blendOption = ratioOption('Input:output weights of the blended price').prefault('3:1');

/** --raw: keep the observations flagged as probable data errors (reverts, inconsistent moves) in the analysis. */
export const rawOption = z.boolean().optional().describe('Include observations flagged as probable data errors');
