/** Real TF.js training on small data, in the test process (the queue tests run it in worker processes). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/training/data/generate.js';
import { prepareData } from '../../src/training/data/prepare.js';
import { ARTICLE_DEFAULTS, type TrainParams } from '../../src/training/params.js';
import { BackendUnavailableError, selectBackend, type BackendProbe } from '../../src/training/tf/backends.js';
import type { Tf } from '../../src/training/tf/model.js';
import { loadModelFiles, saveModelFiles } from '../../src/training/tf/save.js';
import { trainModel } from '../../src/training/tf/train.js';
import { tempDir } from './helpers.js';

const article: TrainParams = { ...ARTICLE_DEFAULTS, hidden: [10] };
const articleData = (seed = 42) => prepareData(generateDataset({ generator: 'linear', rows: 100, features: 10, seed }), article);

let tf: Tf;
beforeAll(async () => {
  tf = (await selectBackend('cpu')).tf;
});

describe('training (the article case)', () => {
  it('reports train/validation loss and accuracy per epoch and a test accuracy', async () => {
    const epochs: number[] = [];
    const result = await trainModel(tf, articleData(), article, { onEpoch: (s) => void epochs.push(s.epoch) });
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.history).toHaveLength(10);
    for (const h of result.history) {
      for (const v of [h.loss, h.accuracy, h.valLoss, h.valAccuracy]) expect(Number.isFinite(v)).toBe(true);
      expect(h.accuracy).toBeGreaterThanOrEqual(0);
      expect(h.accuracy).toBeLessThanOrEqual(1);
    }
    // Adam lowers the training loss, even in 20 small steps.
    expect(result.history.at(-1)!.loss).toBeLessThan(result.history[0]!.loss);
    expect(result.metrics?.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(result.metrics?.epochs).toBe(10);
    // 20 test rows: accuracy moves in steps of 0.05.
    expect(Math.round(result.metrics!.testAccuracy * 20)).toBeCloseTo(result.metrics!.testAccuracy * 20, 4);
    result.model.dispose();
  });

  it('is reproducible: same seed, same curve', async () => {
    const a = await trainModel(tf, articleData(), { ...article, epochs: 3 });
    const b = await trainModel(tf, articleData(), { ...article, epochs: 3 });
    const c = await trainModel(tf, articleData(), { ...article, epochs: 3, seed: 7 });
    expect(b.history.map((h) => h.loss)).toEqual(a.history.map((h) => h.loss));
    expect(c.history.map((h) => h.loss)).not.toEqual(a.history.map((h) => h.loss));
    [a, b, c].forEach((r) => r.model.dispose());
  });

  it('the documented settings (--epochs 100 --lr 0.01) reach test accuracy ≥ 0.9 on the default data', async () => {
    const result = await trainModel(tf, articleData(), { ...article, epochs: 100, lr: 0.01 });
    expect(result.metrics!.testAccuracy).toBeGreaterThanOrEqual(0.9);
    result.model.dispose();
  });

  it('stops at the epoch end after a stop is asked for, and the fit runs all epochs in one go otherwise', async () => {
    const data = prepareData(generateDataset({ generator: 'linear', rows: 2000, features: 10, seed: 1 }), article);
    let checks = 0;
    const result = await trainModel(tf, data, { ...article, epochs: 50 }, { shouldStop: () => ++checks >= 3 });
    expect(result.stopped).toBe(true);
    // Checked once before the fit and at each epoch end: the third check comes after epoch 2.
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(result.metrics?.epochs).toBe(2);
    result.model.dispose();
  });

  it('leaves Math.random as it found it (the seeded batch order is scoped to the fit)', async () => {
    const before = Math.random;
    (await trainModel(tf, articleData(), { ...article, epochs: 2 })).model.dispose();
    expect(Math.random).toBe(before);
  });

  it('learns XOR with a hidden layer', async () => {
    const data = prepareData(generateDataset({ generator: 'xor', rows: 400, features: 2, seed: 5 }), article);
    const result = await trainModel(tf, data, { ...article, model: 'mlp', hidden: [16, 16], epochs: 60, lr: 0.02 });
    expect(result.metrics!.testAccuracy).toBeGreaterThanOrEqual(0.85);
    result.model.dispose();
  });
});

describe('saving models without tfjs-node', () => {
  const dir = tempDir();
  afterAll(dir.cleanup);

  it('writes model.json + weights.bin in the TF.js layers format and loads them back to the same predictions', async () => {
    const data = articleData();
    const result = await trainModel(tf, data, { ...article, epochs: 2 });
    const saved = await saveModelFiles(tf, result.model, join(dir.path, 'm'));
    const json = JSON.parse(readFileSync(saved.modelPath, 'utf8')) as { format: string; modelTopology: unknown; weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[] };
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0]!.paths).toEqual(['./weights.bin']);
    expect(json.weightsManifest[0]!.weights.map((w) => w.shape)).toEqual([[10, 10], [10], [10, 1], [1]]);
    expect(readFileSync(saved.weightsPath).length).toBe(saved.weightBytes);
    expect(saved.weightBytes).toBe((100 + 10 + 10 + 1) * 4);
    expect(existsSync(`${saved.modelPath}.tmp-${process.pid}`)).toBe(false);

    const loaded = await loadModelFiles(tf, saved.dir);
    const x = tf.tensor2d(data.test.x, [data.test.rows, 10]);
    const before = result.model.predict(x) as ReturnType<typeof tf.tensor>;
    const after = loaded.predict(x) as ReturnType<typeof tf.tensor>;
    expect(Array.from(await after.data())).toEqual(Array.from(await before.data()));
    [x, before, after].forEach((t) => t.dispose());
    result.model.dispose();
    loaded.dispose();
  });
});

describe('backend selection', () => {
  it('auto: skips the native packages that are not installed and says why in one line', async () => {
    const choice = await selectBackend('auto');
    // On this machine neither native package is installed: wasm is the fastest that works.
    expect(choice.backend).toBe('wasm');
    expect(choice.skipped.map((s) => s.backend)).toEqual(['tensorflow-gpu', 'tensorflow']);
    expect(choice.note).toMatch(/^faster backends skipped: tensorflow-gpu \(.+\); tensorflow \(@tensorflow\/tfjs-node is not installed/);
    expect(choice.note).not.toContain('\n');
    await tf.setBackend('cpu');
  });

  it('a forced backend that is missing is an error naming TRAIN_BACKEND, not a silent fallback', async () => {
    await expect(selectBackend('tensorflow')).rejects.toThrow(BackendUnavailableError);
    await expect(selectBackend('tensorflow')).rejects.toThrow(/TRAIN_BACKEND=tensorflow, but .*@tensorflow\/tfjs-node is not installed/);
    expect((await selectBackend('cpu')).backend).toBe('cpu');
  });

  it('tries GPU only when a CUDA device is visible, then falls through in order', async () => {
    const imported: string[] = [];
    const missing = Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' });
    const probe = (cuda: boolean): BackendProbe => ({
      importModule: async (name) => {
        imported.push(name);
        if (name.includes('tfjs-node')) throw name.endsWith('gpu') ? new Error('libcudart.so.11.0: cannot open shared object file') : missing;
        return import(name);
      },
      cudaDevice: () => ({ visible: cuda, reason: cuda ? 'nvidia-smi lists a GPU' : 'no NVIDIA driver or nvidia-smi found' }),
    });
    const withoutGpu = await selectBackend('auto', probe(false));
    expect(imported.filter((n) => n.includes('tfjs-node'))).toEqual(['@tensorflow/tfjs-node']);
    expect(withoutGpu.note).toContain('tensorflow-gpu (no NVIDIA driver or nvidia-smi found)');
    imported.length = 0;
    const withGpu = await selectBackend('auto', probe(true));
    expect(imported.filter((n) => n.includes('tfjs-node'))).toEqual(['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']);
    expect(withGpu.note).toContain('tensorflow-gpu (@tensorflow/tfjs-node-gpu failed to load: libcudart.so.11.0');
    expect(withGpu.backend).toBe('wasm');
    await tf.setBackend('cpu');
  });
});
