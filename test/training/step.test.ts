/** The hand-written gradients (src/training/tf/step.ts) against TF.js's autograd, on both in-process backends. */
import type * as tfType from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/training/tf/backends.js';
import { buildModel, type Tf } from '../../src/training/tf/model.js';
import { denseGradients } from '../../src/training/tf/step.js';

/** max |a − b| / (1 + max |b|), over all values. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / (1 + scale);
}

describe.each(['cpu', 'wasm'] as const)('denseGradients on %s', (backend) => {
  it('gives the gradients autograd gives for the mean sigmoid cross-entropy, and the model’s own outputs', async () => {
    const tf: Tf = (await selectBackend(backend)).tf;
    // Two hidden layers, so the ReLU masks and the pass back through a hidden kernel are exercised; odd sizes catch a swapped transpose.
    const model = buildModel(tf, { features: 5, hidden: [7, 6] }, { lr: 0.01, seed: 3 });
    const variables = model.trainableWeights.map((w) => w.read() as tfType.Variable);
    const x = tf.randomNormal([9, 5], 0, 1, 'float32', 11) as tfType.Tensor2D;
    const y = tf.cast(tf.greater(tf.randomUniform([9, 1], 0, 1, 'float32', 12), 0.5), 'float32') as tfType.Tensor2D;

    // The reference: plain ops (no fused kernels) on the tape.
    const reference = tf.variableGrads(() => {
      let h: tfType.Tensor = x;
      for (let l = 0; l < variables.length; l += 2) {
        h = tf.add(tf.matMul(h as tfType.Tensor2D, variables[l] as tfType.Tensor2D), variables[l + 1] as tfType.Tensor);
        if (l + 2 < variables.length) h = tf.relu(h);
      }
      return tf.losses.sigmoidCrossEntropy(y, h) as tfType.Scalar;
    }, variables);
    const ours = denseGradients(tf, variables, x, y);

    expect(ours.gradients.map((g) => g.shape)).toEqual(variables.map((v) => v.shape));
    variables.forEach((v, i) => {
      const expected = (reference.grads[v.name] as tfType.Tensor).dataSync();
      expect(relativeError((ours.gradients[i] as tfType.Tensor).dataSync(), expected)).toBeLessThan(1e-5);
      // Not all zeros: the comparison means something.
      expect(Math.max(...Array.from(expected, Math.abs))).toBeGreaterThan(1e-4);
    });
    const predicted = model.predict(x) as tfType.Tensor;
    expect(relativeError(tf.sigmoid(ours.logits).dataSync(), predicted.dataSync())).toBeLessThan(1e-6);
    model.dispose();
  });
});
