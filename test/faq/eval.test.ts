import { describe, expect, it } from 'vitest';
import { FaqEngine } from '../../src/faq/engine.js';
import { loadKnowledgeBase } from '../../src/faq/loader.js';
import { questionKey } from '../../src/faq/store.js';
import { evaluate, evaluateCase } from './eval-lib.js';
import { EVAL_SET, EVAL_SET_TO_ROUND_12, ISSUE_EXAMPLES, type EvalCase } from './eval-set.js';
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
import { MIXED_CASES, mixed } from './eval-mixed.js';
import { Lexicon } from '../../src/faq/lexicon.js';
import { typoDistance } from '../../src/text/edit-distance.js';

/** The tuning part's questions before round 10 (issue #12, new phrasings). */
const ROUNDS_1_TO_9 = 617;
/** The tuning part's questions before round 11 (the right section inside the right document). */
const ROUNDS_1_TO_10 = 687;
/** The tuning part's questions before round 12 (declined at the main-word cap). */
const ROUNDS_1_TO_11 = 725;
/** The tuning part's questions before round 14 (one stated fact, everyday words, any asker). */
const ROUNDS_1_TO_13 = 831;
/** The tuning part's questions before round 15 (paraphrases by product managers, students, investors, skeptics). */
const ROUNDS_1_TO_14 = 910;
/** Questions of rounds 1–15. */
const ROUNDS_1_TO_15 = 1016;
/** Questions of rounds 1–16. */
const ROUNDS_1_TO_16 = 1129;
/** Questions of rounds 1–17. */
const ROUNDS_1_TO_17 = 1241;
/** Questions of rounds 1–18. */
const ROUNDS_1_TO_18 = 1345;
/** Questions of rounds 1–19. */
const ROUNDS_1_TO_19 = 1447;
/** Questions of rounds 1–20. */
const ROUNDS_1_TO_20 = 1557;
/** Questions of rounds 1–21. */
const ROUNDS_1_TO_21 = 1661;
/** Questions of rounds 1–22. */
const ROUNDS_1_TO_22 = 1770;
/** Questions of rounds 1–23. */
const ROUNDS_1_TO_23 = 1871;
/** Questions of rounds 1–24. */
const ROUNDS_1_TO_24 = 1977;

const han = (q: string) => /\p{Script=Han}/u.test(q);

/** One engine on the shipped knowledge base, built once for every figure in this file (ranking reads it only). */
let shipped: Promise<FaqEngine> | undefined;
const shippedEngine = (): Promise<FaqEngine> => (shipped ??= loadKnowledgeBase('knowledge').then((kb) => new FaqEngine(kb)));
const reportOn = async (cases: readonly EvalCase[]) => evaluate(await shippedEngine(), cases);

/** A part's measured floor: recall@1 (when given) and answered right at least, false-confident at most. */
function holdsFloor(report: Awaited<ReturnType<typeof reportOn>>, floor: { recallAt1?: number; answeredRight: number; falseConfident: number }): void {
  if (floor.recallAt1 !== undefined) expect(report.recallAt1).toBeGreaterThanOrEqual(floor.recallAt1);
  expect(report.answeredRight).toBeGreaterThanOrEqual(floor.answeredRight);
  expect(report.falseConfident).toBeLessThanOrEqual(floor.falseConfident);
}

async function checkCases(cases: readonly EvalCase[]): Promise<void> {
  const kb = await loadKnowledgeBase('knowledge');
  const anchors = new Set(kb.sections.map((s) => `${s.docId}#${s.anchor}`));
  const ids = new Set(kb.docs.map((d) => d.id));
  for (const c of cases) {
    if (c.expect === null) continue;
    expect(c.expect.includes('#') ? anchors.has(c.expect) : ids.has(c.expect), `${c.q} → ${c.expect}`).toBe(true);
  }
  // Paraphrases, not the documents' own `questions:` lines (compared as /faq gaps groups questions).
  const typical = new Set(kb.docs.flatMap((d) => d.questions).map(questionKey));
  expect(cases.filter((c) => typical.has(questionKey(c.q))).map((c) => c.q)).toEqual([]);
}

