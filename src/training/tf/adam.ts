/**
 * The model's Adam step, done in one JavaScript loop over the parameters
 * instead of TF.js's ~13 kernel calls per variable (issue #15). On the
 * in-process backends (cpu, wasm) the tensors live in this process's memory,
 * and on small models AdamOptimizer's calls were most of a step: 10→10→1,
 * batch 32, on wasm, 0.34 ms of about 0.45 ms (some 80 calls on arrays of a
 * few dozen numbers), against 0.02 ms for the loop. On cpu, where each call
 * is a JavaScript loop over the data of its own, the loop wins at any size
 * (10→256→256→1: 1.3 ms against 22 ms).
 *
 * Same numbers as tf.train.adam, bit for bit: the same formula in the same
 * order, every intermediate rounded to float32 (Math.fround) as each float32
 * kernel rounds its output, the same hyperparameters (read from the
 * optimizer's config: learning rate, β1, β2, and ε, which defaults to the
 * backend's), and the same bias correction (β^t kept as TF.js keeps it,
 * multiplied by β once per step in float32). test/training/adam.test.ts
 * checks it against AdamOptimizer on cpu and on wasm.
 *
 * The state stays the optimizer's: `open` reads the moments and the step
 * count out of it (zeros for a fresh model, a checkpoint's after a resume),
 * and `flush` writes them back (`setWeights`, the very names and order
 * `getWeights` gives), so checkpoints save and restore what they did before.
 * Between `open` and `flush` the weights are kept here and every step assigns
 * the variables fresh tensors of them: nothing else may write the variables.
 */
import type * as tfType from '@tensorflow/tfjs';
import type { Tf } from './model.js';

const f32 = Math.fround;

/** What an optimizer's getWeights/setWeights deal in. */
type NamedTensor = { name: string; tensor: tfType.Tensor };

interface AdamConfig {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
}

/**
 * On wasm, the parameter count from which TF.js's own Adam is the faster: its
 * kernels are SIMD, so past a few ten thousand parameters their per-element
 * speed outweighs their per-call cost. Measured per step (10→h→h→1, batch
 * 32): 18k parameters 0.36 ms here vs 0.60 ms, 39k about even, 68k (the
 * benchmark's MLP) 1.2 ms vs 0.9 ms. On cpu the loop always wins (each of
 * that backend's kernels is a JavaScript loop of its own, over the data).
 */
export const WASM_HOST_ADAM_BELOW_PARAMETERS = 32_768;

/** Whether the loop here is the faster Adam step on this backend (tensors in host memory; see above). */
export function hostAdamFits(backend: string, parameters: number): boolean {
  return backend === 'cpu' || (backend === 'wasm' && parameters < WASM_HOST_ADAM_BELOW_PARAMETERS);
}

export class HostAdam {
  private constructor(
    private readonly tf: Tf,
    private readonly optimizer: tfType.Optimizer,
    private readonly variables: readonly tfType.Variable[],
    private readonly config: AdamConfig,
    private readonly names: { m: string[]; v: string[] },
    private readonly weights: Float32Array[],
    private readonly m: Float32Array[],
    private readonly v: Float32Array[],
    private iterations: number,
    /** β1^(t+1) and β2^(t+1) after t steps, as AdamOptimizer's accBeta1/accBeta2. */
    private accBeta1: number,
    private accBeta2: number,
  ) {
    this.copyOnWrite = tf.getBackend() !== 'wasm';
  }

  private readonly copyOnWrite: boolean;
  /** No step since the optimizer last got the state. */
  private flushed = true;

