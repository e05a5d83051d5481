/**
 * Reproduces the accuracy figures in docs/training.md: the article's settings
 * and a few larger learning rates / more epochs, on the default generated data
 * (seed 42), then the mean over seeds 1–20.
 *
 *   npx tsx examples/article-accuracy.ts [cpu|wasm]      (about 30 s)
 */
import { generateDataset } from '../src/training/data/generate.js';
import { prepareData } from '../src/training/data/prepare.js';
import { ARTICLE_DEFAULTS, type TrainParams } from '../src/training/params.js';
import { selectBackend } from '../src/training/tf/backends.js';
import { trainModel } from '../src/training/tf/train.js';

const backend = process.argv[2] === 'wasm' ? 'wasm' : 'cpu';
const { tf } = await selectBackend(backend);
const settings: { label: string; params: Partial<TrainParams> }[] = [
  { label: "the article's (10 epochs, lr 0.001)", params: {} },
  { label: '--epochs 100 --lr 0.01', params: { epochs: 100, lr: 0.01 } },
  { label: '--epochs 50 --lr 0.05', params: { epochs: 50, lr: 0.05 } },
  { label: '--lr 0.03', params: { lr: 0.03 } },
  { label: '--epochs 300', params: { epochs: 300 } },
];

async function testAccuracy(params: TrainParams): Promise<{ test: number; val: number }> {
  const data = prepareData(generateDataset({ generator: 'linear', rows: ARTICLE_DEFAULTS.rows, features: ARTICLE_DEFAULTS.features, seed: params.seed }), params);
  const result = await trainModel(tf, data, params);
  result.model.dispose();
  return { test: result.metrics?.testAccuracy ?? Number.NaN, val: result.metrics?.valAccuracy ?? Number.NaN };
}

console.log(`backend ${backend}; default data: linear, 100 × 10; the article claims 0.92`);
console.log('settings'.padEnd(38), 'seed 42 test/val', '  seeds 1–20: mean test (min–max), seeds ≥ 0.9');
for (const { label, params } of settings) {
  const full: TrainParams = { ...ARTICLE_DEFAULTS, hidden: [10], ...params };
  const at42 = await testAccuracy(full);
  const accs: number[] = [];
  for (let seed = 1; seed <= 20; seed++) accs.push((await testAccuracy({ ...full, seed })).test);
  const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
  console.log(
    label.padEnd(38),
    `${at42.test.toFixed(2)} / ${at42.val.toFixed(2)}`.padEnd(18),
    `${mean.toFixed(3)} (${Math.min(...accs).toFixed(2)}–${Math.max(...accs).toFixed(2)}), ${accs.filter((a) => a >= 0.9 - 1e-6).length}/20`,
  );
}