/** What issue #12 asks of a held-out part: ≥ 80 chat-style questions in both languages, ≥ 30 out of scope (≥ 10 near-domain), none from the tuning part. */
async function checkHeldOut(cases: readonly EvalCase[]): Promise<void> {
  expect(cases.length).toBeGreaterThanOrEqual(80);
  const outOfScope = cases.filter((c) => c.expect === null);
  expect(outOfScope.length).toBeGreaterThanOrEqual(30);
  expect(outOfScope.filter((c) => c.near === true).length).toBeGreaterThanOrEqual(10);
  expect(cases.filter((c) => han(c.q)).length).toBeGreaterThanOrEqual(25);
  expect(cases.filter((c) => !han(c.q)).length).toBeGreaterThanOrEqual(25);
  const tuning = new Set([...EVAL_SET, ...ISSUE_EXAMPLES].map((c) => questionKey(c.q)));
  expect(cases.filter((c) => tuning.has(questionKey(c.q))).map((c) => c.q)).toEqual([]);
  await checkCases(cases);
}

describe('FAQ evaluation: tuning part (test/faq/eval-set.ts)', () => {
  it('is big enough, bilingual, covers every document, and is not copied from the documents', async () => {
    const kb = await loadKnowledgeBase('knowledge');
    const inScope = EVAL_SET.filter((c) => c.expect !== null);
    expect(EVAL_SET.length).toBeGreaterThanOrEqual(60);
    expect(EVAL_SET.filter((c) => c.expect === null).length).toBeGreaterThanOrEqual(15);
    expect(EVAL_SET.filter((c) => han(c.q)).length).toBeGreaterThanOrEqual(30);
    expect(EVAL_SET.filter((c) => !han(c.q)).length).toBeGreaterThanOrEqual(30);
    for (const d of kb.docs) expect(inScope.some((c) => c.expect!.split('#')[0] === d.id), d.id).toBe(true);
    await checkCases(EVAL_SET);
  });

  // Rounds 8–9 added 74 near-domain out-of-scope questions written to be hard; with the rule for what is
  // asked of a name (src/faq/asked.ts) 4.6% of the part's out-of-scope questions get a confident answer
  // (2.1% on the 491 questions before them; see docs/faq.md).
  it('holds, on its first 617 questions (rounds 1–9), recall@1 ≥ 0.92, answered right ≥ 0.90 and confident out-of-scope answers ≤ 5%', async () => {
    const report = await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_9));
    holdsFloor(report, { recallAt1: 0.92, answeredRight: 0.9, falseConfident: 0.05 });
    expect(report.recallAt3).toBeGreaterThanOrEqual(report.recallAt1);
  });

  // Round 10 (58 in scope phrased with words the documents do not use, 12 out of scope) was written to fail:
  // 41.4% of its in-scope questions were answered right when written, 53.4% after the lexicon groups it
  // prompted. Rounds 1–10 are held at their measured level (raised from 0.89 / 0.85 when choosing the
  // section on the question's distinctive words, src/faq/rank.ts, measured 0.902 / 0.860, i.e. 393 of 457;
  // raised to 0.864 when main words the page uses elsewhere stopped capping a window, src/faq/coverage.ts;
  // to 0.868 when the documents got typical questions pinned to each section, measured 0.869).
  it('holds, on its first 687 questions (rounds 1–10), recall@1 ≥ 0.90, answered right ≥ 0.868 and confident out-of-scope answers ≤ 5%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_10)), { recallAt1: 0.9, answeredRight: 0.868, falseConfident: 0.05 });
  });

  // Round 11 (38 in scope, each naming the section that should answer, in documents where an overview or
  // impact section could take the answer) measured 63.2% answered right when written. Rounds 1–11 are
  // held at their measured level (raised from 0.84 when main words the page uses elsewhere stopped capping
  // a window, measured 0.846;
  // to 0.856 with typical questions pinned to each section, measured 0.857).
  it('holds, on its first 725 questions (rounds 1–11), recall@1 ≥ 0.88, answered right ≥ 0.856 and confident out-of-scope answers ≤ 5%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_11)), { recallAt1: 0.88, answeredRight: 0.856, falseConfident: 0.05 });
  });

  // Round 12 (25 in scope declined at the main-word cap or nearby, 10 out of scope of the same shape)
  // measured 36% answered right and 1 of 10 confident out of scope when written. Rounds 1–12 are held at
  // their measured level (raised from 0.87 / 0.82 with typical questions pinned to each section, measured
  // 0.883 / 0.837; to 0.84 with round 13's lexicon groups, measured 0.840 / 4.6%; to 0.85 when the kind of answer
  // asked, 什么职位 or "title", stopped counting as a word the answer must write, measured 0.854 / 4.6%).
  it('holds, on its first 760 questions (rounds 1–12), recall@1 ≥ 0.88, answered right ≥ 0.85 and confident out-of-scope answers ≤ 4%', async () => {
    holdsFloor(await reportOn(EVAL_SET_TO_ROUND_12), { recallAt1: 0.88, answeredRight: 0.85, falseConfident: 0.04 });
  });

  // Round 13 (50 in scope phrased with words the sections do not use, "bill", "undercut", "how come", 咋, 白菜价,
  // 开销, and 21 out of scope, 16 near the domain), written from the documents' bodies only, measured 56.0%
  // answered right and 23.8% false-confident when written; the lexicon groups and rules it prompted moved it
  // to 74.0% / 19.0% (4 of 21); English function words as filler, alternatives (利好还是利空) and a year the section
  // never speaks of to 76.0% / 14.3%. Rounds 1–13 are held at their measured level (0.847 / 5.4%).
  it('holds, on round 13, answered right ≥ 0.76, and on rounds 1–13 recall@1 ≥ 0.87, answered right ≥ 0.84, false-confident ≤ 4%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(EVAL_SET_TO_ROUND_12.length, ROUNDS_1_TO_13)), { answeredRight: 0.76, falseConfident: 0.05 });
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_13)), { recallAt1: 0.87, answeredRight: 0.84, falseConfident: 0.04 });
  });

  // Round 14 (55 in scope, each one stated fact asked by a different kind of asker in everyday words, and 24 out of
  // scope, 19 near the domain), written from the documents' bodies only, measured 56.4% answered right and 20.8%
  // false-confident when written (recall@1 0.909: found, but declined); "said"/表示 as opinion and Zhang Peng as a
  // name moved it to 60.0% / 16.7%; English function words ("besides", "whoever", "couldnt") and chat slang ("og",
  // "wtf") as filler to 72.7% / 16.7%. Rounds 1–14 are held at their measured level (0.882 / 0.837 / 6.3%).
  it('holds, on round 14, answered right ≥ 0.72, and on rounds 1–14 recall@1 ≥ 0.88, answered right ≥ 0.83, false-confident ≤ 5%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_13, ROUNDS_1_TO_14)), { answeredRight: 0.72, falseConfident: 0.13 });
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_14)), { recallAt1: 0.88, answeredRight: 0.83, falseConfident: 0.05 });
  });

  // Round 15 (70 in scope paraphrased in everyday words by product managers, students, investors, journalists,
  // engineers and skeptics, 36 out of scope, 26 near the domain), written from the documents' bodies only, measured
  // 45.7% answered right and 19.4% false-confident when written (recall@1 0.871: found, but declined); the rules it
  // prompted (a model variant its section does not name, 70b or 128k; words the knowledge base never uses left to
  // coverage in what is asked of a name; chat slang; a date for "when did…"; "sat out" as not joining) moved it to
  // 54.3% / 11.1%. The whole
  // part is held at its measured level (0.882 / 0.807 / 6.9%).
  it('holds, on round 15, answered right ≥ 0.57, and on rounds 1–15 recall@1 ≥ 0.88, answered right ≥ 0.80, false-confident ≤ 5%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_14, ROUNDS_1_TO_15)), { answeredRight: 0.57, falseConfident: 0.09 });
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_15)), { recallAt1: 0.88, answeredRight: 0.8, falseConfident: 0.05 });
  });

  // Round 16 (74 in scope in paraphrases the sections do not use, Chinese fragments and mixed zh/en; 39 out of scope,
  // 30 near the domain), written from the documents' bodies only, measured 70.3% answered right and 23.1%
  // false-confident when written; the rules it prompted (the asker's people as framing; 什么时候; the date of the event
  // asked; who did it; a price or date of one variant in one sentence; "knock off"; 一共) moved it to 74.3% / 15.4%,
  // and rounds 1–15 from 6.9% to 5.0% false-confident; round 17's rules to 77.0% / 15.4%. Rounds 1–16 are held at their
  // measured level (0.891 / 0.806 / 6.1%; 5.5% after round 18's rules). Rounds 20–23's rules moved round 16 to 78.4% /
  // 7.7% and rounds 1–16 to 0.905 / 0.820 / 4.7%.
  it('holds, on round 16, answered right ≥ 0.78, and on rounds 1–16 recall@1 ≥ 0.90, answered right ≥ 0.82, false-confident ≤ 5%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_15, ROUNDS_1_TO_16)), { answeredRight: 0.78, falseConfident: 0.08 });
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_16)), { recallAt1: 0.9, answeredRight: 0.82, falseConfident: 0.05 });
  });

  // Round 17 (81 in scope, mostly English from people who do not know the documents' words: "race to the bottom",
  // "sticker price", "under the hood", "tl;dr"; 31 out of scope, 23 near the domain), written from the documents'
  // bodies only, measured 51.9% answered right and 25.8% false-confident when written; the chat idioms, lexicon groups
  // (race to the bottom, liability, 旗舰/前沿模型), 原价 written in the Baidu paragraph and versions such as R1 or GLM-4
  // moved it to 61.7% / 22.6%, round 18's to 61.7% / 19.4%. Rounds 1–17 are held at their measured level (0.895 /
  // 0.788 / 6.6%). Rounds 20–23's rules moved round 17 to 63.0% / 9.7% and rounds 1–17 to 0.910 / 0.802 / 5.1%.
  it('holds, on round 17, answered right ≥ 0.62, and on rounds 1–17 recall@1 ≥ 0.91, answered right ≥ 0.80, false-confident ≤ 6%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_16, ROUNDS_1_TO_17)), { answeredRight: 0.62, falseConfident: 0.1 });
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_17)), { recallAt1: 0.91, answeredRight: 0.8, falseConfident: 0.06 });
  });

  // Round 18 (67 out of scope, 59 near the domain, most reusing one sentence's exact words to ask what it does not
  // state; 37 in scope), written from the documents' bodies only, measured 81.1% answered right and 28.4%
  // false-confident when written; an output price beside an input price, a name that goes on past the one the
  // document names (DeepSeek-V2-Lite), what someone did before the job the documents name, and "when exactly was…"
  // moved it to 81.1% / 19.4%, round 19's to 81.1% / 16.4%. Rounds 1–18 are held at their measured level (0.897 /
  // 0.789 / 7.6%). Rounds 20–23's rules moved round 18 to 81.1% / 13.4% and rounds 1–18 to 0.912 / 0.802 / 6.3%.
  it('holds, on round 18, answered right ≥ 0.81, and on rounds 1–18 recall@1 ≥ 0.91, answered right ≥ 0.80, false-confident ≤ 7%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_17, ROUNDS_1_TO_18)), { answeredRight: 0.81, falseConfident: 0.14 });
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_18)), { recallAt1: 0.91, answeredRight: 0.8, falseConfident: 0.07 });
  });

  // Round 19 (54 in scope and 48 out of scope, 38 near the domain, as eight kinds of users), written from the
  // documents' bodies only, measured 61.1% answered right and 25.0% false-confident when written; a concept asked of
  // a model variant in the variant's sentence (the off-peak discount and V3.2-Exp), what someone did before with no
  // step named, "after all the cuts", a size its Chinese page writes in 亿 (236b) and "tf" as TensorFlow moved it to
  // 64.8% / 20.8%; rounds 20–23's rules to 70.4% / 18.8%, and rounds 1–19 from 0.899 / 0.781 / 8.9% to 0.913 /
  // 0.797 / 7.5%.
  it('holds, on round 19, answered right ≥ 0.70, and on rounds 1–19 recall@1 ≥ 0.91, answered right ≥ 0.79, false-confident ≤ 8%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_18, ROUNDS_1_TO_19)), { answeredRight: 0.7, falseConfident: 0.19 });
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_19)), { recallAt1: 0.91, answeredRight: 0.79, falseConfident: 0.08 });
  });

  // Round 20 (70 in scope and 40 out of scope, 30 near the domain: people typing fast in a team chat, with loose
  // "why" questions, who did or did not do something or went first, clipped words and symbols), written from the
  // documents' bodies only, measured 81.4% answered right and 32.5% false-confident when written. A reason for "why
  // did X…", a price or a year said of the name asked, a person's own path for "before", what came after leaving a
  // company, hyphened words also as one word (start-ups), "prices down" and "drives out" read with their particles as
  // frame words, 上市/IPO, "lr" and "acc", and rounds 21–23's rules moved it to 88.6% / 15.0%.
  it('holds, on round 20, answered right ≥ 0.88 and false-confident ≤ 15%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_19, ROUNDS_1_TO_20)), { answeredRight: 0.88, falseConfident: 0.15 });
  });

  // Round 21 (67 in scope and 37 out of scope, 28 near the domain: Chinese-speaking engineers and product people,
  // mostly Chinese with English names mixed in), written the same way, measured 73.1% / 35.1% when written; 谁先 /
  // 挑起 / 打响第一枪 as one concept (first-mover), 没降 / 没跟 as staying out, 降了 as a cut and what came after
  // leaving a company moved it to 77.6% / 27.0%.
  it('holds, on round 21, answered right ≥ 0.77 and false-confident ≤ 28%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_20, ROUNDS_1_TO_21)), { answeredRight: 0.77, falseConfident: 0.28 });
  });

  // Round 22 (54 in scope and 55 out of scope, 46 near the domain: skeptical users probing the edges), written the
  // same way and measured after rounds 20–21's rules, before any change for it: 63.0% / 20.0% (on this session's
  // starting code: 63.0% / 25.5%). A sum asked of a model variant in its own clause, the price before a change (涨价之前)
  // needing the old price, "after … price moves", the value of a setting beside a number, "percent", "going forward"
  // and "supposedly" as framing moved it to 74.1% / 14.5%.
  it('holds, on round 22, answered right ≥ 0.74 and false-confident ≤ 15%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_21, ROUNDS_1_TO_22)), { answeredRight: 0.74, falseConfident: 0.15 });
  });

  // Round 23 (68 in scope and 33 out of scope, 25 near the domain: eight kinds of users), written the same way and
  // measured after rounds 20–21's rules: 60.3% / 24.2% (58.8% / 26.5% on this session's starting code). The Keras
  // setup section's heading naming the Python version, "my friend says yes" and "writing a piece on" as framing, and
  // round 22's rules moved it to 64.7% / 21.2%. Rounds 1–23 are held at their measured level (0.917 / 0.790 / 10.3%).
  it('holds, on round 23, answered right ≥ 0.64, and on rounds 1–23 recall@1 ≥ 0.91, answered right ≥ 0.78, false-confident ≤ 11%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_22, ROUNDS_1_TO_23)), { answeredRight: 0.64, falseConfident: 0.22 });
    holdsFloor(await reportOn(EVAL_SET.slice(0, ROUNDS_1_TO_23)), { recallAt1: 0.91, answeredRight: 0.78, falseConfident: 0.11 });
  });

  // Rounds 24 and 25 (70 in scope and 36 out of scope, 27 near the domain; 60 in scope and 46 out, 39 near), written
  // the same way after rounds 20–23's rules, as a fresh check of them: 80.0% / 11.1% and 68.3% / 15.2% when written
  // (80.0% / 13.9% and 70.0% / 19.6% on this session's starting code: the rules cut false confidence on new
  // questions and did not raise answered right). Two typical questions read as one window no more, 离职 as leaving
  // (the lexicon's `leave` group), "what learning rate does it use" as a value asked and 当…之前做过 as a career
  // question moved round 25 to 70.0% / 8.7%. The whole part is held at its measured level (0.919 / 0.786 / 10.2%).
  it('holds, on rounds 24 and 25, answered right ≥ 0.80 and ≥ 0.70, and on the whole part recall@1 ≥ 0.91, answered right ≥ 0.78, false-confident ≤ 11%', async () => {
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_23, ROUNDS_1_TO_24)), { answeredRight: 0.8, falseConfident: 0.12 });
    holdsFloor(await reportOn(EVAL_SET.slice(ROUNDS_1_TO_24)), { answeredRight: 0.7, falseConfident: 0.09 });
    holdsFloor(await reportOn(EVAL_SET), { recallAt1: 0.91, answeredRight: 0.78, falseConfident: 0.11 });
  });
});

