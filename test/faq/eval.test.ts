import { describe, expect, it } from 'vitest';
import { FaqEngine } from '../../src/faq/engine.js';
import { loadKnowledgeBase } from '../../src/faq/loader.js';
import { questionKey } from '../../src/faq/store.js';
import { evaluate } from './eval-lib.js';
import { EVAL_SET } from './eval-set.js';

describe('FAQ evaluation set', () => {
  it('is big enough, bilingual, with real out-of-scope questions, and not copied from the documents', async () => {
    const kb = await loadKnowledgeBase('knowledge');
    const inScope = EVAL_SET.filter((c) => c.expect !== null);
    const outOfScope = EVAL_SET.filter((c) => c.expect === null);
    expect(EVAL_SET.length).toBeGreaterThanOrEqual(60);
    expect(outOfScope.length).toBeGreaterThanOrEqual(15);
    const han = (q: string) => /\p{Script=Han}/u.test(q);
    expect(EVAL_SET.filter((c) => han(c.q)).length).toBeGreaterThanOrEqual(30);
    expect(EVAL_SET.filter((c) => !han(c.q)).length).toBeGreaterThanOrEqual(30);
    const ids = new Set(kb.docs.map((d) => d.id));
    for (const c of inScope) expect(ids.has(c.expect!), c.q).toBe(true);
    // Every document is asked about.
    for (const id of ids) expect(inScope.some((c) => c.expect === id), id).toBe(true);
    // Paraphrases, not the documents' own `questions:` lines (compared as /faq gaps groups questions).
    const typical = new Set(kb.docs.flatMap((d) => d.questions).map(questionKey));
    expect(EVAL_SET.filter((c) => typical.has(questionKey(c.q))).map((c) => c.q)).toEqual([]);
  });

  it('holds recall@1 ≥ 0.9 and confident out-of-scope answers ≤ 5%', async () => {
    const report = evaluate(new FaqEngine(await loadKnowledgeBase('knowledge')));
    expect(report.recallAt1).toBeGreaterThanOrEqual(0.9);
    expect(report.falseConfident).toBeLessThanOrEqual(0.05);
    expect(report.recallAt3).toBeGreaterThanOrEqual(report.recallAt1);
  });
});
