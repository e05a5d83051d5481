/** Issue #14, point 1: whether a test accuracy means anything (chance, the article's claim), and what to try. */
import { describe, expect, it } from 'vitest';
import { ARTICLE_CLAIMED_ACCURACY, assessResult, isArticleCase, WORKING_SETTINGS } from '../../src/training/assess.js';
import { generateDataset } from '../../src/training/data/generate.js';
import { prepareData } from '../../src/training/data/prepare.js';
import type { JobRecord } from '../../src/training/job-record.js';
import { ARTICLE_DEFAULTS, type TrainParams } from '../../src/training/params.js';
import { selectBackend } from '../../src/training/tf/backends.js';
import { trainModel } from '../../src/training/tf/train.js';

const article: TrainParams = { ...ARTICLE_DEFAULTS, hidden: [10] };
type Assessed = Parameters<typeof assessResult>[0];

function job(metrics: Record<string, number>, changes: Partial<Pick<JobRecord, 'params' | 'dataset' | 'datasetRows' | 'status'>> = {}): Assessed {
  return {
    status: 'succeeded',
    metrics,
    params: article,
    dataset: { kind: 'generated', generator: 'linear', rows: 100, features: 10 },
    datasetRows: 100,
    ...changes,
  };
}

describe('assessResult', () => {
  it("the article's own settings at 0.40: at chance, far from the claim, with the arithmetic and the settings that work", () => {
    const a = assessResult(job({ testAccuracy: 0.4000000059604645, testMajorityAccuracy: 0.55 }))!;
    expect(a).toMatchObject({ verdict: 'chance', chance: 0.55, atOrBelowChance: true, articleCase: true, farBelowClaim: true, claimed: ARTICLE_CLAIMED_ACCURACY });
    // 64 training rows in batches of 32, 10 epochs: 20 Adam steps.
    expect(a).toMatchObject({ trainRows: 64, testRows: 20, steps: 20, suggestion: { epochs: 100, lr: 0.01 } });
    expect(WORKING_SETTINGS).toEqual({ epochs: 100, lr: 0.01 });
  });

  it('above chance but far below 0.92 on the article case; fine at or near the claim', () => {
    expect(assessResult(job({ testAccuracy: 0.7, testMajorityAccuracy: 0.55 }))).toMatchObject({ verdict: 'far-below-claim', atOrBelowChance: false, farBelowClaim: true });
    expect(assessResult(job({ testAccuracy: 0.85, testMajorityAccuracy: 0.55 }))?.verdict).toBe('fine');
    expect(assessResult(job({ testAccuracy: 1, testMajorityAccuracy: 0.55 }, { params: { ...article, epochs: 100, lr: 0.01 } }))).toMatchObject({ verdict: 'fine', suggestion: null });
  });

  it('chance is what guessing the commoner class scores (float32 ties count), 0.5 when the trainer does not say', () => {
    expect(assessResult(job({ testAccuracy: 0.550000011920929, testMajorityAccuracy: 0.55 }))?.atOrBelowChance).toBe(true);
    expect(assessResult(job({ testAccuracy: 0.6, testMajorityAccuracy: 0.55 }))?.atOrBelowChance).toBe(false);
    expect(assessResult(job({ testAccuracy: 0.5 }))).toMatchObject({ chance: 0.5, atOrBelowChance: true });
    const imbalanced = assessResult(job({ testAccuracy: 0.8, testMajorityAccuracy: 0.8 }, { dataset: { kind: 'csv', name: 'c.csv', path: '/x/c.csv', origin: 'library' }, datasetRows: 500 }));
    expect(imbalanced).toMatchObject({ verdict: 'chance', articleCase: false, farBelowClaim: false, claimed: null });
  });

  it('suggests nothing where the job already trained with the working settings or more', () => {
    const seeded = assessResult(job({ testAccuracy: 0.75, testMajorityAccuracy: 0.5 }, { params: { ...article, epochs: 100, lr: 0.01, seed: 3 } }));
    expect(seeded).toMatchObject({ verdict: 'far-below-claim', suggestion: null });
    // More epochs than suggested are kept; only the learning rate goes up.
    expect(assessResult(job({ testAccuracy: 0.5 }, { params: { ...article, epochs: 300 } }))?.suggestion).toEqual({ epochs: 300, lr: 0.01 });
  });

  it("only the article's model on its data size is the article case; other jobs are judged against chance only", () => {
    expect(isArticleCase(job({}))).toBe(true);
    expect(isArticleCase(job({}, { params: { ...article, seed: 7, epochs: 50 } }))).toBe(true);
    expect(isArticleCase(job({}, { params: { ...article, model: 'mlp', hidden: [256, 256] } }))).toBe(false);
    expect(isArticleCase(job({}, { dataset: { kind: 'generated', generator: 'xor', rows: 100, features: 10 } }))).toBe(false);
    expect(isArticleCase(job({}, { dataset: { kind: 'generated', generator: 'linear', rows: 1000, features: 10 }, datasetRows: 1000 }))).toBe(false);
    expect(assessResult(job({ testAccuracy: 0.7 }, { dataset: { kind: 'generated', generator: 'xor', rows: 100, features: 10 } }))?.verdict).toBe('fine');
  });

  it('has nothing to say about a job that did not succeed', () => {
    expect(assessResult(job({ testAccuracy: 0.4 }, { status: 'cancelled' }))).toBeUndefined();
    expect(assessResult(job({}))).toBeUndefined();
  });
});

describe('the trainer reports the chance level', () => {
  it('testMajorityAccuracy is the share of the commoner class among the test rows', async () => {
    const { tf } = await selectBackend('cpu');
    const data = prepareData(generateDataset({ generator: 'linear', rows: 100, features: 10, seed: 42 }), article);
    const result = await trainModel(tf, data, { ...article, epochs: 1 });
    const ones = [...data.test.y].filter((y) => y === 1).length;
    expect(result.metrics!.testMajorityAccuracy).toBeCloseTo(Math.max(ones, data.test.rows - ones) / data.test.rows, 10);
    expect(result.metrics!.testMajorityAccuracy).toBeGreaterThanOrEqual(0.5);
    result.model.dispose();
  });
});
