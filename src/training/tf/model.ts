/**
 * The networks /train builds. `small` is the article's model (Keras:
 * `Sequential([Dense(10, relu, input_shape=(10,)), Dense(1, sigmoid)])`,
 * Adam, binary cross-entropy, accuracy); `mlp` stacks more hidden layers
 * (the benchmark's 10 → 256 → 256 → 1). Initial weights come from the seed.
 */
import type * as tfType from '@tensorflow/tfjs';
import { subSeed } from '../random.js';

export type Tf = typeof tfType;

export interface ModelShape {
  readonly features: number;
  readonly hidden: readonly number[];
}

export function buildModel(tf: Tf, shape: ModelShape, options: { lr: number; seed: number }): tfType.Sequential {
  const seed = subSeed(options.seed, 'init');
  const model = tf.sequential();
  shape.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        ...(i === 0 ? { inputShape: [shape.features] } : {}),
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        name: `hidden_${i + 1}`,
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      ...(shape.hidden.length === 0 ? { inputShape: [shape.features] } : {}),
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + shape.hidden.length }),
      name: 'output',
    }),
  );
  model.compile({ optimizer: tf.train.adam(options.lr), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Layer widths from input to output: [10, 10, 1]. */
export function layerWidths(shape: ModelShape): number[] {
  return [shape.features, ...shape.hidden, 1];
}

export function parameterCount(shape: ModelShape): number {
  const w = layerWidths(shape);
  let n = 0;
  for (let i = 1; i < w.length; i++) n += (w[i - 1] as number) * (w[i] as number) + (w[i] as number);
  return n;
}

/**
 * FLOPs per sample: a forward pass costs one multiply and one add per weight
 * (2·in·out per dense layer; bias and activation are noise next to that), and
 * a training step about three times the forward pass (forward, gradient with
 * respect to the activations, gradient with respect to the weights).
 */
export function flopsPerSample(shape: ModelShape): { forward: number; train: number } {
  const w = layerWidths(shape);
  let forward = 0;
  for (let i = 1; i < w.length; i++) forward += 2 * (w[i - 1] as number) * (w[i] as number);
  return { forward, train: 3 * forward };
}

/** "10 → Dense 10 ReLU → Dense 1 sigmoid" */
export function describeModel(shape: ModelShape): string {
  return [String(shape.features), ...shape.hidden.map((h) => `Dense ${h} ReLU`), 'Dense 1 sigmoid'].join(' → ');
}