describe('FAQ evaluation: the tuning part with one typo per question (test/faq/eval-typos.ts)', () => {
  it('holds ≥ 300 questions, each its tuning question with one slip in one word', () => {
    expect(TYPO_CASES.length).toBeGreaterThanOrEqual(300);
    const source = new Map(EVAL_SET_TO_ROUND_12.map((c) => [c.q, c]));
    let i = 0;
    for (const c of TYPO_CASES) {
      // The cases keep the tuning part's order: find the question each was made from.
      while (i < EVAL_SET_TO_ROUND_12.length && typoDistance(EVAL_SET_TO_ROUND_12[i]!.q, c.q) !== 1) i++;
      expect(EVAL_SET_TO_ROUND_12[i], c.q).toBeDefined();
      expect(c.expect).toBe(EVAL_SET_TO_ROUND_12[i]!.expect);
      expect(source.has(c.q), c.q).toBe(false);
      i++;
    }
  });

  // Measured 0.802 / 0.040 when homophone slips were first read as the words meant (src/faq/homophones.ts);
  // 0.297 / 0.056 before; the same questions typed right: 0.879 / 0.056.
  it('holds, with one homophone slip per Chinese question (test/faq/eval-homophones.ts), answered right ≥ 0.80, false-confident ≤ 0.04', async () => {
    expect(HOMOPHONE_CASES.length).toBeGreaterThanOrEqual(350);
    holdsFloor(await reportOn(HOMOPHONE_CASES), { answeredRight: 0.8, falseConfident: 0.04 });
  });

  // Measured 0.723 / 0.047 when typos were first read as the words meant (src/faq/spelling.ts); 0.352 / 0.047 before;
  // 0.742 / 0.047 after later lexicon and filler changes.
  it('holds its measured floor: answered right ≥ 0.74, false-confident out of scope ≤ 0.04', async () => {
    holdsFloor(await reportOn(TYPO_CASES), { answeredRight: 0.74, falseConfident: 0.04 });
  });
});