  /**
   * The optimizer's state, ready to step; undefined when the optimizer is not
   * TF.js's Adam or its own kernels are the faster (`hostAdamFits`: other
   * backends keep tensors off the host, where reading gradients back stalls).
   */
  static async open(tf: Tf, optimizer: tfType.Optimizer, variables: readonly tfType.Variable[]): Promise<HostAdam | undefined> {
    const parameters = variables.reduce((n, x) => n + x.size, 0);
    if (optimizer.getClassName() !== 'Adam' || !hostAdamFits(tf.getBackend(), parameters)) return undefined;
    const raw = optimizer.getConfig();
    const config: AdamConfig = { learningRate: Number(raw.learningRate), beta1: Number(raw.beta1), beta2: Number(raw.beta2), epsilon: Number(raw.epsilon) };
    if (!Object.values(config).every(Number.isFinite)) return undefined;
    const state = await optimizer.getWeights();
    const iterations = (await (state[0] as NamedTensor).tensor.data())[0] as number;
    (state[0] as NamedTensor).tensor.dispose(); // a fresh scalar (saveIterations)
    const moments = state.slice(1);
    const n = variables.length;
    let m: Float32Array[];
    let v: Float32Array[];
    let names: { m: string[]; v: string[] };
    if (moments.length === 0) {
      m = variables.map((x) => new Float32Array(x.size));
      v = variables.map((x) => new Float32Array(x.size));
      names = { m: variables.map((x) => `${x.name}/m`), v: variables.map((x) => `${x.name}/v`) };
    } else {
      // AdamOptimizer pairs moments with variables by position, as here.
      const fits = moments.length === 2 * n && moments.every((w, i) => w.tensor.size === (variables[i % n] as tfType.Variable).size);
      if (!fits) throw new Error('HostAdam: the optimizer state does not fit the variables');
      m = await Promise.all(moments.slice(0, n).map(async (w) => Float32Array.from(await w.tensor.data())));
      v = await Promise.all(moments.slice(n).map(async (w) => Float32Array.from(await w.tensor.data())));
      names = { m: moments.slice(0, n).map((w) => w.name), v: moments.slice(n).map((w) => w.name) };
    }
    const weights = await Promise.all(variables.map(async (x) => Float32Array.from(await x.data())));
    // β^(t+1) as an uninterrupted AdamOptimizer holds it after t steps: β, then ×β per step, in float32.
    // (Its setWeights sets pow(β, t+1) instead; the product keeps a resumed job on the very numbers of one that never stopped.)
    let accBeta1 = f32(config.beta1);
    let accBeta2 = f32(config.beta2);
    for (let t = 0; t < iterations; t++) {
      accBeta1 = f32(accBeta1 * f32(config.beta1));
      accBeta2 = f32(accBeta2 * f32(config.beta2));
    }
    return new HostAdam(tf, optimizer, variables, config, names, weights, m, v, iterations, accBeta1, accBeta2);
  }

  /** One Adam step with these gradients (one per variable, same order); assigns the variables their new values. */
  step(gradients: readonly tfType.Tensor[]): void {
    const { beta1, beta2, epsilon, learningRate } = this.config;
    // The scalars TF.js's applyGradients makes from the same numbers (float32 tensors).
    const b1 = f32(beta1);
    const b2 = f32(beta2);
    const oneMinusB1 = f32(1 - beta1);
    const oneMinusB2 = f32(1 - beta2);
    const eps = f32(epsilon);
    const negLr = f32(-learningRate);
    const oneMinusAccBeta1 = f32(1 - this.accBeta1);
    const oneMinusAccBeta2 = f32(1 - this.accBeta2);
    for (let k = 0; k < this.variables.length; k++) {
      const g = (gradients[k] as tfType.Tensor).dataSync() as Float32Array;
      const w = this.weights[k] as Float32Array;
      const m = this.m[k] as Float32Array;
      const v = this.v[k] as Float32Array;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] as number;
        const mi = f32(f32((m[i] as number) * b1) + f32(gi * oneMinusB1));
        const vi = f32(f32((v[i] as number) * b2) + f32(f32(gi * gi) * oneMinusB2));
        m[i] = mi;
        v[i] = vi;
        const mHat = f32(mi / oneMinusAccBeta1);
        const vHat = f32(vi / oneMinusAccBeta2);
        w[i] = f32(f32(f32(mHat / f32(f32(Math.sqrt(vHat)) + eps)) * negLr) + (w[i] as number));
      }
      const variable = this.variables[k] as tfType.Variable;
      // The cpu backend keeps the array it is given as the tensor's storage: give it a copy (wasm copies it itself).
      variable.assign(this.tf.tensor(this.copyOnWrite ? w.slice() : w, variable.shape, 'float32'));
    }
    this.accBeta1 = f32(this.accBeta1 * b1);
    this.accBeta2 = f32(this.accBeta2 * b2);
    this.iterations++;
    this.flushed = false;
  }

  /** Puts the moments and the step count back into the optimizer (before a checkpoint reads them). */
  async flush(): Promise<void> {
    if (this.flushed) return;
    const tf = this.tf;
    const previous = await this.optimizer.getWeights();
    const tensor = (values: Float32Array, k: number): tfType.Tensor => tf.tensor(values.slice(), (this.variables[k] as tfType.Variable).shape, 'float32');
    const state: NamedTensor[] = [
      { name: 'iter', tensor: tf.scalar(this.iterations, 'int32') },
      ...this.m.map((values, k) => ({ name: this.names.m[k] as string, tensor: tensor(values, k) })),
      ...this.v.map((values, k) => ({ name: this.names.v[k] as string, tensor: tensor(values, k) })),
    ];
    await this.optimizer.setWeights(state);
    // setWeights made variables of the new tensors (they hold the data now) and dropped the old moments without disposing them.
    state.forEach((s) => s.tensor.dispose());
    previous.forEach((p) => p.tensor.dispose());
    this.flushed = true;
  }
}
