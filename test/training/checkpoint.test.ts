/** Checkpoints with real TF.js: a run resumed from epoch N ends where an uninterrupted run ends. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/training/data/generate.js';
import { prepareData } from '../../src/training/data/prepare.js';
import { ARTICLE_DEFAULTS, type TrainParams } from '../../src/training/params.js';
import { autoOrder, selectBackend } from '../../src/training/tf/backends.js';
import { checkpointDir, loadCheckpoint, saveCheckpoint } from '../../src/training/tf/checkpoint.js';
import type { Tf } from '../../src/training/tf/model.js';
import { trainModel } from '../../src/training/tf/train.js';
import { tempDir } from './helpers.js';

const params: TrainParams = { ...ARTICLE_DEFAULTS, hidden: [10], epochs: 6, lr: 0.01 };
const data = () => prepareData(generateDataset({ generator: 'linear', rows: 300, features: 10, seed: 3 }), params);

let tf: Tf;
beforeAll(async () => {
  tf = (await selectBackend('cpu')).tf;
});

describe('checkpoints', () => {
  const dir = tempDir();
  afterAll(dir.cleanup);

  it('a run resumed from the checkpoint after epoch 3 gives the same curve and weights as one that never stopped', async () => {
    const whole = await trainModel(tf, data(), params);
    const jobDir = join(dir.path, 'job-1');
    // The first attempt: stops after epoch 3 (as a shutdown would) and saves a checkpoint.
    // shouldStop is asked once before the fit and at each epoch end: the 4th ask comes after epoch 3.
    let asks = 0;
    const first = await trainModel(tf, data(), params, { shouldStop: () => ++asks >= 4 });
    expect(first.history).toHaveLength(3);
    await saveCheckpoint(first.model, 3, first.history, jobDir);
    first.model.dispose();

    const resume = await loadCheckpoint(tf, jobDir);
    expect(resume?.epoch).toBe(3);
    const rest = await trainModel(tf, data(), params, { resume: resume! });
    expect(rest.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rest.samplesSeen).toBe(3 * data().train.rows); // only epochs 4–6 ran here
    for (const [a, b] of rest.history.map((h, i) => [h.loss, whole.history[i]!.loss] as const)) expect(a).toBeCloseTo(b, 5);
    const w1 = rest.model.getWeights().map((t) => Array.from(t.dataSync()));
    const w2 = whole.model.getWeights().map((t) => Array.from(t.dataSync()));
    for (let i = 0; i < w1.length; i++) for (let j = 0; j < w1[i]!.length; j++) expect(w1[i]![j]).toBeCloseTo(w2[i]![j]!, 5);
    expect(rest.metrics?.testAccuracy).toBeCloseTo(whole.metrics!.testAccuracy, 5);
    [whole, rest].forEach((r) => r.model.dispose());
  });

  it('keeps one data file, replaces state.json atomically, and ignores a missing or torn checkpoint', async () => {
    const jobDir = join(dir.path, 'job-2');
    const run = await trainModel(tf, data(), { ...params, epochs: 2 });
    await saveCheckpoint(run.model, 1, run.history.slice(0, 1), jobDir);
    await saveCheckpoint(run.model, 2, run.history, jobDir);
    expect(readdirSync(checkpointDir(jobDir)).sort()).toEqual(['epoch-2.bin', 'state.json']);
    expect((await loadCheckpoint(tf, jobDir))?.epoch).toBe(2);
    // Truncated data (a torn write from an older version, a full disk): no checkpoint, the job starts over.
    const bin = join(checkpointDir(jobDir), 'epoch-2.bin');
    writeFileSync(bin, readFileSync(bin).subarray(0, 10));
    expect(await loadCheckpoint(tf, jobDir)).toBeUndefined();
    expect(await loadCheckpoint(tf, join(dir.path, 'nothing-here'))).toBeUndefined();
    expect(existsSync(join(checkpointDir(jobDir), `state.json.tmp-${process.pid}`))).toBe(false);
    run.model.dispose();
  });
});

describe('auto backend by model size', () => {
  it('puts cpu before wasm for the article model and wasm first for the 10→256→256→1 MLP (the bench rows justify the line)', () => {
    expect(autoOrder({ features: 10, hidden: [10] })).toEqual(['tensorflow-gpu', 'tensorflow', 'cpu', 'wasm']);
    expect(autoOrder({ features: 10, hidden: [256, 256] })).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
    expect(autoOrder()).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
  });

  it('auto with the small model picks cpu here, with no "skipped" wasm in the note', async () => {
    const choice = await selectBackend('auto', undefined, { features: 10, hidden: [10] });
    expect(choice.backend).toBe('cpu');
    expect(choice.note).not.toContain('wasm');
  });
});