describe('FAQ evaluation: the tuning part in traditional characters, in Title Case, and framed by greetings (test/faq/eval-traditional.ts, eval-cased.ts, eval-framed.ts)', () => {
  it('holds every Chinese question of the tuning part in traditional characters, and every English one in Title Case or capitals', () => {
    const han = EVAL_SET_TO_ROUND_12.filter((c) => /\p{Script=Han}/u.test(c.q));
    expect(TRADITIONAL_CASES.length).toBe(han.length);
    expect(TRADITIONAL_CASES.filter((c, i) => c.q !== han[i]!.q).length).toBeGreaterThan(0.9 * han.length);
    expect(CASED_CASES.length).toBe(EVAL_SET_TO_ROUND_12.length - han.length);
    for (const c of CASED_CASES) expect(c.q, c.q).not.toMatch(/(?<![\p{L}\p{N}'’])\p{Ll}/u);
  });

  // Measured 0.881 / 0.063 when traditional questions were first read in simplified characters
  // (src/faq/chinese-script.ts): the Chinese questions typed in simplified score the same. 0.242 / 0.055 before.
  it('holds, in traditional characters, its measured floor: answered right ≥ 0.88, false-confident ≤ 0.05', async () => {
    holdsFloor(await reportOn(TRADITIONAL_CASES), { answeredRight: 0.88, falseConfident: 0.05 });
  });

  // Measured 0.840 / 0.050 when greetings, thanks and forms of address joined the filler words
  // (src/faq/query-words.ts), as the questions alone (0.838 / 0.050); 0.423 / 0.025 before; 0.856 / 0.046 now.
  it('holds, with a greeting or thanks around each question, its measured floor: answered right ≥ 0.85, false-confident ≤ 0.04', async () => {
    expect(FRAMED_CASES.length).toBe(EVAL_SET_TO_ROUND_12.length);
    holdsFloor(await reportOn(FRAMED_CASES), { answeredRight: 0.85, falseConfident: 0.04 });
  });

  // Measured 0.787 / 0.036 when Title Case stopped marking names (src/faq/rank.ts), as typed in lower case; 0.630 / 0.018 before;
  // 0.817 / 0.036 at the start of the session that added round 15; 0.821 / 0.036 after it.
  it('holds, in Title Case or capitals, its measured floor: answered right ≥ 0.82, false-confident ≤ 0.03', async () => {
    holdsFloor(await reportOn(CASED_CASES), { answeredRight: 0.82, falseConfident: 0.03 });
  });
});

describe('FAQ evaluation: the tuning part with its names in the other language (test/faq/eval-mixed.ts)', () => {
  it('swaps each name to its group\'s first phrase in the other script, and keeps only the questions it changed', () => {
    const lexicon = Lexicon.parse('qwen [name]: Qwen | 通义千问 | 千问 | Tongyi\nali [name]: Alibaba | 阿里巴巴 | 阿里\nprice: price | 价格');
    const cases: EvalCase[] = [
      { q: 'how much did alibaba cut Tongyi prices', expect: 'x' },
      { q: '千问降了多少', expect: 'y' },
      { q: 'price war', expect: 'z' },
    ];
    expect(mixed(cases, lexicon)).toEqual([
      { q: 'how much did 阿里巴巴 cut 通义千问 prices', expect: 'x' },
      { q: 'Qwen 降了多少', expect: 'y' },
    ]);
    expect(MIXED_CASES.length).toBeGreaterThanOrEqual(150);
    const tuning = new Set(EVAL_SET.map((c) => c.q));
    for (const c of MIXED_CASES) expect(tuning.has(c.q), c.q).toBe(false);
  });

  // Measured 0.915 / 0.032 when names were read in the question's language (src/faq/question-language.ts),
  // 0.957 / 0.022 after round 13's lexicon groups and the answer-kind words:
  // the language judged without the names, and a name written in the other script replaced by the one its
  // documents use. 0.819 / 0.032 before. The rewrite inverts how this part was made (both read the lexicon),
  // so the figure says the mechanism works, not how often people write the lexicon's names.
  it('holds its measured floor: answered right ≥ 0.95, false-confident out of scope ≤ 0.02', async () => {
    holdsFloor(await reportOn(MIXED_CASES), { answeredRight: 0.95, falseConfident: 0.02 });
  });
});

describe('FAQ evaluation: the examples of issue #12', () => {
  it.each(ISSUE_EXAMPLES.map((c) => [c.q, c] as const))('%s', async (_q, c) => {
    const r = evaluateCase(await shippedEngine(), c);
    if (c.expect === null) expect(r.confident, `declined (score ${r.score})`).toBe(false);
    else expect({ confident: r.confident, section: r.section?.startsWith(c.expect.includes('#') ? c.expect : `${c.expect}#`) }).toEqual({ confident: true, section: true });
  });
});

describe('FAQ evaluation: held-out test part (test/faq/eval-test-set.ts)', () => {
  it('has ≥ 80 chat-style questions, ≥ 30 out of scope, ≥ 10 of them near-domain, none shared with the tuning part', async () => {
    await checkHeldOut(EVAL_TEST_SET);
  });

  // What the retrieval reaches today on questions it was never tuned on: a
  // floor against regressions, set from the measured figures (see docs/faq.md).
  // Raised from 0.83 when choosing the section on the question's distinctive words measured 0.871, and to
  // 0.88 when main words the page uses elsewhere stopped capping a window (src/faq/coverage.ts) measured 0.887,
  // and to 0.90 when typos were read as the words meant (src/faq/spelling.ts) measured 0.903, to 0.91 when
  // "prices down" and its forms joined the lexicon's price-cut group, measured 0.919; to 0.93 when rounds 20–23's
  // rules (docs/faq.md, "Quality") measured 0.935 (58 of 62), false-confident 0 of 35.
  it('holds its measured floor: answered right ≥ 0.93, false-confident out of scope ≤ 0.03', async () => {
    holdsFloor(await reportOn(EVAL_TEST_SET), { answeredRight: 0.93, falseConfident: 0.03 });
  });

  // Issue #12's bar, met since rounds 20–23 (it was an `it.fails` until then). Never edit the test part to keep it.
  it("meets issue #12's bar: answered right ≥ 0.92 and false-confident out of scope ≤ 0.03", async () => {
    holdsFloor(await reportOn(EVAL_TEST_SET), { answeredRight: 0.92, falseConfident: 0.03 });
  });
});

describe('FAQ evaluation: held-out set #2 (test/faq/eval-holdout-2.ts, written blind)', () => {
  it('has ≥ 80 chat-style questions, ≥ 30 out of scope, ≥ 10 of them near-domain, none shared with the tuning part', async () => {
    await checkHeldOut(HOLDOUT_2_CASES);
  });

  // Written after the retrieval was tuned, by someone who saw neither the code nor the other sets: the
  // honest figure for new questions (docs/faq.md, "Quality"). A floor against regressions at the measured
  // level, not a goal; its questions are never listed by eval:faq unless asked (--show-blind).
  // Raised from 0.73 / 0.14 when the rule for what is asked of a name (src/faq/asked.ts) measured 74.4% / 7.0%,
  // and to 0.75 when tuning round 10's lexicon groups measured 75.6%, and to 0.76 when choosing the section
  // on the question's distinctive words (src/faq/rank.ts) measured 76.7%;
  // to 0.82 / 0.05 when the documents got typical questions pinned to each section (written by authors who saw
  // no evaluation set; the few that matched an evaluation question word for word were removed) measured 82.2% / 4.7%;
  // to 0.83 when months became concepts (src/faq/months.ts) measured 83.3%; to 0.84 after round 13's lexicon
  // groups, measured 84.4%; to 0.86 after rounds 20–23's rules, measured 86.7% / 4.7%.
  it('holds its measured floor: answered right ≥ 0.86, false-confident out of scope ≤ 0.05', async () => {
    holdsFloor(await reportOn(HOLDOUT_2_CASES), { answeredRight: 0.86, falseConfident: 0.05 });
  });
});

describe('FAQ evaluation: held-out set #3 (test/faq/eval-holdout-3.ts, written blind)', () => {
  it('has ≥ 80 chat-style questions, ≥ 30 out of scope, ≥ 10 of them near-domain, none shared with the tuning part', async () => {
    await checkHeldOut(HOLDOUT_3_CASES);
  });

  // Written at the end of the session that pinned typical questions to sections, by an author who read only the
  // documents' bodies (not their typical questions) and the source article: fresher than set #2, which had
  // by then informed several keep-or-revert decisions (its figures only). It measured 54.8% / 18.2% on the
  // retrieval before that session and 63.4% / 18.2% after it; 63.4% / 15.9% once a question's language was
  // judged without the names it mentions (src/faq/question-language.ts). A floor against regressions, not a goal.
  // 64.5% / 13.6% after round 13's lexicon groups and Chinese names (docs/faq.md).
  // 64.5% / 9.1% after round 14's changes ("said" as an opinion, Zhang Peng as a name); 66.7% / 9.1% after round 15's;
  // 67.7% / 6.8% after round 16's; 67.7% / 2.3% after rounds 20–23's.
  it('holds its measured floor: answered right ≥ 0.67, false-confident out of scope ≤ 0.03', async () => {
    holdsFloor(await reportOn(HOLDOUT_3_CASES), { answeredRight: 0.67, falseConfident: 0.03 });
  });
});

describe('FAQ evaluation: held-out set #4 (test/faq/eval-holdout-4.ts, written blind)', () => {
  it('has ≥ 80 chat-style questions, ≥ 30 out of scope, ≥ 10 of them near-domain, none shared with the tuning part', async () => {
    await checkHeldOut(HOLDOUT_4_CASES);
  });

  // Written blind in the session that read names in the question's language, by an author who read only the
  // documents' bodies and the source article; measured as soon as it was added, before any later change:
  // 82.1% / 11.1% (16.1% of its near-domain questions); 82.1% / 8.9% after round 15's changes; 83.2% / 6.7% after
  // round 16's; 83.2% / 4.4% after round 18's; 84.2% / 4.4% after round 19's, and after rounds 20–23's. A floor against
  // regressions, not a goal.
  it('holds its measured floor: answered right ≥ 0.84, false-confident out of scope ≤ 0.05', async () => {
    holdsFloor(await reportOn(HOLDOUT_4_CASES), { answeredRight: 0.84, falseConfident: 0.05 });
  });
});

describe('FAQ evaluation: held-out set #5 (test/faq/eval-holdout-5.ts, written blind)', () => {
  it('has ≥ 80 chat-style questions, ≥ 30 out of scope, ≥ 10 of them near-domain, none shared with the tuning part', async () => {
    await checkHeldOut(HOLDOUT_5_CASES);
  });

  // Written blind at the start of the session that added tuning round 15, by an author who read only the documents'
  // bodies and the source article; measured as soon as it was added, before any change of that session: 69.2%
  // answered right, 28.9% false-confident (11 of its 29 near-domain questions); the same after that session's changes;
  // 69.2% / 23.7% (9 of 29) after round 16's; 70.3% / 21.1% (8 of 29) after round 17's; 70.3% / 18.4% after round 18's;
  // 70.3% / 7.9% (3 of 29) after rounds 20–23's. A floor against regressions, not a goal.
  it('holds its measured floor: answered right ≥ 0.70, false-confident out of scope ≤ 0.08', async () => {
    holdsFloor(await reportOn(HOLDOUT_5_CASES), { answeredRight: 0.7, falseConfident: 0.08 });
  });
});
