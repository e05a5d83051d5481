/**
 * Capability tiers: "every listed model that scores at least X on a
 * benchmark". Which model scores what comes from `capability_scores.csv`
 * (a sourced score per model family, matched to LiteLLM ids by a pattern);
 * named thresholds come from `capability_tiers.csv`.
 */
import { ArgumentError } from '../core/errors.js';
import type { PriceData, ScoredListing } from './data.js';
import { parseIsoDay } from './dates.js';
import { ParamError } from './errors.js';
import { suggestionText } from './models.js';
import type { CapabilityTierRow } from './schemas.js';

export interface Tier {
  /** `gpt-4`, or `mmlu-80` for a number the user typed. */
  readonly name: string;
  readonly benchmark: string;
  readonly minScore: number;
  /** What the threshold stands for ("GPT-4"), or undefined for a bare number. */
  readonly referenceModel: string | undefined;
  readonly sourceUrl: string | undefined;
}

export const DEFAULT_BENCHMARK = 'MMLU';

/** `gpt-4` (a named tier), `80` or `mmlu>=80` (a threshold on MMLU). */
export function resolveTier(data: PriceData, text: string): Tier {
  const t = text.trim().toLowerCase();
  const named = data.raw.tiers.rows.find((r) => r.tier === t);
  if (named !== undefined) return tierOf(named);
  const m = /^(?:mmlu\s*>=?\s*)?(\d+(?:\.\d+)?)$/.exec(t);
  if (m !== null) {
    const score = Number(m[1]);
    if (score > 100) throw new ParamError(['tier'], (name) => `${name('tier')} ${text}: an MMLU score is a percentage, at most 100.`);
    return { name: `mmlu-${score}`, benchmark: DEFAULT_BENCHMARK, minScore: score, referenceModel: undefined, sourceUrl: undefined };
  }
  const names = data.raw.tiers.rows.map((r) => r.tier);
  throw new ArgumentError(
    `Unknown tier "${text}".${suggestionText(t, names)} Use a named tier (${names.join(', ') || 'none defined'}) or a minimum MMLU score such as 80.`,
  );
}

export function allTiers(data: PriceData): Tier[] {
  return data.raw.tiers.rows.map(tierOf);
}

function tierOf(row: CapabilityTierRow): Tier {
  return { name: row.tier, benchmark: row.benchmark, minScore: row.min_score, referenceModel: row.reference_model, sourceUrl: row.source_url };
}

/** The best score of `listing` on the tier's benchmark that is valid on `day`, or undefined. */
export function scoreOn(scored: ScoredListing, benchmark: string, day: number): number | undefined {
  let best: number | undefined;
  for (const row of scored.scores) {
    if (row.benchmark.toLowerCase() !== benchmark.toLowerCase()) continue;
    if (row.valid_from !== undefined && day < (parseIsoDay(row.valid_from) as number)) continue;
    if (row.valid_until !== undefined && day > (parseIsoDay(row.valid_until) as number)) continue;
    if (best === undefined || row.score > best) best = row.score;
  }
  return best;
}

/** Listings that reach the tier on at least one day (cheap pre-filter before the per-day check). */
export function tierCandidates(data: PriceData, tier: Tier): ScoredListing[] {
  return data.scored.filter((s) => s.scores.some((r) => r.benchmark.toLowerCase() === tier.benchmark.toLowerCase() && r.score >= tier.minScore));
}
