// Retrieval quality on the evaluation sets, shared by `npm run eval:faq`
// (./eval.ts) and the tests that hold the bar (./eval.test.ts). The tuning
// part (./eval-set.ts, plus the issue's examples, and the same questions
// with one typo each, ./eval-typos.ts, or one homophone slip,
// ./eval-homophones.ts, in traditional characters,
// ./eval-traditional.ts, in Title Case, ./eval-cased.ts, with a greeting
// around it, ./eval-framed.ts, or with its names in the other language,
// ./eval-mixed.ts) that retrieval
// changes may be tuned
// on; the held-out test part (./eval-test-set.ts) and the blind sets that
// they must never be tuned on.

import type { FaqEngine } from '../../src/faq/index.js';
import { EVAL_SET, ISSUE_EXAMPLES, type EvalCase } from './eval-set.js';
import { EVAL_TEST_SET } from './eval-test-set.js';
import { HOLDOUT_2_CASES } from './eval-holdout-2.js';
import { HOLDOUT_3_CASES } from './eval-holdout-3.js';
import { HOLDOUT_4_CASES } from './eval-holdout-4.js';
import { HOLDOUT_5_CASES } from './eval-holdout-5.js';
import { TYPO_CASES } from './eval-typos.js';
import { HOMOPHONE_CASES } from './eval-homophones.js';
import { TRADITIONAL_CASES } from './eval-traditional.js';
import { CASED_CASES } from './eval-cased.js';
import { FRAMED_CASES } from './eval-framed.js';
import { MIXED_CASES } from './eval-mixed.js';

export const EVAL_PARTS = {
  tuning: EVAL_SET,
  /** The tuning part with one typo in each question (./eval-typos.ts). */
  typos: TYPO_CASES,
  /** Its Chinese questions with one character slipped to a homophone (./eval-homophones.ts). */
  homophones: HOMOPHONE_CASES,
  /** The tuning part's Chinese questions in traditional characters (./eval-traditional.ts). */
  traditional: TRADITIONAL_CASES,
  /** The tuning part's English questions in Title Case or capitals (./eval-cased.ts). */
  cased: CASED_CASES,
  /** The tuning part with a greeting, thanks or a form of address around each question (./eval-framed.ts). */
  framed: FRAMED_CASES,
  /** Its questions that name a company, model or person, with the names in the other language (./eval-mixed.ts). */
  mixed: MIXED_CASES,
  issue: ISSUE_EXAMPLES,
  test: EVAL_TEST_SET,
  holdout2: HOLDOUT_2_CASES,
  holdout3: HOLDOUT_3_CASES,
  holdout4: HOLDOUT_4_CASES,
  holdout5: HOLDOUT_5_CASES,
} as const;

/**
 * Parts whose questions `npm run eval:faq` never lists (only their figures),
 * unless asked by name: held out from everyone who tunes the retrieval.
 */
export const BLIND_PARTS: ReadonlySet<string> = new Set(['holdout2', 'holdout3', 'holdout4', 'holdout5']);

export interface CaseResult {
  readonly q: string;
  readonly expect: string | null;
  readonly near: boolean;
  /** Document ids in ranked order (top 5). */
  readonly ranked: readonly string[];
  /** The section answered from (`docId#anchor`), if any. */
  readonly section: string | undefined;
  /** 1-based rank of the expected document (0 = not in the ranking); with an anchor, rank 1 also needs the right section. */
  readonly rank: number;
  readonly confident: boolean;
  /** Confident, and from the expected document (and section when the case names one). */
  readonly right: boolean;
  readonly score: number;
}

export interface EvalReport {
  readonly inScope: number;
  readonly outOfScope: number;
  readonly near: number;
  readonly recallAt1: number;
  readonly recallAt3: number;
  readonly mrr: number;
  /** Share of in-scope questions answered confidently from the right document (and section, when named). */
  readonly answeredRight: number;
  /** Share of in-scope questions answered confidently from the WRONG document or section. */
  readonly confidentWrong: number;
  /** Share of out-of-scope questions answered confidently (should be ~0). */
  readonly falseConfident: number;
  /** The same among the near-domain ones. */
  readonly falseConfidentNear: number;
  readonly cases: readonly CaseResult[];
}

function splitExpect(expect: string): { doc: string; anchor: string | undefined } {
  const [doc, anchor] = expect.split('#');
  return { doc: doc!, anchor };
}

export function evaluateCase(engine: FaqEngine, c: EvalCase): CaseResult {
  const ranking = engine.rank(c.q);
  const ranked = ranking.docs.map((d) => d.docId);
  const section = ranking.answer === undefined ? undefined : `${ranking.answer.section.docId}#${ranking.answer.section.anchor}`;
  let rank = 0;
  if (c.expect !== null) {
    const { doc, anchor } = splitExpect(c.expect);
    rank = ranked.indexOf(doc) + 1;
    // Rank 1 with the wrong section of the right document counts as rank 2: close, not right.
    if (rank === 1 && anchor !== undefined && section !== `${doc}#${anchor}`) rank = 2;
  }
  return {
    q: c.q,
    expect: c.expect,
    near: c.near === true,
    ranked: ranked.slice(0, 5),
    section,
    rank,
    confident: ranking.confident,
    right: c.expect !== null && rank === 1 && ranking.confident,
    score: ranking.confidence,
  };
}

export function evaluate(engine: FaqEngine, cases: readonly EvalCase[] = EVAL_SET): EvalReport {
  const results = cases.map((c) => evaluateCase(engine, c));
  const inScope = results.filter((r) => r.expect !== null);
  const outOfScope = results.filter((r) => r.expect === null);
  const near = outOfScope.filter((r) => r.near);
  const share = (xs: readonly CaseResult[], p: (r: CaseResult) => boolean): number => (xs.length === 0 ? 0 : xs.filter(p).length / xs.length);
  return {
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    near: near.length,
    recallAt1: share(inScope, (r) => r.rank === 1),
    recallAt3: share(inScope, (r) => r.rank >= 1 && r.rank <= 3),
    mrr: inScope.length === 0 ? 0 : inScope.reduce((a, r) => a + (r.rank > 0 ? 1 / r.rank : 0), 0) / inScope.length,
    answeredRight: share(inScope, (r) => r.right),
    confidentWrong: share(inScope, (r) => r.rank !== 1 && r.confident),
    falseConfident: share(outOfScope, (r) => r.confident),
    falseConfidentNear: share(near, (r) => r.confident),
    cases: results,
  };
}

/** Is this case a miss (shown by `npm run eval:faq`)? */
export function isMiss(c: CaseResult): boolean {
  return c.expect === null ? c.confident : !c.right;
}
