// How much of a question a piece of text explains: the weighted share of the
// question's units (./analyzer.ts) it contains. A unit weighs its idf, so a
// rare, specific word counts more than 模型 or "price"; a word the knowledge
// base never uses weighs the most, so a question about something else
// (天气, "shoe") stays far from answered.
//
// Measured twice for a section: over all its text, and within its best
// window of two consecutive sentences (with the section's title and typical
// questions around it). The window is what makes confidence mean something:
// "Who is the CEO of NVIDIA?" finds "CEO" in one sentence (Zhipu's CEO) and
// "NVIDIA" in another (it bought Lepton AI) of the same page, and that is
// not an answer.

import type { QueryUnit } from './analyzer.js';

export interface WeightedUnit extends QueryUnit {
  readonly weight: number;
  /** 0.2–1: how much of a topic word it is in general language (./general-words.ts); 1 for concepts. */
  readonly topicality: number;
  /** Whether the knowledge base uses the word (or its correction) anywhere. */
  readonly known: boolean;
}

/** Credit for a unit explained only by its character bigrams: never a full match. */
const BIGRAM_CREDIT = 0.8;
/** Fewer bigrams than this share present: no credit at all. */
const MIN_BIGRAM_SHARE = 0.5;

/** 0–1: how much of the unit `terms` explains. */
export function unitMatch(unit: QueryUnit, has: (term: string) => boolean): number {
  if (unit.terms.some(has)) return 1;
  if (unit.bigrams.length === 0) return 0;
  const share = unit.bigrams.filter(has).length / unit.bigrams.length;
  return share >= MIN_BIGRAM_SHARE ? BIGRAM_CREDIT * share : 0;
}

/**
 * A topic word (see MAIN_TOPICALITY) weighing at least this share of the
 * question's heaviest unit is a main content word: a window that leaves as
 * many of them unexplained as it explains is capped at MISSING_MAIN_CAP,
 * whatever else it matches ("Who is the CEO of NVIDIA?" is not answered by a
 * sentence about Zhipu's CEO).
 */
export const MAIN_SHARE = 0.7;
const MISSING_MAIN_CAP = 0.35;
/**
 * Only topic words can be main: not a frame word of the question (经过, 以前,
 * "behind"), nor a verb (which keeps at most 0.7: 理解, 回事, "calculated").
 */
export const MAIN_TOPICALITY = 0.72;

function share(units: readonly WeightedUnit[], has: (term: string) => boolean, capMissingMain = true, elsewhere?: (term: string) => boolean): number {
  let total = 0;
  let got = 0;
  let heaviest = 0;
  for (const u of units) heaviest = Math.max(heaviest, u.weight);
  let mainMissing = 0;
  let mainExplained = 0;
  for (const u of units) {
    const m = unitMatch(u, has);
    total += u.weight;
    got += u.weight * m;
    if (u.topicality < MAIN_TOPICALITY || u.weight < MAIN_SHARE * heaviest) continue;
    // A main word the window misses but its page uses elsewhere ("权重" beside a
    // gradient-descent window, in the neuron section) is neither missing nor
    // explained: it still weighs as unexplained, but does not cap the window.
    if (m < 0.5 && elsewhere !== undefined && unitMatch(u, elsewhere) >= 0.5) continue;
    if (m < 0.5) mainMissing++;
    else mainExplained++;
  }
  const value = total > 0 ? got / total : 0;
  // The window must explain most of the main words: "the CEO of NVIDIA" with
  // only "CEO" in it is not an answer, but "交叉熵和均方误差的区别" (difference
  // between cross-entropy and MSE) is, where both things compared are
  // explained and only the relation word that frames them is not.
  const missingMain = mainMissing > 0 && mainMissing >= mainExplained;
  return missingMain && capMissingMain ? Math.min(value, MISSING_MAIN_CAP) : value;
}

/** `capMissingMain: false` measures the plain share (to compare sentences of an answer already chosen). */
export function coverageOf(units: readonly WeightedUnit[], terms: ReadonlySet<string>, capMissingMain = true): number {
  return share(units, (t) => terms.has(t), capMissingMain);
}

/**
 * The best window of two consecutive sentences, each time with the title and
 * questions (`context`), or of one pinned typical question (`questions`)
 * with the same context; `page`: the terms of the section's whole document
 * (main words it uses elsewhere do not cap the window, see share()).
 */
export function windowCoverageOf(units: readonly WeightedUnit[], context: ReadonlySet<string>, sentences: readonly ReadonlySet<string>[], page?: ReadonlySet<string>, questions: readonly ReadonlySet<string>[] = []): number {
  const elsewhere = page === undefined ? undefined : (t: string) => page.has(t);
  let best = 0;
  for (const q of questions) best = Math.max(best, share(units, (t) => context.has(t) || q.has(t), true, elsewhere));
  if (sentences.length === 0) return Math.max(best, share(units, (t) => context.has(t), true, elsewhere));
  for (let i = 0; i < sentences.length; i++) {
    const a = sentences[i]!;
    const b = sentences[i + 1];
    const value = share(units, (t) => context.has(t) || a.has(t) || (b !== undefined && b.has(t)), true, elsewhere);
    if (value > best) best = value;
    if (best >= 1) break;
  }
  return best;
}
