// Retrieval quality on the evaluation set (./eval-set.ts), shared by
// `npm run eval:faq` (./eval.ts) and the test that holds the bar
// (./eval.test.ts).

import type { FaqEngine } from '../../src/faq/index.js';
import { EVAL_SET, type EvalCase } from './eval-set.js';

export interface CaseResult {
  readonly q: string;
  readonly expect: string | null;
  /** Document ids in ranked order (top 5). */
  readonly ranked: readonly string[];
  /** 1-based rank of the expected document (0 = not in the ranking). */
  readonly rank: number;
  readonly confident: boolean;
  readonly score: number;
}

export interface EvalReport {
  readonly inScope: number;
  readonly outOfScope: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly mrr: number;
  /** Share of in-scope questions answered confidently from the right document. */
  readonly confidentCorrect: number;
  /** Share of in-scope questions answered confidently from the WRONG document. */
  readonly confidentWrong: number;
  /** Share of out-of-scope questions answered confidently (should be ~0). */
  readonly confidentOutOfScope: number;
  readonly cases: readonly CaseResult[];
}

export function evaluate(engine: FaqEngine, cases: readonly EvalCase[] = EVAL_SET): EvalReport {
  const results: CaseResult[] = cases.map((c) => {
    const ranking = engine.rank(c.q);
    const ranked = ranking.docs.map((d) => d.docId);
    const rank = c.expect === null ? 0 : ranked.indexOf(c.expect) + 1;
    return { q: c.q, expect: c.expect, ranked: ranked.slice(0, 5), rank, confident: ranking.confident, score: ranking.confidence };
  });
  const inScope = results.filter((r) => r.expect !== null);
  const outOfScope = results.filter((r) => r.expect === null);
  const share = (xs: readonly CaseResult[], p: (r: CaseResult) => boolean): number => (xs.length === 0 ? 0 : xs.filter(p).length / xs.length);
  return {
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    recallAt1: share(inScope, (r) => r.rank === 1),
    recallAt3: share(inScope, (r) => r.rank >= 1 && r.rank <= 3),
    mrr: inScope.length === 0 ? 0 : inScope.reduce((a, r) => a + (r.rank > 0 ? 1 / r.rank : 0), 0) / inScope.length,
    confidentCorrect: share(inScope, (r) => r.rank === 1 && r.confident),
    confidentWrong: share(inScope, (r) => r.rank !== 1 && r.confident),
    confidentOutOfScope: share(outOfScope, (r) => r.confident),
    cases: results,
  };
}
