/**
 * One training step's gradients for the Dense stack buildModel makes (ReLU
 * hidden layers, a linear output whose sigmoid lives in the loss), written
 * out by hand instead of recorded on TF.js's gradient tape.
 *
 * Why by hand: the tape's gradient of a matMul is two matMuls with a
 * transposed operand (dW = hᵀ·δ, δ_prev = δ·Wᵀ), and the wasm backend sends
 * every transposed matMul to a scalar fallback loop (`slow_batch_matmul`);
 * only a plain a·b goes to XNNPACK's SIMD GEMM. On the 10→256→256→1 MLP those
 * fallback loops were most of a step. Here every product is a plain a·b, the
 * transposes done on the batch-sized operands (32×256, not the 256×256
 * weights):
 *
 *   dW_l   = h_{l-1}ᵀ · δ_l                    (h_{l-1}ᵀ transposed first)
 *   db_l   = Σ_rows δ_l
 *   δ_{l-1} = (W_l · δ_lᵀ)ᵀ ⊙ [h_{l-1} > 0]     (ReLU's gradient, from its output)
 *
 * (Other backends read a transposed operand in the matMul itself: there the
 * transposes are left to it.) The tape also costs kernel calls of its own
 * (the loss formula's gradient, identities, zeros, reshapes); this is fewer
 * calls on every backend.
 * The loss is binary cross-entropy from logits, mean over the batch, so
 * dLoss/dz = (sigmoid(z) − y) / batch. Tested against tf's autograd in
 * test/training/step.test.ts.
 */
import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from './model.js';

export interface StepGradients {
  /** The output layer's pre-sigmoid values, [rows, 1]. */
  readonly logits: tfType.Tensor2D;
  /** One per variable, in the variables' order (kernel, bias, kernel, bias…). */
  readonly gradients: tfType.Tensor[];
}

/**
 * Forward pass and gradients of the mean sigmoid cross-entropy for one batch.
 * `variables`: kernel, bias, kernel, bias… from input to output. Call inside
 * a tidy: the intermediates are not disposed here.
 */
export function denseGradients(tf: Tf, variables: readonly tfType.Variable[], x: tfType.Tensor2D, y: tfType.Tensor2D): StepGradients {
  const layers = variables.length / 2;
  // Only wasm runs a transposed matMul slowly; the other backends read the operand transposed for free.
  const plainOnly = tf.getBackend() === 'wasm';
  // inputs[l]: what layer l multiplies (the batch, then each hidden layer's ReLU output).
  const inputs: tfType.Tensor2D[] = [x];
  let h = x;
  for (let l = 0; l < layers; l++) {
    const last = l === layers - 1;
    h = tf.fused.matMul({ a: h, b: variables[2 * l] as tfType.Tensor2D, bias: variables[2 * l + 1] as tfType.Tensor1D, activation: last ? 'linear' : 'relu' }) as tfType.Tensor2D;
    if (!last) inputs.push(h);
  }
  const logits = h;
  const gradients: tfType.Tensor[] = new Array<tfType.Tensor>(variables.length);
  let delta = tf.div<tfType.Tensor2D>(tf.sub(tf.sigmoid(logits), y), x.shape[0]);
  for (let l = layers - 1; l >= 0; l--) {
    const input = inputs[l] as tfType.Tensor2D;
    const kernel = variables[2 * l] as tfType.Tensor2D;
    gradients[2 * l] = plainOnly ? tf.matMul(tf.transpose(input), delta) : tf.matMul(input, delta, true, false);
    gradients[2 * l + 1] = tf.sum(delta, 0);
    if (l > 0) {
      const back = plainOnly ? tf.transpose(tf.matMul(kernel, tf.transpose(delta))) : tf.matMul(delta, kernel, false, true);
      delta = tf.mul(back, tf.step(input));
    }
  }
  return { logits, gradients };
}
